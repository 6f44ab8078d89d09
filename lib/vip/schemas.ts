import { sqlFunctions, VipStatusResult } from '../db/functions';
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

export const VipPackagesResponse = sqlFunctions.get_my_packages.result.describe("The member's hour packages: active, and depleted or expired");

// GET /api/vip/packages
export const vipPackagesContract = defineContract({
  method: 'GET',
  path: '/api/vip/packages',
  summary: "The signed-in member's hour packages",
  tag: 'VIP',
  auth: 'required',
  rateLimit: 'vip',
  cache: cachePolicies.packages,
  response: VipPackagesResponse,
  errors: ['AUTH_REQUIRED', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});
