import { randomBytes } from 'node:crypto';
import type { ServerProcess } from '../process/server-process.js';

/**
 * Settings for servers under test: no overload guard and no rate limits in
 * the way, so that only the fault decides what fails (a busy test machine
 * can lag its event loop past the guard's limit); warnings and errors only
 * in the output.
 */
export const QUIET = {
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
  RATE_LIMIT_MESSAGES_PER_MINUTE: '1000000',
  RATE_LIMIT_REGISTER_PER_MINUTE: '1000000',
  WS_FRAMES_PER_SECOND: '100000',
  LOG_LEVEL: 'warn',
};

/** What a client saw of one request: enough to check it failed fast and properly, or succeeded. */
export interface Outcome {
  status: number;
  ms: number;
  contentType: string | null;
  retryAfter: string | null;
  code?: string;
  body: unknown;
}

export interface Session {
  id: number;
  accessToken: string;
}

/** A request that never hangs the test: a server that does not answer within `timeoutMs` counts as status 0. */
export async function call(
  server: ServerProcess,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; timeoutMs?: number } = {},
): Promise<Outcome> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const started = Date.now();
  try {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    return {
      status: res.status,
      ms: Date.now() - started,
      contentType: res.headers.get('content-type'),
      retryAfter: res.headers.get('retry-after'),
      code: (body as { code?: string } | undefined)?.code,
      body,
    };
  } catch (error) {
    return { status: 0, ms: Date.now() - started, contentType: null, retryAfter: null, body: String(error) };
  }
}

let counter = 0;

export async function register(server: ServerProcess): Promise<Session> {
  counter += 1;
  const res = await call(server, 'POST', '/users/', {
    body: {
      email: `fault${counter}-${randomBytes(4).toString('hex')}@example.com`,
      password: 'correct horse battery',
      displayName: `Fault ${counter}`,
    },
  });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  const session = res.body as { user: { id: number }; accessToken: string };
  return { id: session.user.id, accessToken: session.accessToken };
}

export async function openRoom(server: ServerProcess, a: Session, b: Session): Promise<number> {
  const res = await call(server, 'POST', '/chat/rooms/', { body: { participant2Id: b.id }, token: a.accessToken });
  if (res.status !== 201) throw new Error(`room creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: number }).id;
}

/** Posts one chat message with a client key, as an SDK would. */
export function postMessage(server: ServerProcess, sender: Session, roomId: number, key: string): Promise<Outcome> {
  return call(server, 'POST', '/chat/messages/', {
    body: { chatRoomId: roomId, content: `message ${key}`, clientMessageId: key },
    token: sender.accessToken,
  });
}

export const isSuccess = (o: Outcome): boolean => o.status >= 200 && o.status < 300;

/** A 503 the way SPEC §8 wants it: problem+json, a stable code, and when to retry. */
export const isProperUnavailable = (o: Outcome): boolean =>
  o.status === 503 &&
  (o.contentType ?? '').startsWith('application/problem+json') &&
  o.code === 'SERVICE_UNAVAILABLE' &&
  o.retryAfter !== null;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
