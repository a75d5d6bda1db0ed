import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import type { BusMessage } from '../bus.js';
import { announcePresence } from '../presence/announce.js';
import type { PresenceChange, PresenceTracker } from '../presence/tracker.js';
import { CloseCode, type Connection, type ConnectionHost } from './connection.js';
import type { GatewayLimits } from './limits.js';
import { pruneTickets, revokedSessions } from './tickets.js';

/**
 * This instance's sockets, by user. It listens to the bus once and hands
 * each message to the sockets it concerns; it also runs the heartbeat, and
 * tells the presence tracker when a user's first socket here opens and their
 * last one closes.
 */
export class ConnectionRegistry implements ConnectionHost {
  private readonly all = new Set<Connection>();
  private readonly byUser = new Map<number, Set<Connection>>();
  private readonly unsubscribe: Array<() => void>;
  private readonly timer: NodeJS.Timeout;
  private beat: Promise<void> | undefined;
  /** Each user's announcements in flight, chained so they go out in the order the changes happened. */
  private readonly announcing = new Map<number, Promise<void>>();
  private stopping = false;

  constructor(
    readonly ctx: AppContext,
    readonly limits: GatewayLimits,
    readonly log: FastifyBaseLogger,
    private readonly presence: PresenceTracker,
  ) {
    this.unsubscribe = [
      ctx.bus.subscribe((message) => this.dispatch(message)),
      // Messages may have been missed while the bus was down: every socket reads its gap.
      ctx.bus.onResume(() => {
        this.log.info({ sockets: this.all.size }, 'event bus resumed: sockets catch up from the database');
        for (const connection of this.all) connection.catchUp();
      }),
      presence.onChange((change) => this.announce(change.userId, Promise.resolve(change))),
    ];
    // One heartbeat at a time: a slow database must not pile them up.
    this.timer = setInterval(() => {
      this.beat ??= this.heartbeat().finally(() => (this.beat = undefined));
    }, limits.heartbeatMs);
    this.timer.unref();
  }

  /** Every socket, authenticated or not, so shutdown and heartbeats reach it. */
  track(connection: Connection): void {
    this.all.add(connection);
  }

  attach(connection: Connection): void {
    const userId = connection.actor!.userId;
    let sockets = this.byUser.get(userId);
    if (!sockets) this.byUser.set(userId, (sockets = new Set()));
    sockets.add(connection);
    if (sockets.size === 1 && !this.stopping) this.announce(userId, this.presence.attach(userId));
    // The newest wins: an old tab or a phone that lost its network is the likelier one to be stale.
    // Per instance: a user spread over several instances may hold this many on each.
    for (const oldest of sockets) {
      if (sockets.size <= this.limits.maxSocketsPerUser) break;
      oldest.close(CloseCode.tooManySockets, 'Too many sockets for this user: closed the oldest');
    }
  }

  detach(connection: Connection): void {
    this.all.delete(connection);
    const userId = connection.actor?.userId;
    if (userId === undefined) return;
    const sockets = this.byUser.get(userId);
    if (!sockets?.delete(connection)) return;
    if (sockets.size === 0) {
      this.byUser.delete(userId);
      // Not while shutting down: these clients reconnect elsewhere, and the tracker hands their leases over.
      if (!this.stopping) this.announce(userId, this.presence.detach(userId));
    }
  }

  delivered(): void {
    this.ctx.metrics.eventsDelivered.inc();
  }

  get size(): number {
    return this.all.size;
  }

  /** Shutdown: every socket gets `code`; nobody is announced offline by a server going away. */
  closeAll(code: number, reason: string): void {
    this.stopping = true;
    for (const connection of [...this.all]) connection.close(code, reason);
  }

  /** Before the database and the bus close: nothing of the registry's may touch them afterwards. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    // Listening still, so a change the tracker finds while it finishes is announced.
    await this.presence.close();
    for (const off of this.unsubscribe) off();
    await this.beat;
    while (this.announcing.size > 0) await Promise.all(this.announcing.values());
  }

  private dispatch(message: BusMessage): void {
    if (message.kind === 'events') {
      for (const event of message.events) {
        for (const connection of this.byUser.get(event.userId) ?? []) connection.offer(event);
      }
      return;
    }
    for (const userId of new Set(message.userIds)) {
      for (const connection of this.byUser.get(userId) ?? []) connection.send(message.frame, 'ephemeral');
    }
  }

  /** Announces `change` once it settles (if it is one), after the user's earlier announcements. */
  private announce(userId: number, change: Promise<PresenceChange | null>): void {
    const previous = this.announcing.get(userId);
    const next = (async () => {
      await previous;
      const settled = await change;
      if (settled) await announcePresence(this.ctx, settled);
    })()
      .catch((error: unknown) => this.log.warn({ err: error, userId }, 'presence announcement failed'))
      .finally(() => {
        if (this.announcing.get(userId) === next) this.announcing.delete(userId);
      });
    this.announcing.set(userId, next);
  }

  /**
   * Terminates sockets that missed the last pong and closes those whose
   * session was revoked (one query for the whole instance).
   */
  private async heartbeat(): Promise<void> {
    for (const connection of [...this.all]) connection.heartbeat();
    try {
      const sessions = [...new Set([...this.all].flatMap((c) => (c.sessionId ? [c.sessionId] : [])))];
      const revoked = await revokedSessions(this.ctx.db, sessions);
      for (const connection of [...this.all]) {
        if (connection.sessionId && revoked.has(connection.sessionId)) {
          connection.close(CloseCode.unauthenticated, 'Session ended');
        }
      }
      await pruneTickets(this.ctx.db, this.ctx.clock.now());
    } catch (error) {
      this.log.warn({ err: error }, 'websocket session check failed');
    }
  }
}
