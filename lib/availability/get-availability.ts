import { cachePolicies, cachedJsonText } from '../http/caching';
import { availabilityAnswer } from './availability-cache';

/**
 * GET /api/availability: slots of every active bay on a venue-local date (YYYY-MM-DD), with an
 * ETag derived from the day's version, so a revalidation that still matches costs no computing.
 */
export async function availabilityResponse(request: Request, date: string): Promise<Response> {
  const answer = await availabilityAnswer(date, request.headers.get('if-none-match'));
  // Which way the answer came (standard Server-Timing), for operators and the invalidation tests.
  const headers = new Headers({ 'Server-Timing': `availability;desc=${answer.source}` });
  return cachedJsonText(request, answer, cachePolicies.availability, headers, answer.computedAt);
}
