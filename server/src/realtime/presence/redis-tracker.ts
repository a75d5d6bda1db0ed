import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import {
  closeGracefully,
  rateLimited,
  reconnectDelay,
  type RedisClient,
  type RedisLogger,
} from '../redis-connection.js';
import { claimLease, expiredLeases, holdLeases, lastSeenOf, loadScripts, releaseLease } from './redis-scripts.js';
import { LAST_SEEN_KEPT_MS, type PresenceChange, type PresenceTracker } from './tracker.js';

export interface RedisPresenceOptions {
  /**
   * The WebSocket heartbeat. Leases last two heartbeats and are renewed every
   * half heartbeat, so a crashed instance's users go offline about two
   * heartbeats after its last renewal, and one late renewal changes nothing.
   */
  heartbeatMs: number;
  /** Every instance of one deployment must use the same prefix. */
  keyPrefix?: string;
}

const DEFAULT_PREFIX = 'icebreaker:presence';
/** Users per script call: short enough not to hold Redis up, few enough calls for 20,000 users. */
const BATCH = 500;
/** Expired leases a sweep claims per round, and rounds per sweep. */
const SWEEP_BATCH = 500;
const SWEEP_ROUNDS = 20;
/** How long a shutdown waits for a renewal or sweep under way, and then for the hand-over. */
const CLOSE_WAIT_MS = 2_000;

/** The promise's value, or undefined once `ms` have passed or if it rejects. */
async function within<T>(ms: number, promise: Promise<T> | undefined): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise?.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Presence shared by every instance through Redis leases (see
 * redis-scripts.ts). Each instance renews the leases of the users it holds;
 * every instance sweeps expired leases, which is how the users of a crashed
 * instance go offline. While Redis is unreachable nothing blocks and nothing
 * throws: changes are not announced, and the first renewal once it is back
 * re-asserts every lease this instance holds.
 */
export class RedisPresenceTracker implements PresenceTracker {
  readonly instanceId = randomUUID();
  private readonly client: RedisClient;
  private readonly leaseMs: number;
  private readonly held = new Set<number>();
  private readonly listeners = new Set<(change: PresenceChange) => void>();
  private readonly leasesKey: string;
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;
  /** Sweeping waits one lease after each (re)connection, so the other instances renew first. */
  private sweepFrom = Infinity;
  private interrupted = false;
  private closed = false;
  private settleStart: (() => void) | undefined;

  private readonly logFailure = rateLimited((err, suppressed) =>
    this.logger.warn({ err, suppressed }, 'presence store command failed'),
  );

  constructor(
    url: string,
    private readonly logger: RedisLogger,
    private readonly options: RedisPresenceOptions,
  ) {
    this.leaseMs = 2 * options.heartbeatMs;
    this.leasesKey = `${this.prefix}:leases`;
    this.client = createClient({
      url,
      name: `${this.prefix.replace(/\s/g, '_')}:tracker`,
      // Fail fast while disconnected: a queued lease would be stale on arrival, and renewals re-assert it.
      disableOfflineQueue: true,
      socket: { reconnectStrategy: reconnectDelay },
    });
    const logError = rateLimited((err, suppressed) =>
      this.logger.warn({ err, suppressed }, 'presence store connection error'),
    );
    this.client.on('error', (err: unknown) => {
      this.interrupted = true;
      logError(err);
      this.settleStart?.();
    });
    this.client.on('ready', () => this.onReady());
  }

  /** Connects; resolves once connected or as soon as an attempt fails (the client keeps retrying). */
  async start(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.settleStart = resolve;
      this.client.connect().catch(() => {});
    });
    this.settleStart = undefined;
    if (!this.client.isReady) this.logger.warn({}, 'presence store not connected, retrying');
    this.timer = setInterval(() => this.beat(), this.options.heartbeatMs / 2);
    this.timer.unref();
  }

  async attach(userId: number): Promise<PresenceChange | null> {
    this.held.add(userId);
    if (this.closed) return null;
    try {
      const [online] = await this.hold([userId]);
      return online ?? null;
    } catch (err) {
      // The next renewal takes the lease, and reports the user online then.
      this.logFailure(err);
      return null;
    }
  }

  async detach(userId: number): Promise<PresenceChange | null> {
    this.held.delete(userId);
    if (this.closed) return null;
    try {
      const keys = [this.leasesKey, this.userKey(userId), this.lastSeenKey(userId)];
      const at = Number(await releaseLease.run(this.client, keys, [this.instanceId, userId, LAST_SEEN_KEPT_MS]));
      return at > 0 ? { userId, status: 'offline', lastSeenAt: new Date(at) } : null;
    } catch (err) {
      // The lease stays until it expires; the sweep announces the user then.
      this.logFailure(err);
      return null;
    }
  }

  onChange(listener: (change: PresenceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async lastSeen(userId: number): Promise<Date | null> {
    try {
      const at = Number(await lastSeenOf.run(this.client, [this.userKey(userId), this.lastSeenKey(userId)], []));
      return at > 0 ? new Date(at) : null;
    } catch (err) {
      this.logFailure(err);
      return null;
    }
  }

  /** Renews every lease once more and lets go: whoever does not reconnect within a lease is swept offline. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.settleStart?.();
    // Bounded: a connection that stopped answering must not hold up the shutdown.
    await within(CLOSE_WAIT_MS, this.tick);
    this.listeners.clear();
    if (this.client.isReady) {
      const handedOver = await within(
        CLOSE_WAIT_MS,
        this.hold([...this.held]).then(() => true),
      );
      if (!handedOver) this.logger.warn({}, 'presence leases not renewed at shutdown: they run out a little sooner');
    }
    await closeGracefully(this.client);
  }

  private get prefix(): string {
    return this.options.keyPrefix ?? DEFAULT_PREFIX;
  }

  private userKey(userId: number): string {
    return `${this.prefix}:user:${userId}`;
  }

  private lastSeenKey(userId: number): string {
    return `${this.prefix}:last-seen:${userId}`;
  }

  private onReady(): void {
    this.settleStart?.();
    this.sweepFrom = performance.now() + this.leaseMs;
    // Not required (a missing script is loaded on first use), but it saves the first commands a round trip.
    loadScripts(this.client).catch((err: unknown) => this.logFailure(err));
    if (!this.interrupted || this.closed) return;
    this.interrupted = false;
    this.logger.info({ users: this.held.size }, 'presence store reconnected: re-asserting leases');
    this.beat();
  }

  /** One renewal and sweep at a time: a slow Redis must not pile them up. */
  private beat(): void {
    if (this.tick || this.closed) return;
    this.tick = this.renewAndSweep().finally(() => (this.tick = undefined));
  }

  private async renewAndSweep(): Promise<void> {
    try {
      // Users who came online again (their leases had expired) are announced, unless they left meanwhile.
      for (const change of await this.hold([...this.held])) {
        if (this.held.has(change.userId)) this.emit(change);
      }
      if (performance.now() >= this.sweepFrom) await this.sweep();
    } catch (err) {
      this.logFailure(err);
    }
  }

  /** Takes or renews leases, in pipelined batches; returns the users who came online. */
  private async hold(userIds: number[]): Promise<PresenceChange[]> {
    const batches: number[][] = [];
    for (let i = 0; i < userIds.length; i += BATCH) batches.push(userIds.slice(i, i + BATCH));
    const replies = await Promise.all(
      batches.map((batch) =>
        holdLeases.run(
          this.client,
          [this.leasesKey, ...batch.map((id) => this.userKey(id))],
          [this.instanceId, this.leaseMs, ...batch],
        ),
      ),
    );
    return replies.flatMap((reply) => {
      const [now, ...cameOnline] = (reply as unknown[]).map(Number);
      return cameOnline.map((userId) => ({ userId, status: 'online' as const, lastSeenAt: new Date(now!) }));
    });
  }

  /** Claims expired leases, whichever instance held them, and announces the users they took offline. */
  private async sweep(): Promise<void> {
    for (let round = 0; round < SWEEP_ROUNDS && !this.closed; round += 1) {
      const members = (await expiredLeases.run(this.client, [this.leasesKey], [SWEEP_BATCH])) as string[];
      const claims = await Promise.all(members.map((member) => this.claim(member)));
      for (const change of claims) if (change) this.emit(change);
      if (members.length < SWEEP_BATCH) return;
    }
  }

  private async claim(member: string): Promise<PresenceChange | null> {
    const separator = member.indexOf(':');
    const userId = Number(member.slice(0, separator));
    const instanceId = member.slice(separator + 1);
    const keys = [this.leasesKey, this.userKey(userId), this.lastSeenKey(userId)];
    const at = Number(await claimLease.run(this.client, keys, [member, instanceId, this.leaseMs, LAST_SEEN_KEPT_MS]));
    return at > 0 ? { userId, status: 'offline', lastSeenAt: new Date(at) } : null;
  }

  private emit(change: PresenceChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (err) {
        this.logger.error({ err }, 'presence listener failed');
      }
    }
  }
}

export async function createRedisPresenceTracker(
  url: string,
  logger: RedisLogger,
  options: RedisPresenceOptions,
): Promise<RedisPresenceTracker> {
  const tracker = new RedisPresenceTracker(url, logger, options);
  await tracker.start();
  return tracker;
}
