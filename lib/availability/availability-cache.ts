import { z } from 'zod';
import { anonCaller, rpc } from '../db';
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

/** The days this instance keeps, oldest computed first. */
const days = new Map<string, Day>();

/**
 * The newest answered check of the kept days' versions (get_availability_versions): when it was
 * sent (performance.now()) and what it answered. A day is served from the cache while such a
 * check, sent less than FRESH_MS ago, found it at its version: every change committed before the
 * check was sent shows in it.
 */
let lastCheck: { sentAt: number; versions: Map<string, string> } | null = null;
let checking = false;
/** Whether the last check failed (logged once per run of failures). */
let checkFailing = false;
let checkTimer: NodeJS.Timeout | undefined;
/** How often the kept days are checked, and how old the last answered check may be. */
const CHECK_MS = 200;
const FRESH_MS = 600;

/** Checks the kept days' versions (one query; none while nothing is kept) and drops those that moved. */
async function checkVersions(): Promise<void> {
  if (checking || days.size === 0) return;
  checking = true;
  const sentAt = performance.now();
  try {
    const versions = new Map(Object.entries(await rpc('get_availability_versions', { p_dates: [...days.keys()] }, anonCaller)));
    for (const [date, day] of days) if (versions.has(date) && versions.get(date) !== day.version) days.delete(date);
    lastCheck = { sentAt, versions };
    checkFailing = false;
  } catch (error) {
    // The cache is not current until a check is answered again: meanwhile each request reads its day's version.
    if (!checkFailing) console.error('availability cache: checking the kept days failed:', (error as Error).message);
    checkFailing = true;
  } finally {
    checking = false;
  }
}

function keepChecking() {
  if (checkTimer) return;
  checkTimer = setInterval(() => void checkVersions(), CHECK_MS);
  checkTimer.unref();
}

/** Whether `day` of `date` is current as of a check sent less than FRESH_MS ago. */
const checkedCurrent = (date: string, day: Day) =>
  lastCheck !== null && performance.now() - lastCheck.sentAt < FRESH_MS && lastCheck.versions.get(date) === day.version;

/** Days kept at most (any date can be asked for; the oldest computed goes first). */
const MAX_DAYS = 200;

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
 * - The versions of the days kept are checked five times a second, on every transport (one
 *   query for all of them): a kept day is served with no query while the last check, sent less
 *   than 0.6 s ago, found it at its version, so a change committed more than 0.6 s ago is never
 *   served over. Nothing has to announce a change (NOTIFY would make every booking's commit wait
 *   for the one before: migration 20261203120000).
 * - Otherwise (a day computed since the last check, or checks not answered lately) one cheap
 *   query reads the day's version; the cached day serves when it matches.
 * - Time-dependent marks (past, too_soon, the booking window) change only at known instants (a
 *   slot's start, a start minus the notice, midnight): a day is kept until the next one and the
 *   ETag names it (validUntil), so an ETag holds until the answer would really differ. The
 *   period's length is counted on this instance's clock from before the query was sent, so
 *   clock skew between app and database never stretches it.
 * - A request whose If-None-Match names the current ETag gets no body and computes nothing.
 */
export async function availabilityAnswer(date: string, ifNoneMatch: string | null): Promise<AvailabilityAnswer> {
  keepChecking();
  const cached = days.get(date);
  if (cached && Date.now() < cached.expiresAt && checkedCurrent(date, cached)) return { ...cached, source: 'cache' };

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
  // Kept with its own version: a check that finds the day at another one drops it.
  days.delete(date);
  days.set(date, day);
  if (days.size > MAX_DAYS) days.delete(days.keys().next().value!);
  return { ...day, source: 'database' };
}
