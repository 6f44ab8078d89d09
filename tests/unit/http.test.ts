import { describe, expect, it } from 'vitest';
import { DbError, httpStatusOfSqlState } from '@/lib/db/errors';
import { cachedJson, cachePolicies } from '@/lib/http/caching';
import { AppError, errorCodes, toAppError } from '@/lib/http/errors';
import { messages } from '@/lib/i18n/messages';

describe('SQLSTATE to HTTP status, as PostgREST maps them', () => {
  it.each([
    ['PT409', false, 409],
    ['PT400', false, 400],
    ['PT503', false, 503],
    ['23505', false, 409],
    ['23503', false, 409],
    ['23P01', false, 400],
    ['42883', false, 404],
    ['42P01', false, 404],
    ['42501', true, 401],
    ['42501', false, 403],
    ['P0001', false, 400],
    ['P0002', false, 500],
    ['08006', false, 503],
    ['53300', false, 503],
    ['57014', false, 503],
    ['40001', false, 503],
    ['40P01', false, 503],
    ['57P01', false, 503],
    ['28P01', false, 403],
    ['22007', false, 400],
    ['XX000', false, 500],
  ])('%s (anonymous: %s) -> %i', (sqlState, anonymous, status) => {
    expect(httpStatusOfSqlState(sqlState, anonymous)).toBe(status);
  });
});

describe('toAppError', () => {
  it('keeps codes the SQL raised on purpose, with their details', () => {
    const error = toAppError(new DbError(409, 'PT409', 'SLOT_UNAVAILABLE', '{"bay":"Bay 1"}'));
    expect(error).toMatchObject({ status: 409, code: 'SLOT_UNAVAILABLE', details: { bay: 'Bay 1' } });
  });

  it('never passes on an internal message', () => {
    const error = toAppError(new DbError(400, '23502', 'null value in column "bay_id" of relation "bookings"'));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).not.toContain('bookings');
    expect(toAppError(new TypeError('x is undefined'))).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
  });

  it('has one status per code', () => {
    expect(new AppError('RATE_LIMIT_EXCEEDED').status).toBe(429);
    for (const [code, { status }] of Object.entries(errorCodes)) expect(new AppError(code as keyof typeof errorCodes).status).toBe(status);
  });
});

describe('cachedJson', () => {
  const request = (ifNoneMatch?: string) => new Request('http://localhost/x', { headers: ifNoneMatch ? { 'If-None-Match': ifNoneMatch } : {} });

  it('gives the same strong ETag for the same body and 304 for a match in a list or weak form', () => {
    const first = cachedJson(request(), { a: 1 }, cachePolicies.availability, new Headers());
    const etag = first.headers.get('etag')!;
    expect(cachedJson(request(), { a: 1 }, cachePolicies.availability, new Headers()).headers.get('etag')).toBe(etag);
    expect(cachedJson(request(), { a: 2 }, cachePolicies.availability, new Headers()).headers.get('etag')).not.toBe(etag);
    expect(cachedJson(request(`"other", ${etag}`), { a: 1 }, cachePolicies.availability, new Headers()).status).toBe(304);
    expect(cachedJson(request(`W/${etag}`), { a: 1 }, cachePolicies.availability, new Headers()).status).toBe(304);
    expect(cachedJson(request('"other"'), { a: 1 }, cachePolicies.availability, new Headers()).status).toBe(200);
  });

  it('marks private data private and varying by credentials', () => {
    const response = cachedJson(request(), { a: 1 }, cachePolicies.vipProfile, new Headers());
    expect(response.headers.get('cache-control')).toBe('private, max-age=180');
    expect(response.headers.get('vary')).toContain('Authorization');
  });
});

describe('UI text', () => {
  it('has every English key in Thai, with the same placeholders', () => {
    for (const [key, english] of Object.entries(messages.en)) {
      const thai = messages.th[key as keyof typeof messages.th];
      expect(thai, key).toBeTruthy();
      expect(thai.match(/\{\w+\}/g) ?? [], key).toEqual(english.match(/\{\w+\}/g) ?? []);
    }
  });
});
