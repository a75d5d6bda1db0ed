import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import type { BusMessage } from '../bus.js';
import { CloseCode, type Connection, type ConnectionHost } from './connection.js';
import type { GatewayLimits } from './limits.js';
import { announcePresence } from './presence.js';
import { pruneTickets, revokedSessions } from './tickets.js';

/**
 * This instance's sockets, by user. It listens to the bus once and hands
 * each message to the sockets it concerns; it also runs the heartbeat.
 */
export class ConnectionRegistry implements ConnectionHost {
  private readonly all = new Set<Connection>();
  private readonly byUser = new Map<number, Set<Connection>>();
  private readonly unsubscribe: Array<() => void>;
  private readonly timer: NodeJS.Timeout;
  private stopping = false;

  constructor(
    readonly ctx: AppContext,
    readonly limits: GatewayLimits,
    readonly log: FastifyBaseLogger,
  ) {
    this.unsubscribe = [
      ctx.bus.subscribe((message) => this.dispatch(message)),
      // Messages may have been missed while the bus was down: every socket reads its gap.
      ctx.bus.onResume(() => {
        this.log.info({ sockets: this.all.size }, 'event bus resumed: sockets catch up from the database');
        for (const connection of this.all) connection.catchUp();
      }),
    ];
    this.timer = setInterval(() => void this.heartbeat(), limits.heartbeatMs);
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
    if (sockets.size === 1) this.presence(userId, 'online');
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
      this.presence(userId, 'offline');
    }
  }

  get size(): number {
    return this.all.size;
  }

  /** Shutdown: every socket gets `code`; nobody is announced offline by a server going away. */
  closeAll(code: number, reason: string): void {
    this.stopping = true;
    for (const connection of [...this.all]) connection.close(code, reason);
  }

  stop(): void {
    clearInterval(this.timer);
    for (const off of this.unsubscribe) off();
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

  private presence(userId: number, status: 'online' | 'offline'): void {
    if (this.stopping) return;
    announcePresence(this.ctx, userId, status).catch((error: unknown) => {
      this.log.warn({ err: error, userId }, 'presence announcement failed');
    });
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
