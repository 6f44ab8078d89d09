import { z } from 'zod';
import { getAvailabilityContract, checkAvailabilityContract } from '../availability/schemas';
import { healthContract } from '../health/schemas';
import { createCalendarEventContract } from '../bookings/calendar-schemas';
import { createBookingContract } from '../bookings/schemas';
import { processOutboxContract, processOutboxGetContract } from '../outbox/schemas';
import {
  cancelVipBookingContract,
  linkAccountContract,
  modifyVipBookingContract,
  updateVipProfileContract,
  vipBookingsContract,
  vipPackagesContract,
  vipProfileContract,
  vipStatusContract,
} from '../vip/schemas';
import {
  cleanupVipSessionsContract,
  cleanupVipSessionsGetContract,
  createVipSessionContract,
  validateVipSessionContract,
  vipSessionAnalyticsContract,
} from '../vip-sessions/schemas';
import {
  campaignStatusContract,
  customerStatusContract,
  recordSalesTransactionContract,
  redeemContract,
  spinContract,
} from '../lucky-draw/schemas';
import { liffMeContract } from '../lucky-draw/liff-me';
import {
  emailCancellationContract,
  lineReviewRequestContract,
  processReviewRequestsContract,
  processReviewRequestsGetContract,
  scheduleReviewRequestContract,
  sendEmailNotificationContract,
  sendLineNotificationContract,
  sendReviewRequestContract,
} from '../notifications/schemas';
import { calendarRetryContract, retryOutboxJobContract } from '../admin/schemas';
import type { RouteContract } from './contract';
import { errorCodes } from './errors';

/** Every implemented route's contract; the OpenAPI document lists exactly these. */
export const contracts: RouteContract[] = [
  getAvailabilityContract,
  checkAvailabilityContract,
  createBookingContract,
  createCalendarEventContract,
  vipStatusContract,
  vipPackagesContract,
  processOutboxContract,
  processOutboxGetContract,
  healthContract,
  vipProfileContract,
  updateVipProfileContract,
  linkAccountContract,
  vipBookingsContract,
  modifyVipBookingContract,
  cancelVipBookingContract,
  createVipSessionContract,
  validateVipSessionContract,
  vipSessionAnalyticsContract,
  cleanupVipSessionsContract,
  cleanupVipSessionsGetContract,
  campaignStatusContract,
  customerStatusContract,
  spinContract,
  liffMeContract,
  redeemContract,
  recordSalesTransactionContract,
  sendLineNotificationContract,
  sendEmailNotificationContract,
  emailCancellationContract,
  scheduleReviewRequestContract,
  sendReviewRequestContract,
  lineReviewRequestContract,
  processReviewRequestsContract,
  processReviewRequestsGetContract,
  calendarRetryContract,
  retryOutboxJobContract,
];

const ErrorEnvelope = z.object({
  error: z.string().describe('Human-readable message'),
  code: z.enum(Object.keys(errorCodes) as [string, ...string[]]).describe('Stable error code'),
  details: z.unknown().optional().describe('More about the error, e.g. `fields` for validation errors'),
  timestamp: z.string().describe('ISO timestamp'),
  path: z.string().describe('Request path'),
});

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/** The OpenAPI 3.1 document of the API, generated from the route contracts. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contract of contracts) {
    const responses: Record<string, unknown> = {
      [String(contract.successStatus ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchema(contract.response, 'output') } },
      },
    };
    // Every route that needs a credential can refuse with 401; a failed secret check is throttled (429).
    const errors = new Set(contract.errors);
    if (['member', 'line', 'admin', 'system', 'cron'].includes(contract.auth)) errors.add('AUTH_REQUIRED');
    if (['staff', 'admin', 'system', 'cron'].includes(contract.auth)) errors.add('RATE_LIMIT_EXCEEDED');
    for (const code of errors) {
      const { status, message } = errorCodes[code];
      responses[String(status)] = {
        description: `${code}: ${message}`,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
      };
    }
    for (const [status, { description, schema }] of Object.entries(contract.otherResponses ?? {})) {
      responses[status] = { description, content: { 'application/json': { schema: jsonSchema(schema, 'output') } } };
    }
    const requestBody = contract.body ?? contract.ownBody;
    const parameters = contract.query
      ? Object.entries(contract.query.shape).map(([name, schema]) => ({
          name,
          in: 'query',
          required: !(schema as z.ZodType).safeParse(undefined).success,
          schema: jsonSchema(schema as z.ZodType, 'input'),
        }))
      : undefined;
    const pathParameters = Object.keys(contract.params?.shape ?? {}).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    paths[contract.path] ??= {};
    paths[contract.path]![contract.method.toLowerCase()] = {
      summary: contract.summary,
      tags: [contract.tag],
      ...(contract.auth === 'member' ? { security: [{ bearerAuth: [] }, { sessionCookie: [] }] } : {}),
      ...(contract.auth === 'cron' || contract.auth === 'system' ? { security: [{ [`${contract.auth}Secret`]: [] }] } : {}),
      ...(parameters || pathParameters.length ? { parameters: [...pathParameters, ...(parameters ?? [])] } : {}),
      ...(requestBody
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(requestBody, 'input') } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Golf bay booking API', version: '1.0.0' },
    paths,
    components: {
      schemas: { ErrorEnvelope: jsonSchema(ErrorEnvelope, 'output') },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'The NextAuth session token' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' },
        cronSecret: { type: 'http', scheme: 'bearer', description: 'CRON_SECRET' },
        systemSecret: { type: 'http', scheme: 'bearer', description: 'SYSTEM_API_KEY' },
      },
    },
  };
}
