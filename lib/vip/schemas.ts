import { VipStatusResult } from '../db/functions';
import { cachePolicies } from '../http/caching';
import { defineContract } from '../http/contract';

export const VipStatusResponse = VipStatusResult.describe("The member's link to a venue customer record");

// GET /api/vip/status
export const vipStatusContract = defineContract({
  method: 'GET',
  path: '/api/vip/status',
  summary: "The signed-in member's CRM link status",
  tag: 'VIP',
  auth: 'required',
  rateLimit: 'vip',
  cache: cachePolicies.vipStatus,
  response: VipStatusResponse,
  errors: ['AUTH_REQUIRED', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});
