import type { FastifyBaseLogger } from 'fastify';
import { WebSocket, type RawData } from 'ws';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { isSessionActive } from '../../modules/auth/repository.js';
import type { Actor } from '../../modules/auth/tokens.js';
import type { DeliveredEvent } from '../bus.js';
import { handleChatFrame, spendMessageBudget, type ChatFrame } from './actions.js';
import { EventDelivery } from './delivery.js';
import { errorFrame, FrameError, frameText, parseClientFrame, type ClientFrame, type ServerFrame } from './frames.js';
import { TokenBucket, type GatewayLimits } from './limits.js';
import { consumeTicket } from './tickets.js';

/**
 * Close codes a client acts on: 4401 authenticate again; 1013 and 1001 reconnect
 * and resume; 4429 do not reconnect (a newer socket of the same user replaced it).
 */
export const CloseCode = {
  goingAway: 1001,
  policy: 1008,
  internal: 1011,
  tryAgainLater: 1013,
  unauthenticated: 4401,
  tooManySockets: 4429,
} as const;

export interface ConnectionHost {
  ctx: AppContext;
  limits: GatewayLimits;
  log: FastifyBaseLogger;
  /** Called once the socket is authenticated, and once when it is gone. */
  attach(connection: Connection): void;
  detach(connection: Connection): void;
  /** Counts a durable event written to a socket. */
  delivered?(): void;
}

export type FrameKind = 'durable' | 'ephemeral' | 'control';

/** The stream under a WebSocket: frames written to it in one tick can go out in one system call. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/** One client socket: authentication, its durable stream, frames in and out, limits. */
export class Connection {
  actor: Actor | null = null;
  /** Cleared at each heartbeat, set by the pong. */
  alive = true;
  private delivery: EventDelivery | null = null;
  private inbox: Promise<void> = Promise.resolve();
  private readonly bucket: TokenBucket;
  private badFrames = 0;
  private pendingSends = 0;
  private sendSlotFreed: (() => void) | undefined;
  private droppedFrames = 0;
  private closed = false;
  private holding = false;
  private authTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly host: ConnectionHost,
    private readonly hello: { ticket?: string; cursor?: number },
    /** The TCP socket under `socket`, when there is one. */
    private readonly transport?: Corkable,
  ) {
    this.bucket = new TokenBucket(host.limits.framesPerSecond, host.limits.frameBurst);
  }

  /** Listeners are attached synchronously, so no early frame is lost while the ticket is checked. */
  open(): void {
    this.socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    this.socket.on('pong', () => {
      this.alive = true;
    });
    this.socket.on('close', () => this.finish());
    this.authTimer = setTimeout(
      () => this.close(CloseCode.unauthenticated, 'Authentication timed out'),
      this.host.limits.authTimeoutMs,
    );
    const { ticket } = this.hello;
    if (ticket !== undefined) {
      this.serially(async () => {
        const { ctx } = this.host;
        await this.authenticate(await consumeTicket(ctx.db, ticket, ctx.clock.now()), this.hello.cursor);
      });
    }
  }

  get sessionId(): string | undefined {
    return this.actor?.sessionId;
  }

  /** A durable event for this socket's user, from the bus. */
  offer(event: DeliveredEvent): void {
    this.delivery?.offer(event);
  }

  catchUp(): void {
    this.delivery?.requestCatchUp();
  }

  /**
   * Queues a frame unless the client is too far behind: ephemeral frames are
   * dropped first (at half the buffer); at the limit the socket is closed,
   * and its resume from the last cursor loses nothing.
   */
  send(frame: ServerFrame, kind: FrameKind = 'control'): boolean {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return false;
    // Frames held back in this tick are not the client's backlog.
    const buffered = this.holding ? 0 : this.socket.bufferedAmount;
    const limit = this.host.limits.sendBufferBytes;
    if (kind === 'ephemeral' && buffered > limit / 2) return false;
    if (buffered > limit) {
      this.close(CloseCode.tryAgainLater, 'Too far behind: reconnect and resume');
      return false;
    }
    if (buffered === 0) this.holdWrites();
    this.socket.send(frameText(frame));
    if (this.holding && this.socket.bufferedAmount >= limit / 4) this.releaseWrites();
    if (kind === 'durable') this.host.delivered?.();
    return true;
  }

  /**
   * While the client keeps up, holds this tick's frames and writes them with
   * one system call once the tick's work is done (or a quarter of the buffer
   * is held): a group commit answers and delivers many frames to one socket
   * at the same moment. A client that is behind needs no holding: the stream
   * already gathers frames while its earlier write is pending.
   */
  private holdWrites(): void {
    if (this.holding || !this.transport) return;
    this.holding = true;
    this.transport.cork();
    process.nextTick(this.releaseWrites);
  }

  private readonly releaseWrites = (): void => {
    if (!this.holding) return;
    this.holding = false;
    this.transport?.uncork();
  };

  /** Between catch-up pages: lets the buffer drain, and gives up on a client that stays stuck. */
  async waitForRoom(): Promise<boolean> {
    const limit = this.host.limits.sendBufferBytes / 2;
    for (let waited = 0; this.socket.bufferedAmount > limit; waited += 20) {
      if (this.closed) return false;
      if (waited > 30_000) {
        this.close(CloseCode.tryAgainLater, 'Too far behind: reconnect and resume');
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return !this.closed;
  }

  heartbeat(): void {
    if (!this.alive) {
      this.socket.terminate();
      this.finish();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.authTimer);
    this.delivery?.stop();
    this.host.detach(this);
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.bucket.take()) {
      this.droppedFrames += 1;
      if (this.droppedFrames === 1) this.send(errorFrame('RATE_LIMITED', 'Too many frames; slow down'));
      if (this.droppedFrames > this.host.limits.frameBurst) this.close(CloseCode.policy, 'Too many frames');
      return;
    }
    this.droppedFrames = 0;
    let frame: ClientFrame;
    try {
      if (isBinary) throw new FrameError('VALIDATION_FAILED', 'Frames must be JSON text');
      frame = parseClientFrame(rawText(data));
    } catch (error) {
      this.badFrame(error as FrameError);
      return;
    }
    this.serially(() => this.handle(frame));
  }

  private badFrame(error: FrameError): void {
    this.send(errorFrame(error.code, error.message, error.requestId));
    this.badFrames += 1;
    if (this.badFrames >= this.host.limits.maxBadFrames) this.close(CloseCode.policy, 'Too many invalid frames');
  }

  /** Frames are handled one at a time, in order, after authentication has settled. */
  private serially(task: () => Promise<void>): void {
    this.inbox = this.inbox.then(async () => {
      if (this.closed) return;
      try {
        await task();
      } catch (error) {
        this.host.log.error({ err: error }, 'websocket frame failed');
        this.send(errorFrame('INTERNAL', 'Something went wrong on our side'));
      }
    });
  }

  private async handle(frame: ClientFrame): Promise<void> {
    if (frame.type === 'ping') {
      this.send({ type: 'pong', data: frame.data ?? null });
      return;
    }
    const actor = this.actor;
    if (!actor) {
      if (frame.type !== 'auth') return this.close(CloseCode.unauthenticated, 'Authenticate first');
      return this.authenticate(this.tokenActor(frame.data.token), frame.data.cursor ?? this.hello.cursor);
    }
    switch (frame.type) {
      case 'auth':
        this.send(errorFrame('CONFLICT', 'This socket is already authenticated'));
        return;
      case 'resume':
        this.delivery?.start(frame.data.cursor);
        return;
      default:
        if (frame.type === 'message.send') {
          // Awaited here, before the message is queued, so the socket's messages keep their order.
          try {
            await spendMessageBudget(this.host.ctx, actor);
          } catch (error) {
            return this.answerError(frame, error);
          }
        }
        return this.pipeline(frame, handleChatFrame(this.host.ctx, actor, frame));
    }
  }

  /**
   * Answers a chat frame when its work is done. `message.send` does not hold
   * up the frames after it: the message is already queued in order, and the
   * socket's next messages join the same group commit. A socket may have
   * `maxPendingSends` unanswered; past that, its next frames wait.
   */
  private async pipeline(frame: ChatFrame, work: Promise<ServerFrame | null>): Promise<void> {
    const answered = work.then(
      (reply) => {
        if (reply) this.send(reply);
      },
      (error: unknown) => this.answerError(frame, error),
    );
    if (frame.type !== 'message.send') return answered;
    this.pendingSends += 1;
    void answered.finally(() => {
      this.pendingSends -= 1;
      this.sendSlotFreed?.();
    });
    while (this.pendingSends >= this.host.limits.maxPendingSends && !this.closed) {
      await new Promise<void>((resolve) => (this.sendSlotFreed = resolve));
    }
  }

  private answerError(frame: ChatFrame, error: unknown): void {
    const requestId = frame.type === 'typing' ? undefined : frame.data.requestId;
    if (error instanceof AppError) {
      this.send(errorFrame(error.code, error.detail, requestId));
      return;
    }
    this.host.log.error({ err: error }, 'websocket frame failed');
    this.send(errorFrame('INTERNAL', 'Something went wrong on our side', requestId));
  }

  private tokenActor(token: string): Actor | null {
    try {
      return this.host.ctx.tokens.check(token);
    } catch {
      return null;
    }
  }

  private async authenticate(actor: Actor | null, cursor: number | undefined): Promise<void> {
    const { ctx, limits } = this.host;
    if (!actor || !(await isSessionActive(ctx.db, actor.sessionId))) {
      return this.close(CloseCode.unauthenticated, 'Authentication failed');
    }
    if (this.closed) return;
    clearTimeout(this.authTimer);
    this.actor = actor;
    this.delivery = new EventDelivery(ctx.db, actor.userId, limits.catchUpPageSize, this, (error) => {
      this.host.log.error({ err: error }, 'websocket event delivery failed');
      this.close(CloseCode.internal, 'Delivery failed: reconnect and resume');
    });
    // Attached before the stream starts, so no live event falls between the two.
    this.host.attach(this);
    this.delivery.start(cursor);
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
