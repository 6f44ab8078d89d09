import { z } from 'zod';
import { sqlFunctions } from '../db/functions';
import { defineContract } from '../http/contract';
import { thaiText } from '../venue/brand-record';
import { isoInstant } from '../http/instant';
import { REDEMPTION_CODE } from './redemption-code';

/** A LINE user id as LINE issues them: `U` and 32 hex digits (tests and the demo use the same shape). */
export const LineUserId = z
  .string()
  .trim()
  .regex(/^U[0-9a-zA-Z]{32}$/, { error: 'Not a LINE user id' })
  .describe('LINE user id (`sub` of the LINE ID token)');

// --- GET /api/lucky-draw/campaign-status -------------------------------------------------

export const CampaignStatusResponse = sqlFunctions.get_campaign_status.result.describe(
  'Totals and per-prize inventory of the active campaign (or the last one, with campaignActive false)',
);

// GET /api/lucky-draw/campaign-status
export const campaignStatusContract = defineContract({
  method: 'GET',
  path: '/api/lucky-draw/campaign-status',
  summary: 'Lucky draw campaign status: prizes total, remaining, awarded and per prize',
  tag: 'Lucky draw',
  auth: 'none',
  rateLimit: 'luckyDrawCampaign',
  response: CampaignStatusResponse,
  errors: ['RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

// --- GET /api/lucky-draw/customer-status -------------------------------------------------

export const CustomerStatusQuery = z.object({
  customerId: z.uuid({ error: 'Not a customer id' }).describe("The LINE user's linked customer"),
});

export const CustomerStatusResponse = sqlFunctions.get_lucky_draw_customer_status.result.describe(
  "The customer's draws available and every prize won, newest first",
);

// GET /api/lucky-draw/customer-status?customerId=
export const customerStatusContract = defineContract({
  method: 'GET',
  path: '/api/lucky-draw/customer-status',
  summary: "A LINE user's draws and prizes; `Authorization: Bearer <LINE ID token>` (60/min per LINE user)",
  tag: 'Lucky draw',
  auth: 'line',
  rateLimit: 'luckyDrawCustomer',
  query: CustomerStatusQuery,
  response: CustomerStatusResponse,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'LINE_TOKEN_INVALID', 'CUSTOMER_NOT_LINKED', 'FORBIDDEN', 'PROFILE_NOT_FOUND', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

// --- POST /api/liff/spin -----------------------------------------------------------------

export const SpinRequest = z.object({
  customerId: z.uuid({ error: 'Not a customer id' }).describe("The LINE user's linked customer"),
  lineUserId: LineUserId,
});

export const SpinResponse = z.object({
  success: z.literal(true),
  prize: z.string().describe('Name of the prize won'),
  prizeTh: thaiText("The prize's name"),
  prizeDescription: z.string(),
  prizeDescriptionTh: thaiText("The prize's description"),
  redemptionCode: z.string().regex(REDEMPTION_CODE).describe('Code the customer shows staff: LG + 8 unambiguous characters'),
  drawsRemaining: z.number().int().min(0),
  prizeId: z.uuid().describe('The awarded prize, as POST /api/lucky-draw/redeem takes it (addition to the spec)'),
});

// POST /api/liff/spin
export const spinContract = defineContract({
  method: 'POST',
  path: '/api/liff/spin',
  summary: 'Spend one draw and win a prize (weighted by remaining stock); `Authorization: Bearer <LINE ID token>` (10/min per LINE user)',
  tag: 'Lucky draw',
  auth: 'line',
  body: SpinRequest,
  response: SpinResponse,
  errors: [
    'VALIDATION_ERROR', 'AUTH_REQUIRED', 'LINE_TOKEN_INVALID', 'NO_DRAWS_AVAILABLE', 'CUSTOMER_NOT_LINKED', 'FORBIDDEN',
    'PROFILE_NOT_FOUND', 'NO_PRIZES_AVAILABLE', 'CAMPAIGN_NOT_ACTIVE', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE',
  ],
});

// --- POST /api/lucky-draw/redeem ---------------------------------------------------------

export const RedeemRequest = z.object({
  prizeId: z.uuid({ error: 'Not a prize id' }).describe('The awarded prize (`prizes[].id` of customer-status)'),
  staffName: z
    .string()
    .trim()
    .min(1, 'Enter the staff name')
    .max(80)
    .optional()
    .describe("The spec's field, still accepted (and optional): the redemption records the signed-in staff account's display name instead"),
});

export const RedeemResponse = sqlFunctions.redeem_lucky_draw_prize.result;

// POST /api/lucky-draw/redeem
export const redeemContract = defineContract({
  method: 'POST',
  path: '/api/lucky-draw/redeem',
  summary: "Staff mark an awarded prize handed over, once, from their own signed-in staff session (recorded under the account's display name)",
  tag: 'Lucky draw',
  auth: 'staff',
  rateLimit: 'luckyDrawRedeem',
  body: RedeemRequest,
  response: RedeemResponse,
  errors: ['VALIDATION_ERROR', 'FORBIDDEN', 'PRIZE_ALREADY_REDEEMED', 'PRIZE_NOT_FOUND', 'CAMPAIGN_ENDED', 'RATE_LIMIT_EXCEEDED'],
});

// --- POST /api/lucky-draw/sales-transactions (system) ------------------------------------

export const RecordSalesTransactionRequest = z.object({
  transactionId: z.string().trim().min(1).max(100).describe("The POS's id of the sales transaction; posting it again credits nothing"),
  customerId: z.uuid({ error: 'Not a customer id' }),
  amountThb: z.number().nonnegative().max(100_000_000).describe('Transaction total in baht; 500 or more earns one draw'),
  occurredAt: isoInstant('occurredAt must be an ISO 8601 instant between 2000 and 2100').optional().describe('When the sale happened (default now); decides the campaign'),
});

export const RecordSalesTransactionResponse = sqlFunctions.record_sales_transaction.result.describe(
  'drawsCredited is 1 for a new qualifying transaction, else 0; duplicate is true when the id was recorded before',
);

// POST /api/lucky-draw/sales-transactions
export const recordSalesTransactionContract = defineContract({
  method: 'POST',
  path: '/api/lucky-draw/sales-transactions',
  summary: 'Record a POS sales transaction (credits one draw per transaction of 500 THB or more, once); SYSTEM_API_KEY',
  tag: 'Lucky draw',
  auth: 'system',
  body: RecordSalesTransactionRequest,
  response: RecordSalesTransactionResponse,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'CUSTOMER_NOT_FOUND', 'CONFLICT'],
});
