import { z } from 'zod';
import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';
import { DaySheet } from '../db/functions';
import { cachePolicies, cachedJsonText, etagOf } from '../http/caching';
import { defineContract } from '../http/contract';
import { VenueDate } from '../venue/fields';

export const DaySheetQuery = z.object({ date: VenueDate });
export const DaySheetResponse = DaySheet.describe("A venue-local day's bookings for the front desk");

// GET /api/staff/day-sheet
export const daySheetContract = defineContract({
  method: 'GET',
  path: '/api/staff/day-sheet',
  summary:
    "The front desk's day sheet: a venue-local day's bookings by bay and start with customer, people, package, notes, VIP code, delivery states and attendance (staff session; ETag: poll with If-None-Match, 304 while the day is unchanged)",
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  cache: cachePolicies.staffDaySheet,
  query: DaySheetQuery,
  response: DaySheetResponse,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

// The answer's shape is part of the ETag (as for availability): a deploy that changes it never
// answers 304 to a body of the old shape. The sheet's version follows it in clear, so a poll
// hands it back to SQL, which then builds nothing while the day is unchanged.
let shape: string | undefined;
const shapeOf = () => (shape ??= etagOf(JSON.stringify(z.toJSONSchema(DaySheetResponse, { unrepresentable: 'any' }))).slice(1, 11));
const etagOfVersion = (version: string) => `"ds.${shapeOf()}.${version}"`;

/** The sheet version an If-None-Match names, when it names one of this shape. */
function knownVersion(ifNoneMatch: string | null): string | null {
  const prefix = `ds.${shapeOf()}.`;
  for (const candidate of ifNoneMatch?.split(',') ?? []) {
    const tag = candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    if (tag.startsWith(prefix) && /^[0-9a-f]{32}$/.test(tag.slice(prefix.length))) return tag.slice(prefix.length);
  }
  return null;
}

/** GET /api/staff/day-sheet: the day's sheet as the staff member sees it (SQL checks they are staff), or 304. */
export async function daySheetResponse(staff: StaffIdentity, request: Request, date: string): Promise<Response> {
  const answer = await rpc('get_staff_day_sheet', { p_date: date, p_known_version: knownVersion(request.headers.get('if-none-match')) }, callerOfStaff(staff));
  // rpc parsed the sheet with DaySheet, which the response is.
  const json = answer.sheet ? JSON.stringify(answer.sheet) : null;
  return cachedJsonText(request, { json, etag: etagOfVersion(answer.version) }, cachePolicies.staffDaySheet, new Headers());
}
