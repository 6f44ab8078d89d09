import { anonCaller, rpc } from '../db';

/** The active campaign's prize totals and breakdown (with the prizes' Thai names); public. */
export const getCampaignStatus = () => rpc('get_campaign_status', {}, anonCaller);
