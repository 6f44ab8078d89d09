/**
 * An error raised by the database, with the HTTP status PostgREST would answer with.
 * SQL functions raise `errcode = 'PT409', message = 'SLOT_UNAVAILABLE', detail = '<json>'`;
 * `code` is then the SQLSTATE, `message` the stable app code and `detail` its JSON.
 */
export class DbError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: string | null = null,
    readonly hint: string | null = null,
  ) {
    super(message);
    this.name = 'DbError';
  }

  /** `detail` parsed as JSON when it is JSON, else undefined. */
  get details(): unknown {
    if (!this.detail) return undefined;
    try {
      return JSON.parse(this.detail);
    } catch {
      return undefined;
    }
  }
}

/**
 * SQLSTATE to HTTP status, as PostgREST maps them
 * (https://postgrest.org/en/stable/references/errors.html), except that a server shutting
 * down, crashed or starting up (57P01-57P03), a statement that ran out of its
 * DB_STATEMENT_TIMEOUT (57014: waiting for locks on a busy moment), and a transaction that
 * kept losing to concurrent ones (40001, 40P01), are 503 like an unreachable server:
 * PostgREST's 500 for classes 57 and 40 would tell clients a retry is pointless when it is
 * exactly what helps.
 */
export function httpStatusOfSqlState(sqlState: string, anonymous: boolean): number {
  const custom = /^PT([1-5][0-9]{2})$/.exec(sqlState);
  if (custom) return Number(custom[1]);
  switch (sqlState) {
    case '57P01': // admin_shutdown
    case '57P02': // crash_shutdown
    case '57P03': // cannot_connect_now
    case '57014': // query_canceled: the statement timeout
    case '40001': // serialization_failure, still failing after the transport ran it again
    case '40P01': // deadlock_detected, likewise
      return 503;
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '42883':
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '42501':
      return anonymous ? 401 : 403;
    case 'P0001':
      return 400;
  }
  const klass = sqlState.slice(0, 2);
  switch (klass) {
    case '08':
    case '53':
      return 503;
    case '0L':
    case '0P':
    case '28':
      return 403;
    case '09':
    case '25':
    case '2D':
    case '38':
    case '39':
    case '3B':
    case '40':
    case '54':
    case '55':
    case '57':
    case '58':
    case 'F0':
    case 'HV':
    case 'P0':
    case 'XX':
      return 500;
  }
  return 400;
}
