import { ApiError, NetworkError } from './errors.js';
import type { SessionManager } from './session.js';

export type FetchLike = (request: Request) => Promise<Response>;

/**
 * The plain fetch, with a time limit, and every failure to get an answer
 * turned into NetworkError (a caller's own abort stays an AbortError).
 */
export function networkFetch(fetchImpl: typeof fetch, timeoutMs: number): FetchLike {
  return async (request) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = typeof AbortSignal.any === 'function' ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      return await fetchImpl(new Request(request, { signal }));
    } catch (error) {
      if (request.signal.aborted) throw error;
      throw new NetworkError(timeout.aborted ? new Error(`No answer within ${timeoutMs} ms`) : error);
    }
  };
}

/**
 * Adds the access token; when the server refuses it (expired, or signed by
 * a rotated secret), gets a fresh one through the session, which refreshes
 * at most once at a time, and sends the request once more.
 */
export function authenticatedFetch(session: SessionManager, send: FetchLike): FetchLike {
  return async (request) => {
    const token = session.session?.accessToken;
    if (!token || request.headers.has('authorization')) return send(request);
    const again = request.clone();
    request.headers.set('authorization', `Bearer ${token}`);
    const response = await send(request);
    if (response.status !== 401) return response;
    const problem = await ApiError.fromResponse(response.clone());
    // A wrong password on login is an answer, not a stale token.
    if (problem.code === 'INVALID_CREDENTIALS') return response;
    const fresh = await session.refreshAfter(token);
    again.headers.set('authorization', `Bearer ${fresh}`);
    return send(again);
  };
}
