import type { components } from '../generated/schema.generated.js';
import { Emitter } from '../lib/emitter.js';
import type { KeyValueStorage } from '../storage/storage.js';
import { ApiError, NetworkError, SignedOutError } from './errors.js';

export type AuthSession = components['schemas']['AuthSession'];

/** What the SDK keeps of a signed-in session. */
export interface Session {
  userId: number;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export type SignOutReason = 'logout' | 'refresh-refused';

interface SessionEvents {
  /** The signed-in user changed: a sign-in, a sign-out, another user (not a token refresh). */
  change: Session | null;
  signedOut: { reason: SignOutReason };
}

export interface SessionOptions {
  baseUrl: string;
  send: (request: Request) => Promise<Response>;
  storage: KeyValueStorage;
  /** Keep the session in `storage`, so a reload stays signed in. */
  persist: boolean;
}

const STORAGE_KEY = 'icebreaker:session';

/**
 * The tokens, and the one place that refreshes them. Refresh tokens rotate
 * and a reused one revokes the whole session, so exactly one refresh may be
 * in flight: concurrent callers wait for it, and in a browser the tabs of an
 * origin take turns through a Web Lock and pick up each other's new tokens.
 */
export class SessionManager {
  private current: Session | null = null;
  private refreshing: Promise<Session> | undefined;
  private readonly events = new Emitter<SessionEvents>();

  constructor(private readonly options: SessionOptions) {}

  get session(): Session | null {
    return this.current;
  }

  on<K extends keyof SessionEvents>(type: K, listener: (value: SessionEvents[K]) => unknown): () => void {
    return this.events.on(type, listener);
  }

  /** Loads a kept session (after a reload); null when there is none. */
  async restore(): Promise<Session | null> {
    if (!this.options.persist) return this.current;
    const stored = await this.options.storage.get<Session>(STORAGE_KEY);
    if (stored && stored.accessToken !== this.current?.accessToken) await this.set(stored);
    return this.current;
  }

  /** Takes the tokens of a login, a registration or a refresh. */
  async adopt(auth: AuthSession): Promise<Session> {
    const session: Session = {
      userId: auth.user.id,
      accessToken: auth.accessToken,
      accessTokenExpiresAt: auth.accessTokenExpiresAt,
      refreshToken: auth.refreshToken,
      refreshTokenExpiresAt: auth.refreshTokenExpiresAt,
    };
    await this.set(session);
    return session;
  }

  async signOut(reason: SignOutReason): Promise<void> {
    if (!this.current) return;
    this.current = null;
    if (this.options.persist) await this.options.storage.delete(STORAGE_KEY);
    this.events.emit('change', null);
    this.events.emit('signedOut', { reason });
  }

  /**
   * A token newer than `stale`, the one the server just refused: the one
   * another caller already got, or the result of the refresh in flight, or
   * of a new one. Throws SignedOutError when the server refuses the refresh
   * token (and signs out), NetworkError when it cannot be reached (and
   * keeps the session for later).
   */
  async refreshAfter(stale: string): Promise<string> {
    const session = this.current;
    if (!session) throw new SignedOutError();
    if (session.accessToken !== stale) return session.accessToken;
    this.refreshing ??= withLock('icebreaker-session-refresh', () => this.refresh(session)).finally(() => {
      this.refreshing = undefined;
    });
    return (await this.refreshing).accessToken;
  }

  private async refresh(used: Session): Promise<Session> {
    // Another tab may have refreshed (or signed out) while this one waited for the lock.
    if (this.options.persist) {
      const stored = await this.options.storage.get<Session>(STORAGE_KEY);
      if (!stored) {
        await this.signOut('refresh-refused');
        throw new SignedOutError('Signed out elsewhere');
      }
      if (stored.refreshToken !== used.refreshToken) {
        await this.set(stored);
        return stored;
      }
    }
    let response: Response;
    try {
      response = await this.options.send(
        new Request(`${this.options.baseUrl}/auth/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: used.refreshToken }),
        }),
      );
    } catch (error) {
      throw error instanceof NetworkError ? error : new NetworkError(error);
    }
    if (response.ok) return this.adopt((await response.json()) as AuthSession);
    const error = await ApiError.fromResponse(response);
    // A refused refresh token (expired, revoked, reused) will never work again.
    if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
      await this.signOut('refresh-refused');
      throw new SignedOutError(error.detail);
    }
    throw error;
  }

  private async set(session: Session): Promise<void> {
    const userChanged = this.current?.userId !== session.userId;
    this.current = session;
    if (this.options.persist) await this.options.storage.set(STORAGE_KEY, session);
    if (userChanged) this.events.emit('change', session);
  }
}

interface LockManager {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Runs `task` under a Web Lock where there are any (browsers), so tabs take turns; directly elsewhere. */
export function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? locks.request(name, task) : task();
}
