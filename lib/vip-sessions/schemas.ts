import { z } from 'zod';
import { VipCodeInfo, VipSessionAnalytics } from '../db/functions';
import { defineContract, defineCronContracts } from '../http/contract';

/** What a demo session tells the guest, in the spec's words. */
export const DEMO_MESSAGE = 'You are viewing in demo mode. Some features may be limited.';
/** The spec's message of the validation 401. */
export const INVALID_SESSION_MESSAGE = 'Invalid or expired session token';

/** Laravel-style messages, as the spec's 422 example shows them ("The vip code field is required."). */
const requiredString = (label: string) =>
  z
    .string({ error: (issue) => (issue.input == null ? `The ${label} field is required.` : `The ${label} must be a string.`) })
    .trim()
    .min(1, { error: `The ${label} field is required.`, abort: true });

export const VipCode = requiredString('vip code')
  .min(4, 'The vip code must be at least 4 characters.')
  .max(12, 'The vip code must not be greater than 12 characters.')
  .regex(/^[A-Za-z0-9]*$/, 'The vip code format is invalid.')
  .describe('The VIP code from the concierge: 4 to 12 letters or digits, any case; surrounding spaces are ignored');

export const CreateVipSessionRequest = z.object({ vip_code: VipCode });

const ExpiresAt = z.string().describe('ISO 8601 instant (UTC, milliseconds) when the session expires: 24 hours from creation');

const VipSessionOpened = z.object({
  session_token: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('The session token, 64 hex characters; shown once, the server keeps only its SHA-256'),
  expires_at: ExpiresAt,
  is_demo: z.literal(false),
  vip_code: VipCodeInfo,
});

const DemoSessionOpened = z.object({
  session_token: z
    .string()
    .regex(/^demo_[0-9]+$/)
    .describe('demo_<unix seconds of creation>; opens no real data'),
  expires_at: ExpiresAt,
  is_demo: z.literal(true),
  demo_message: z.string().describe('Explains demo mode'),
});

export const CreateVipSessionResponse = z.object({
  success: z.literal(true),
  data: z.union([VipSessionOpened, DemoSessionOpened]).describe('A real session for a valid active code, else a demo session'),
});
export type CreateVipSessionResponse = z.infer<typeof CreateVipSessionResponse>;

export const VipSessionInvalidData = z
  .object({
    message: z.literal('The given data was invalid.'),
    errors: z.record(z.string(), z.array(z.string())).describe('Messages per field, e.g. `vip_code`'),
  })
  .describe("The spec's validation body");

const serverError = (message: string) => z.object({ message: z.literal(message) }).describe('Nothing about the cause reaches the client');

export const ValidateVipSessionRequest = z.object({
  session_token: requiredString('session token').describe('The token from POST /api/vip/sessions (64 hex characters, or demo_<seconds>)'),
});

const ValidVipSession = z.object({
  valid: z.literal(true),
  is_demo: z.literal(false),
  session: z.object({ id: z.number().int(), expires_at: ExpiresAt }),
  vip_code: VipCodeInfo,
});

const ValidDemoSession = z.object({
  valid: z.literal(true),
  is_demo: z.literal(true),
  session: z.object({ id: z.null().describe('Demo sessions have no server-side session'), expires_at: ExpiresAt }),
  demo_message: z.string(),
});

export const ValidateVipSessionResponse = z.object({
  success: z.literal(true),
  data: z.union([ValidVipSession, ValidDemoSession]),
});
export type ValidateVipSessionResponse = z.infer<typeof ValidateVipSessionResponse>;

export const InvalidVipSession = z
  .object({
    success: z.literal(false),
    data: z.object({ valid: z.literal(false), message: z.literal(INVALID_SESSION_MESSAGE) }),
  })
  .describe('Unknown, malformed, expired or revoked token (or its code was deactivated)');

export const VipSessionAnalyticsResponse = z.object({ success: z.literal(true), data: VipSessionAnalytics });

export const CleanupVipSessionsResponse = z.object({
  removed: z.number().int().describe('Expired sessions removed by this run'),
});

// POST /api/vip/sessions
export const createVipSessionContract = defineContract({
  method: 'POST',
  path: '/api/vip/sessions',
  summary: 'Open a 24-hour VIP session from a concierge code (an unknown or inactive code opens a demo session)',
  tag: 'VIP sessions',
  auth: 'none',
  rateLimit: 'vipCode',
  ownBody: CreateVipSessionRequest,
  response: CreateVipSessionResponse,
  otherResponses: {
    422: { description: 'The vip_code is missing or not 4 to 12 letters or digits', schema: VipSessionInvalidData },
    500: { description: 'The session could not be created', schema: serverError('Unable to create session') },
  },
  errors: ['RATE_LIMIT_EXCEEDED'],
});

// POST /api/vip/sessions/validate
export const validateVipSessionContract = defineContract({
  method: 'POST',
  path: '/api/vip/sessions/validate',
  summary: 'Validate a VIP session token (sent in the JSON body): its session, code and concierge',
  tag: 'VIP sessions',
  auth: 'none',
  rateLimit: 'vip',
  ownBody: ValidateVipSessionRequest,
  response: ValidateVipSessionResponse,
  otherResponses: {
    401: { description: 'Invalid or expired session token', schema: InvalidVipSession },
    422: { description: 'The session_token is missing or not a string', schema: VipSessionInvalidData },
    500: { description: 'The session could not be validated', schema: serverError('Unable to validate session') },
  },
  errors: ['RATE_LIMIT_EXCEEDED'],
});

// GET /api/vip/sessions/analytics
export const vipSessionAnalyticsContract = defineContract({
  method: 'GET',
  path: '/api/vip/sessions/analytics',
  summary: 'Counts of VIP sessions: total, active, expired, created in the last 24 h / 7 d / 30 d (staff only: the spec says any member; README)',
  tag: 'VIP sessions',
  auth: 'staff',
  rateLimit: 'vip',
  response: VipSessionAnalyticsResponse,
  errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

// GET|POST /api/cron/cleanup-vip-sessions (GET for schedulers that can only GET)
export const { post: cleanupVipSessionsContract, get: cleanupVipSessionsGetContract } = defineCronContracts(
  '/api/cron/cleanup-vip-sessions',
  'Remove expired VIP sessions; for the scheduler, with CRON_SECRET',
  'Operations',
  CleanupVipSessionsResponse,
);
