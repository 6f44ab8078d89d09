import { z } from 'zod';
import { anonCaller, databaseNotices, rpc } from '../db';
import type { ChannelListener } from '../db/notifications';
import { etagOf, matchesEtag } from '../http/caching';
import { AvailabilityResponse } from './schemas';

/** A computed day, kept per app instance. */
interface Day {
  /** get_availability_version's version and the period of the day's time-dependent marks. */
  version: string;
  validUntil: string;
  /** This instance's clock (ms) when the period ends: the day is not served from the cache after it. */
  expiresAt: number;
  etag: string;
  json: string;
  computedAt: Date;
}

export interface AvailabilityAnswer {
  etag: string;
  /** null: the request's If-None-Match names `etag`, and the day was not computed for it. */
  json: string | null;
  computedAt: Date;
  /** Where it came from: the cache as it stood, the cache after a version read, or the database. */
  source: 'cache' | 'version' | 'database';
}

/** The migration's NOTIFY channel (20261202007000): payload '2026-12-03,2026-12-04' or '*'. */
const CHANNEL = 'availability';

const days = new Map<string, Day>();
/** Counts notices per day (and resets): a day computed while one arrived is not kept. */
const dayChanges = new Map<string, number>();
let resets = 0;

const notices: ChannelListener = {
  notified(payload) {
    if (payload === '*') return notices.reset();
    for (const day of payload.split(',')) {
      days.delete(day);
      dayChanges.set(day, (dayChanges.get(day) ?? 0) + 1);
    }
  },
  reset() {
    days.clear();
    dayChanges.clear();
    resets++;
  },
};

/** Days kept at most (any date can be asked for; the oldest computed goes first). */
const MAX_DAYS = 200;

const changesOf = (date: string) => `${resets}:${dayChanges.get(date) ?? 0}`;

// The answer's shape is part of every ETag: a deploy that changes it (a new field) never
// answers 304 to a body of the old shape.
let shape: string | undefined;
const shapeOf = () => (shape ??= etagOf(JSON.stringify(z.toJSONSchema(AvailabilityResponse, { unrepresentable: 'any' }))));

/** The ETag of a day at a version: the same on every instance, known without computing the day. */
export const availabilityEtag = (date: string, at: { version: string; validUntil: string }) => etagOf(`${shapeOf()}|${date}|${at.version}|${at.validUntil}`);

/**
 * A venue-local day's availability as JSON, and its ETag, from this instance's cache when it
 * is known to be current, else from the database:
 *
 * - On the pg transports the cache is current while its LISTEN connection is (every change
 *   committed more than ~0.6 s ago has been announced and has dropped the day): no query.
 * - Otherwise (the Supabase transport, or notices not current) one cheap query reads the
 *   day's version; the cached day serves when it matches.
 * - Time-dependent marks (past, too_soon, the booking window) change only at known instants (a
 *   slot's start, a start minus the notice, midnight): a day is kept until the next one and the
 *   ETag names it (validUntil), so an ETag holds until the answer would really differ. The
 *   period's length is counted on this instance's clock from before the query was sent, so
 *   clock skew between app and database never stretches it.
 * - A request whose If-None-Match names the current ETag gets no body and computes nothing.
 */
export async function availabilityAnswer(date: string, ifNoneMatch: string | null): Promise<AvailabilityAnswer> {
  const subscription = await databaseNotices(CHANNEL, notices);
  const cached = days.get(date);
  if (cached && subscription?.isCurrent() && Date.now() < cached.expiresAt) return { ...cached, source: 'cache' };

  const changes = changesOf(date);
  if (cached || ifNoneMatch) {
    const current = await rpc('get_availability_version', { p_date: date }, anonCaller);
    const etag = availabilityEtag(date, current);
    if (cached?.etag === etag) return { ...cached, source: 'version' };
    if (ifNoneMatch && matchesEtag(ifNoneMatch, etag)) return { etag, json: null, computedAt: new Date(), source: 'version' };
  }

  const asked = Date.now();
  const { availability, version, validUntil, validForMs } = await rpc('get_availability_versioned', { p_date: date }, anonCaller);
  const etag = availabilityEtag(date, { version, validUntil });
  const day: Day = { version, validUntil, expiresAt: asked + validForMs, etag, json: JSON.stringify(AvailabilityResponse.parse(availability)), computedAt: new Date() };
  // A notice that arrived meanwhile may be about a change this computation did not see.
  if (changesOf(date) === changes) {
    days.delete(date);
    days.set(date, day);
    if (days.size > MAX_DAYS) days.delete(days.keys().next().value!);
  }
  return { ...day, source: 'database' };
}
