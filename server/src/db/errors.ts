/** PostgreSQL SQLSTATEs we turn into client errors (PGlite reports the same codes). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23503';
}

export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23514' && (constraint === undefined || e.constraint === constraint);
}

/** Text PostgreSQL cannot store (a NUL character): the client's input, not a server fault. */
export function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '22021' || code === '22P05';
}

/** Socket errors of a database that is down, restarting or unreachable. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The database is not there right now (restarting, failing over, out of
 * connections): the request may succeed if retried, so it is a 503, not a
 * 500. SQLSTATE class 08 is a connection exception; 57P01-57P03 are an
 * administrator or crash shutdown and "cannot connect now" (starting up);
 * 53300 is too many connections. A connection that dies mid-query has no
 * code, only pg's message.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (UNREACHABLE.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300') return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /^Connection terminated|^timeout exceeded when trying to connect|not queryable/.test(message);
}
