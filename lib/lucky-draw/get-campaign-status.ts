import { anonCaller, rpc } from '../db';

/** The active campaign's prize totals and breakdown; public. */
export function getCampaignStatus() {
  return rpc('get_campaign_status', {}, anonCaller);
}
