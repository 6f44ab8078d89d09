import { anonCaller, rpc } from '../db';
import { thaiNames } from '../venue/thai-names';

/** The active campaign's prize totals and breakdown (with the prizes' Thai names); public. */
export async function getCampaignStatus() {
  const status = await rpc('get_campaign_status', {}, anonCaller);
  const names = await thaiNames();
  return { ...status, prizeBreakdown: status.prizeBreakdown.map((prize) => ({ ...prize, prize_name_th: names.prize(prize.prize_name).nameTh })) };
}
