import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import {
  closeGracefully,
  rateLimited,
  reconnectDelay,
  type RedisClient,
  type RedisLogger,
} from './redis-connection.js';
import type { BusMessage, EventBus } from './bus.js';

/** The subset of a pino logger the bus writes to. */
export type BusLogger = RedisLogger;

export interface RedisBusOptions {
  /** Every instance of one deployment must use the same channel. */
  channel?: string;
}

/** Sent by an instance whose bus was interrupted, once it is whole again: every instance catches up. */
const RESUME_KIND = 'bus.resumed';
interface ResumeNotice {
  kind: typeof RESUME_KIND;
  from: string;
}

const DEFAULT_CHANNEL = 'icebreaker:bus';
/** Bounds the memory a stalled connection can hold: past this, publishes are dropped (and logged). */
const MAX_QUEUED_COMMANDS = 10_000;

/** What goes over the channel: a message, and the instance that sent it. */
type Envelope = BusMessage & { from: string };

/**
 * Delivery between instances through one Redis pub/sub channel, JSON encoded.
 * This instance's own subscribers get its messages in process, first, and
 * ignore them when Redis echoes them back: a Redis outage costs other
 * instances latency, never this one its live delivery. Pub/sub is
 * at-most-once: whenever messages from other instances may have been lost
 * (the subscriber's connection dropped) the bus calls its `onResume`
 * listeners once it is whole again, and they catch up from the database:
 * once per interruption, however many reconnections it took. When it dropped
 * a publish, it tells the other instances to catch up: that doorbell was
 * theirs, and their buses saw nothing wrong.
 */
export class RedisBus implements EventBus {
  private readonly publisher: RedisClient;
  private readonly subscriber: RedisClient;
  private readonly listeners = new Set<(message: BusMessage) => void>();
  private readonly resumeListeners = new Set<() => void>();
  /** Our SUBSCRIBE is confirmed on the subscriber's current connection. */
  private subscribed = false;
  private everSubscribed = false;
  /** Messages may have been missed since the last time the bus was whole. */
  private interrupted = false;
  /** A publish was dropped since the bus was last whole: the other instances missed it too. */
  private droppedSinceWhole = false;
  private closed = false;
  private settleStart: (() => void) | undefined;
  /** Tells our own resume notices apart from the other instances'. */
  private readonly instanceId = randomUUID();

  private readonly logDropped = rateLimited((err, suppressed) =>
    this.logger.warn({ err, channel: this.channel, suppressed }, 'redis bus publish failed, message dropped'),
  );

  constructor(
    url: string,
    private readonly logger: BusLogger,
    private readonly channel: string,
  ) {
    // Connection names show up in CLIENT LIST; CLIENT SETNAME refuses spaces.
    const name = channel.replace(/\s/g, '_');
    this.publisher = createClient({
      url,
      name: `${name}:publisher`,
      // Fail fast while disconnected instead of queueing: a late doorbell is
      // worth less than the catch-up that follows the reconnection.
      disableOfflineQueue: true,
      commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
      socket: { reconnectStrategy: reconnectDelay },
    });
    this.subscriber = this.publisher.duplicate({ name: `${name}:subscriber` });
    this.watch(this.publisher, 'publisher');
    this.watch(this.subscriber, 'subscriber');
    this.publisher.on('ready', () => this.onSideReady());
    this.subscriber.on('ready', () => this.ensureSubscribed());
  }

  /**
   * Connects both clients. Resolves once the bus is whole, or as soon as an
   * attempt fails: the server then starts without live delivery, the clients
   * keep retrying, and `onResume` fires when they succeed.
   */
  async start(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.settleStart = resolve;
      // connect() settles only on success or close; failures arrive as 'error' events.
      for (const client of [this.publisher, this.subscriber]) client.connect().catch(() => {});
    });
    this.settleStart = undefined;
    if (!this.healthy()) this.logger.warn({ channel: this.channel }, 'redis bus not connected, retrying');
  }

  async publish(message: BusMessage): Promise<void> {
    if (this.closed) return;
    // Asynchronous like the remote path, so publishers never run listeners inline.
    queueMicrotask(() => this.deliver(message));
    try {
      // Not awaited: the reply may never come on a dead connection, and the
      // interface promises only a hand-over. One connection keeps the order.
      const envelope: Envelope = { ...message, from: this.instanceId };
      this.publisher.publish(this.channel, JSON.stringify(envelope)).catch((err: unknown) => this.dropped(err));
    } catch (err) {
      this.dropped(err);
    }
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  healthy(): boolean {
    return this.publisher.isReady && this.subscriber.isReady && this.subscribed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.settleStart?.();
    this.listeners.clear();
    this.resumeListeners.clear();
    await Promise.all([closeGracefully(this.publisher), closeGracefully(this.subscriber)]);
  }

  private watch(client: RedisClient, role: 'publisher' | 'subscriber'): void {
    const logError = rateLimited((err, suppressed) =>
      this.logger.warn({ err, channel: this.channel, client: role, suppressed }, 'redis bus connection error'),
    );
    // An unhandled 'error' event would crash the process. Every lost
    // connection and failed attempt comes through here.
    client.on('error', (err: unknown) => {
      // Only the subscriber's connection carries deliveries. The publisher's
      // loses nothing unnoticed: every publish it could not hand over is
      // rejected, and counted as dropped. Counting its reconnection as an
      // interruption too would make every socket catch up for nothing, and
      // twice when the two connections drop and come back one after the other.
      if (role === 'subscriber') this.interrupted = true;
      logError(err);
      this.settleStart?.();
    });
  }

  /**
   * node-redis 6 re-sends SUBSCRIBE for the channels it knows while it
   * reconnects, before 'ready'. It only knows channels whose SUBSCRIBE was
   * confirmed, though, and older versions lost subscriptions on reconnect;
   * subscribing again costs nothing when the channel is already known (no
   * command is sent), so do it on every 'ready' rather than trust it.
   */
  private ensureSubscribed(): void {
    this.subscribed = false;
    this.subscriber.subscribe(this.channel, this.onPayload).then(
      () => {
        this.subscribed = true;
        if (this.everSubscribed) this.logger.info({ channel: this.channel }, 'redis bus resubscribed');
        else this.logger.info({ channel: this.channel }, 'redis bus subscribed');
        this.everSubscribed = true;
        this.onSideReady();
      },
      // The connection dropped again before the reply; the next 'ready' retries.
      (err: unknown) => {
        if (!this.closed) this.logger.warn({ err, channel: this.channel }, 'redis bus subscribe failed');
      },
    );
  }

  /** Called whenever one side becomes ready: the bus is whole once both are. */
  private onSideReady(): void {
    if (!this.healthy()) return;
    this.settleStart?.();
    if (this.closed) return;
    if (this.droppedSinceWhole) {
      this.droppedSinceWhole = false;
      const notice: ResumeNotice = { kind: RESUME_KIND, from: this.instanceId };
      this.publisher.publish(this.channel, JSON.stringify(notice)).catch((err: unknown) => this.dropped(err));
    }
    if (!this.interrupted) return;
    this.interrupted = false;
    this.resume();
  }

  private resume(): void {
    for (const listener of [...this.resumeListeners]) {
      try {
        listener();
      } catch (err) {
        this.logger.error({ err }, 'redis bus resume listener failed');
      }
    }
  }

  private dropped(err: unknown): void {
    // Our own subscribers had it in process; the other instances missed it.
    this.droppedSinceWhole = true;
    this.logDropped(err);
  }

  // Runs inside node-redis's reply parser: a throw here would corrupt the connection, so nothing escapes.
  private readonly onPayload = (payload: string): void => {
    let envelope: Envelope | ResumeNotice;
    try {
      envelope = JSON.parse(payload) as Envelope | ResumeNotice;
    } catch (err) {
      this.logger.warn({ err, channel: this.channel }, 'redis bus ignored a malformed message');
      return;
    }
    if (typeof envelope !== 'object' || envelope === null) {
      this.logger.warn({ channel: this.channel }, 'redis bus ignored a malformed message');
      return;
    }
    const { from, ...message } = envelope;
    // Our own: delivered in process already.
    if (from === this.instanceId) return;
    if (message.kind === RESUME_KIND) return this.resume();
    this.deliver(message as BusMessage);
  };

  private deliver(message: BusMessage): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch (err) {
        this.logger.error({ err }, 'redis bus listener failed');
      }
    }
  }
}

export async function createRedisBus(url: string, logger: BusLogger, options: RedisBusOptions = {}): Promise<RedisBus> {
  const bus = new RedisBus(url, logger, options.channel ?? DEFAULT_CHANNEL);
  await bus.start();
  return bus;
}
