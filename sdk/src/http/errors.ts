import type { ErrorCode } from '../generated/error-codes.generated.js';
import { parseRetryAfter } from '../lib/backoff.js';

export type { ErrorCode };

export interface FieldError {
  /** Where: `body.email`, `query.limit`, `params.id`. */
  field: string;
  message: string;
}

/** An RFC 9457 problem as the server sends it, with its stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode | (string & {});
  instance?: string;
  errors?: FieldError[];
}

/** The server answered with an error: a typed problem. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ErrorCode | (string & {});
  readonly title: string;
  readonly detail: string;
  /** The offending fields, for validation errors; empty otherwise. */
  readonly errors: FieldError[];
  /** From `Retry-After`, when the server sent one (429, 503). */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly problem: Problem,
    retryAfterMs?: number,
  ) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.retryAfterMs = retryAfterMs;
  }

  /** The message of the error on `field` (`body.content`), if there is one. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }

  /** Reads a problem from a response; a body that is not one (a proxy's HTML page) still gives a problem. */
  static async fromResponse(response: Response, body?: unknown): Promise<ApiError> {
    const parsed = body === undefined ? await readJson(response) : body;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return new ApiError(asProblem(parsed, response.status, response.statusText), retryAfterMs);
  }
}

/** The request never got an answer: offline, DNS, refused, reset, or aborted by a timeout. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(cause: unknown) {
    super(`Network error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Not signed in, or the session ended (its refresh token was refused). */
export class SignedOutError extends ApiError {
  constructor(detail = 'Not signed in') {
    super({ type: 'about:blank', title: 'Authentication is required', status: 401, detail, code: 'UNAUTHENTICATED' });
  }
}

/** Worth trying again later: no answer, or the server asked to come back (429, 503; 502 and 504 from a proxy). */
export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && [408, 429, 502, 503, 504].includes(error.status);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function asProblem(body: unknown, status: number, statusText: string): Problem {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem>;
  const code = typeof b.code === 'string' ? b.code : codeForStatus(status);
  const title = typeof b.title === 'string' ? b.title : statusText || `HTTP ${status}`;
  return {
    ...b,
    type: typeof b.type === 'string' ? b.type : 'about:blank',
    title,
    status: typeof b.status === 'number' ? b.status : status,
    detail: typeof b.detail === 'string' ? b.detail : title,
    code,
    ...(Array.isArray(b.errors) ? { errors: b.errors } : {}),
  };
}

/** For answers that are not problems (a proxy's 502 page): the server's generic code for the status. */
const genericCodes: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE_VIOLATED',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'SERVICE_UNAVAILABLE',
};

function codeForStatus(status: number): string {
  return genericCodes[status] ?? `HTTP_${status}`;
}
