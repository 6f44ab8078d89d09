import { z } from 'zod';
import { rpc, serviceCaller } from '../db';
import { sqlFunctions } from '../db/functions';
import { defineContract } from '../http/contract';

export const MarketingConsentsParams = z.object({ profileId: z.string().uuid('profileId must be a UUID').describe('The member profile') });
export const MarketingConsentsResponse = z.object({
  consents: sqlFunctions.list_marketing_consents.result.describe('Every grant and withdrawal of marketing consent, oldest first (empty: never asked, marketing off)'),
});

// GET /api/staff/profiles/{profileId}/marketing-consents
export const marketingConsentsContract = defineContract({
  method: 'GET',
  path: '/api/staff/profiles/{profileId}/marketing-consents',
  summary: "Staff read when and how a member gave or withdrew marketing consent (PDPA record; extension)",
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  params: MarketingConsentsParams,
  response: MarketingConsentsResponse,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

/** A profile's consent record, for staff (the route has checked who asks; the service role reads it). */
export async function listMarketingConsents(profileId: string) {
  return { consents: await rpc('list_marketing_consents', { p_profile_id: profileId }, serviceCaller) };
}
