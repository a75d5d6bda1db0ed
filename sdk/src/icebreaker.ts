import { callThrough, createApiClient, type Api, type ApiClient } from './http/api.js';
import { SessionManager, type AuthSession, type Session } from './http/session.js';
import { authenticatedFetch, networkFetch } from './http/transport.js';
import { defaultBackoff, type BackoffOptions } from './lib/backoff.js';
import { Outbox } from './outbox/outbox.js';
import { RealtimeClient } from './realtime/client.js';
import type { WebSocketConstructor } from './realtime/socket.js';
import { MemoryStorage, type KeyValueStorage } from './storage/storage.js';

export interface IcebreakerOptions {
  /** The server, e.g. `https://icebreaker.example` (or `''` for the page's own origin in a browser). */
  baseUrl: string;
  /** Where the session, the real-time cursor and the outbox are kept. Default: memory (nothing survives). */
  storage?: KeyValueStorage;
  /** Keep the session in `storage` so a reload stays signed in. Default: true. */
  persistSession?: boolean;
  fetch?: typeof fetch;
  /** A WebSocket implementation; default: the platform's, or the `ws` package on Node 20. */
  WebSocket?: WebSocketConstructor;
  /** A request without an answer after this long fails as a NetworkError. Default: 30 s. */
  requestTimeoutMs?: number;
  /** Reconnecting the socket. Default: 0.5 s doubling to 30 s, with jitter. */
  reconnectBackoff?: BackoffOptions;
  /** Retrying outbox writes after transient failures. Default: 0.5 s doubling to 30 s, with jitter. */
  retryBackoff?: BackoffOptions;
  /** Waiting before repeated `resync` notices. Default: 1 s doubling to 60 s, with jitter. */
  resyncBackoff?: BackoffOptions;
  /** App-level ping interval on the socket. Default: 25 s. */
  heartbeatMs?: number;
  /** At most one typing frame per room this often. Default: 3 s. */
  typingThrottleMs?: number;
  /** Someone's typing indicator disappears this long after their last typing frame. Default: 6 s. */
  typingTimeoutMs?: number;
  /** Problems the SDK cannot hand to a caller (a storage write that failed). Default: console.error. */
  onError?: (error: unknown) => void;
}

type RegisterInput = NonNullable<Parameters<Api['users']['registerUser']>[0]>['body'];

/**
 * The SDK: typed calls for every route (`api`), the session and its
 * refreshes, the real-time connection (`realtime`) and the offline outbox
 * (`outbox`).
 */
export class Icebreaker {
  readonly api: Api;
  readonly http: ApiClient['http'];
  readonly call: ApiClient['call'];
  readonly session: SessionManager;
  readonly realtime: RealtimeClient;
  readonly outbox: Outbox;
  private readonly stopListening: Array<() => void> = [];

  constructor(options: IcebreakerOptions) {
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const storage = options.storage ?? new MemoryStorage();
    const onError = options.onError ?? ((error: unknown) => console.error('Icebreaker:', error));
    const send = networkFetch(options.fetch ?? globalThis.fetch.bind(globalThis), options.requestTimeoutMs ?? 30_000);
    this.session = new SessionManager({ baseUrl, send, storage, persist: options.persistSession ?? true });
    const client = createApiClient(baseUrl, authenticatedFetch(this.session, send));
    this.api = this.sessionAware(client.api);
    this.http = client.http;
    this.call = callThrough(this.api);
    this.realtime = new RealtimeClient({
      baseUrl,
      session: this.session,
      storage,
      createTicket: () => this.api.realtime.createWsTicket(),
      ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
      backoff: options.reconnectBackoff ?? defaultBackoff,
      resyncBackoff: options.resyncBackoff ?? { initialMs: 1_000, maxMs: 60_000 },
      heartbeatMs: options.heartbeatMs ?? 25_000,
      typingThrottleMs: options.typingThrottleMs ?? 3_000,
      typingTimeoutMs: options.typingTimeoutMs ?? 6_000,
      onError,
    });
    this.outbox = new Outbox({
      api: this.api,
      session: this.session,
      storage,
      backoff: options.retryBackoff ?? defaultBackoff,
      onError,
    });
    // The socket coming back means the server is back: waiting writes need not wait out their backoff.
    this.stopListening.push(this.realtime.on('ready', () => this.outbox.nudge()));
  }

  /** The signed-in user's id, or null. */
  get userId(): number | null {
    return this.session.session?.userId ?? null;
  }

  /** Picks up a kept session (after a reload) and the outbox it left; null when signed out. */
  async restore(): Promise<Session | null> {
    const session = await this.session.restore();
    if (session) await this.outbox.start();
    return session;
  }

  async login(email: string, password: string): Promise<Session> {
    await this.api.auth.login({ body: { email, password } });
    return this.session.session!;
  }

  /** Creates an account and signs in to it. */
  async register(input: RegisterInput): Promise<Session> {
    await this.api.users.registerUser({ body: input });
    return this.session.session!;
  }

  /** Ends the session on the server (when it can be reached) and here; the socket closes until the next sign-in. */
  async logout(): Promise<void> {
    if (this.session.session) await this.api.auth.logout();
  }

  /**
   * Login, registration and a refresh called by the app sign this client in
   * with the tokens they return (a refresh token left behind would be reused
   * later, and a reused one ends the session); logout signs it out.
   */
  private sessionAware(api: Api): Api {
    const { login, refreshSession, logout } = api.auth;
    const { registerUser } = api.users;
    const signedIn = async <T extends AuthSession>(auth: T): Promise<T> => {
      await this.session.adopt(auth);
      await this.outbox.start();
      return auth;
    };
    api.auth.login = async (input, options) => signedIn(await login(input, options));
    api.auth.refreshSession = async (input, options) => signedIn(await refreshSession(input, options));
    api.users.registerUser = async (input, options) => signedIn(await registerUser(input, options));
    api.auth.logout = async (input, options) => {
      try {
        await logout(input, options);
      } finally {
        await this.session.signOut('logout');
      }
    };
    return api;
  }

  /** Stops the socket, the outbox and every timer; for Node processes and tests. */
  async close(): Promise<void> {
    for (const stop of this.stopListening.splice(0)) stop();
    await this.realtime.close();
    await this.outbox.close();
  }
}

export const createIcebreaker = (options: IcebreakerOptions): Icebreaker => new Icebreaker(options);
