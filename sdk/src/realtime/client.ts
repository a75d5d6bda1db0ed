import { isTransient, SignedOutError, ApiError } from '../http/errors.js';
import type { SessionManager } from '../http/session.js';
import { backoffDelay, type BackoffOptions } from '../lib/backoff.js';
import { Emitter } from '../lib/emitter.js';
import { backgroundInterval, backgroundTimeout } from '../lib/timers.js';
import type { KeyValueStorage } from '../storage/storage.js';
import type { ConnectionStatus, PresenceState, RealtimeEvents } from './events.js';
import { Inbox } from './inbox.js';
import { loadWebSocket, type WebSocketConstructor } from './socket.js';
import { TypingThrottle } from './typing.js';

export type { RealtimeEvents };

/** Offered with `ticket.<ticket>` as WebSocket subprotocols: the ticket stays out of URLs and their logs. */
const PROTOCOL = 'icebreaker.v1';

export interface RealtimeOptions {
  baseUrl: string;
  session: SessionManager;
  storage: KeyValueStorage;
  createTicket: () => Promise<{ ticket: string }>;
  WebSocket?: WebSocketConstructor;
  backoff: BackoffOptions;
  /** How the `resync` notice backs off when it keeps coming. */
  resyncBackoff: BackoffOptions;
  /** A ping goes out this often; a socket silent for twice as long is given up and reopened. */
  heartbeatMs: number;
  typingThrottleMs: number;
  typingTimeoutMs: number;
  onError: (error: unknown) => void;
}

/**
 * The WebSocket side: connects with a ticket, resumes after the last cursor
 * its listeners were handed, reconnects with backoff and jitter, and keeps
 * typing and presence state.
 */
export class RealtimeClient {
  private readonly events = new Emitter<RealtimeEvents>();
  private readonly inbox: Inbox;
  private readonly throttle: TypingThrottle;
  private currentStatus: ConnectionStatus = 'offline';
  private socket: WebSocket | undefined;
  private wanted = false;
  private generation = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  private mustRefresh = false;
  private readonly stopListening: Array<() => void> = [];
  private unwatchNetwork: (() => void) | undefined;

  constructor(private readonly options: RealtimeOptions) {
    this.throttle = new TypingThrottle(options.typingThrottleMs);
    this.inbox = new Inbox(this.events, {
      storage: options.storage,
      resyncBackoff: options.resyncBackoff,
      typingTimeoutMs: options.typingTimeoutMs,
      userId: () => options.session.session?.userId,
      onReady: () => {
        this.attempt = 0;
        this.setStatus('online');
      },
      // Sent: the next keystroke says "typing" again at once.
      onOwnMessage: (chatRoomId) => this.throttle.reset(chatRoomId),
      onError: options.onError,
    });
    this.stopListening.push(options.session.on('change', () => this.restartForUser()));
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** The last cursor handed to listeners. */
  get cursor(): number | undefined {
    return this.inbox.cursors.cursor;
  }

  on<K extends keyof RealtimeEvents>(type: K, listener: (value: RealtimeEvents[K]) => unknown): () => void {
    return this.events.on(type, listener);
  }

  /**
   * Connects, and stays connected (reconnecting as needed) until `disconnect`;
   * while nobody is signed in it waits, and it follows a change of user.
   */
  connect(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.attempt = 0;
    this.watchNetwork();
    void this.open();
  }

  async disconnect(): Promise<void> {
    this.wanted = false;
    this.generation += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.closeSocket(1000, 'Client disconnected');
    this.inbox.typing.clear();
    this.setStatus('offline');
    await this.inbox.settled();
    await this.inbox.cursors.flush();
  }

  /** Says "typing" in a room: throttled, so call it on every keystroke. False when nothing was sent. */
  typing(chatRoomId: number): boolean {
    if (this.currentStatus !== 'online' || !this.throttle.take(chatRoomId)) return false;
    return this.send({ type: 'typing', data: { chatRoomId } });
  }

  /** Users typing in a room right now. */
  typingUsers(chatRoomId: number): number[] {
    return this.inbox.typing.usersIn(chatRoomId);
  }

  /** The last presence heard for a user (chat partners only, since this connection began). */
  presenceOf(userId: number): PresenceState | undefined {
    return this.inbox.presence.get(userId);
  }

  /** Stops for good: no reconnect, no listeners. */
  async close(): Promise<void> {
    await this.disconnect();
    this.unwatchNetwork?.();
    for (const stop of this.stopListening.splice(0)) stop();
    this.events.clear();
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.setStatus('connecting');
    const session = this.options.session.session;
    if (!session) return this.waitForSession();
    try {
      if (this.mustRefresh) {
        // The server closed the last socket as unauthenticated: a revoked session ends here.
        await this.options.session.refreshAfter(session.accessToken);
        this.mustRefresh = false;
      }
      const WebSocketImpl = this.options.WebSocket ?? (await loadWebSocket());
      await this.inbox.settled();
      const cursor = await this.inbox.cursors.load(session.userId);
      const { ticket } = await this.options.createTicket();
      if (generation !== this.generation || !this.wanted) return;
      const socket = new WebSocketImpl(socketUrl(this.options.baseUrl, cursor), [PROTOCOL, `ticket.${ticket}`]);
      this.socket = socket;
      this.lastFrameAt = Date.now();
      socket.onmessage = (message) => this.receive(generation, message.data);
      socket.onclose = (event) => this.closed(generation, event.code, event.reason);
      socket.onerror = () => {};
      this.startHeartbeat(generation);
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof SignedOutError) return this.waitForSession();
      if (!isTransient(error)) this.options.onError(error);
      this.reconnectLater(error instanceof ApiError ? error.retryAfterMs : undefined);
    }
  }

  private receive(generation: number, raw: unknown): void {
    if (generation !== this.generation) return;
    this.lastFrameAt = Date.now();
    this.inbox.receive(raw);
  }

  private closed(generation: number, code: number, reason: string): void {
    if (generation !== this.generation) return;
    this.socket = undefined;
    this.stopHeartbeat();
    this.inbox.typing.clear();
    if (code === 4429) {
      this.wanted = false;
      this.setStatus('offline');
      this.events.emit('replaced', { reason });
      return;
    }
    if (code === 4401) this.mustRefresh = true;
    if (this.wanted) this.reconnectLater();
    else this.setStatus('offline');
  }

  private reconnectLater(atLeastMs = 0): void {
    if (!this.wanted || this.retryTimer) return;
    this.setStatus('offline');
    const delay = Math.max(atLeastMs, backoffDelay(this.attempt, this.options.backoff));
    this.attempt += 1;
    this.retryTimer = backgroundTimeout(() => {
      this.retryTimer = undefined;
      void this.open();
    }, delay);
  }

  /** Back online (the browser says so): try now instead of waiting out the backoff. */
  private reconnectNow(): void {
    if (!this.wanted || this.socket) return;
    this.attempt = 0;
    void this.open();
  }

  /** Signed out: offline until someone signs in (the session's `change` reopens it). */
  private waitForSession(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.closeSocket(1000, 'Signed out');
    this.setStatus('offline');
  }

  /** The socket belongs to the signed-in user: it follows sign-in, sign-out and a change of user. */
  private restartForUser(): void {
    if (!this.wanted) return;
    this.waitForSession();
    if (this.options.session.session) {
      this.attempt = 0;
      void this.open();
    }
  }

  private send(frame: { type: string; data?: unknown }): boolean {
    if (this.socket?.readyState !== 1) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private closeSocket(code: number, reason: string): void {
    const socket = this.socket;
    this.socket = undefined;
    this.generation += 1;
    this.stopHeartbeat();
    if (!socket) return;
    socket.onmessage = null;
    socket.onclose = null;
    try {
      socket.close(code, reason);
    } catch {
      // Still connecting in some implementations: it is dropped either way.
    }
  }

  /** The server pings at the protocol level, which browsers do not show: an app-level ping proves the link. */
  private startHeartbeat(generation: number): void {
    this.stopHeartbeat();
    this.heartbeat = backgroundInterval(() => {
      if (generation !== this.generation) return;
      if (Date.now() - this.lastFrameAt > this.options.heartbeatMs * 2) {
        const socket = this.socket;
        this.closeSocket(4000, 'No answer to pings');
        if (socket) this.reconnectLater();
        return;
      }
      this.send({ type: 'ping' });
    }, this.options.heartbeatMs);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private watchNetwork(): void {
    const target = globalThis as Partial<Pick<EventTarget, 'addEventListener' | 'removeEventListener'>>;
    if (this.unwatchNetwork || !target.addEventListener || !target.removeEventListener) return;
    const online = (): void => this.reconnectNow();
    target.addEventListener('online', online);
    this.unwatchNetwork = () => target.removeEventListener?.('online', online);
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.events.emit('status', status);
  }
}

/** `http(s)://host/base` to `ws(s)://host/base/ws`, relative to the page when the base is relative. */
function socketUrl(baseUrl: string, cursor: number | undefined): string {
  const page = (globalThis as { location?: { href: string } }).location?.href;
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/ws`, page);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (cursor !== undefined) url.searchParams.set('cursor', String(cursor));
  return url.toString();
}
