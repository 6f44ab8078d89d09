import { memberCaller, rpc } from '../db';
import { AppError } from '../http/errors';
import { deliverInline } from '../outbox/inline-delivery';

export type LinkAccountOutcome =
  | { kind: 'linked'; body: { message: string; status: 'linked_matched'; crmCustomerId: string } }
  | {
      kind: 'verification_required';
      body: {
        message: string;
        status: 'verification_required';
        crmCustomerId: null;
        verification: { channel: 'email'; destination: string; expiresAt: string };
      };
    };

/**
 * Links the member to the customer record with this phone (E.164): at once when their
 * verified email is the record's, else after the 6-digit code emailed to the record.
 */
export async function linkAccount(profileId: string, phone: string, code: string | undefined): Promise<LinkAccountOutcome> {
  const result = await rpc('link_vip_account', { p_phone: phone, p_code: code }, memberCaller(profileId));
  if (result.outcome === 'linked') {
    return { kind: 'linked', body: { message: 'Account linked successfully.', status: 'linked_matched', crmCustomerId: result.crmCustomerId } };
  }
  if (result.outcome === 'code_invalid') {
    throw new AppError('LINK_CODE_INVALID', undefined, { reason: result.reason, attemptsLeft: result.attemptsLeft });
  }
  // The code email is a job without a booking: the processor picks it up with any due job.
  await deliverInline({ limit: 5 }, 'link-account: inline delivery of the code email');
  return {
    kind: 'verification_required',
    body: {
      message: `Verification needed: we sent a 6-digit code to ${result.destination}. Send it with the same phone number to link your account.`,
      status: 'verification_required',
      crmCustomerId: null,
      verification: { channel: 'email', destination: result.destination, expiresAt: result.expiresAt },
    },
  };
}
