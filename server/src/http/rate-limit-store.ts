import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import {
  closeGracefully,
  rateLimited,
  reconnectDelay,
  type RedisClient,
  type RedisLogger,
} from '../realtime/redis-connection.js';

/** A fixed-window counter: `hit` counts one request under `key` and says where the window stands. */
export interface RateLimitStore {
  /** Null when the store cannot answer (Redis down): the caller lets the request through. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number } | null>;
  close(): Promise<void>;
}

/** Entries past this many are dropped oldest first, so a flood of distinct keys cannot exhaust memory. */
const MAX_MEMORY_KEYS = 100_000;

/** The embedded default: this process's own counters. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const now = performance.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.delete(key);
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
      this.evict(now);
    }
    window.count += 1;
    return Promise.resolve({ count: window.count, resetInMs: window.resetAt - now });
  }

  close(): Promise<void> {
    this.windows.clear();
    return Promise.resolve();
  }

  private evict(now: number): void {
    if (this.windows.size <= MAX_MEMORY_KEYS) return;
    for (const [key, window] of this.windows) {
      if (this.windows.size <= MAX_MEMORY_KEYS && window.resetAt > now) break;
      this.windows.delete(key);
    }
  }
}

/**
 * Counts the hits of several keys at once, atomically: INCRBY each key by its
 * hits, and start its window on its first. ARGV holds (hits, window ms) per key.
 */
const HIT_SCRIPT = `
local replies = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCRBY', key, ARGV[2 * i - 1])
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[2 * i])
    ttl = tonumber(ARGV[2 * i])
  end
  replies[2 * i - 1] = count
  replies[2 * i] = ttl
end
return replies
`;
const HIT_SCRIPT_SHA = createHash('sha1').update(HIT_SCRIPT).digest('hex');

/** A limit check must never hold a request up for long: past this, the request goes through. */
const COMMAND_TIMEOUT_MS = 250;

type HitResult = { count: number; resetInMs: number } | null;

/** The hits on one key (and window) waiting for the next round trip, in arrival order. */
interface PendingKey {
  key: string;
  windowMs: number;
  answers: ((result: HitResult) => void)[];
}

/**
 * Counters shared by every instance. Keys are hashed: they hold emails and
 * addresses, which have no business sitting in Redis in clear text. Hits go
 * to Redis by group commit: while one script call is under way, new hits
 * wait, and the next call counts all of them; each gets its own count,
 * exactly as if they had been sent one by one, so the budget stays shared
 * and exact. A lone hit goes at once; under load there is one round trip per
 * batch instead of one per request or socket frame. While Redis is
 * unreachable, requests are let through (and it is logged): the limits are
 * a cost for abusers, and must not take the API down with Redis.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private pending = new Map<string, PendingKey>();
  /** A flush is scheduled or under way: new hits join the next one. */
  private flushing = false;

  private readonly logFailure = rateLimited((err, suppressed) =>
    this.logger.warn({ err, suppressed }, 'rate limit store unavailable, requests are not limited'),
  );

  constructor(
    private readonly client: RedisClient,
    private readonly logger: RedisLogger,
    private readonly prefix = 'icebreaker:rl:',
  ) {}

  hit(key: string, windowMs: number): Promise<HitResult> {
    return new Promise((resolve) => {
      const id = `${windowMs}:${key}`;
      let entry = this.pending.get(id);
      if (!entry) this.pending.set(id, (entry = { key, windowMs, answers: [] }));
      entry.answers.push(resolve);
      if (this.flushing) return;
      this.flushing = true;
      // The hits of this tick share the first round trip.
      queueMicrotask(() => void this.flush());
    });
  }

  close(): Promise<void> {
    return closeGracefully(this.client);
  }

  private async flush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.count(batch);
    } finally {
      if (this.pending.size > 0) void this.flush();
      else this.flushing = false;
    }
  }

  private async count(batch: PendingKey[]): Promise<void> {
    const options = {
      keys: batch.map(({ key }) => this.prefix + createHash('sha256').update(key).digest('base64url').slice(0, 32)),
      arguments: batch.flatMap(({ answers, windowMs }) => [String(answers.length), String(windowMs)]),
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = (await Promise.race([
        this.client.evalSha(HIT_SCRIPT_SHA, options).catch((err: unknown) => {
          // First use on this Redis (or after a restart or SCRIPT FLUSH): EVAL loads it.
          if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return this.client.eval(HIT_SCRIPT, options);
          throw err;
        }),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('rate limit store timed out')), COMMAND_TIMEOUT_MS);
        }),
      ])) as number[];
      batch.forEach(({ answers }, i) => {
        const total = Number(reply[2 * i]);
        const resetInMs = Number(reply[2 * i + 1]);
        answers.forEach((answer, n) => answer({ count: total - answers.length + 1 + n, resetInMs }));
      });
    } catch (err) {
      this.logFailure(err);
      for (const { answers } of batch) for (const answer of answers) answer(null);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Connects in the background: until Redis answers, requests are let through. */
export async function createRedisRateLimitStore(url: string, logger: RedisLogger): Promise<RedisRateLimitStore> {
  const client = createClient({
    url,
    name: 'icebreaker:rate-limits',
    disableOfflineQueue: true,
    socket: { reconnectStrategy: reconnectDelay },
  });
  const logError = rateLimited((err, suppressed) =>
    logger.warn({ err, suppressed }, 'rate limit store connection error'),
  );
  await new Promise<void>((resolve) => {
    client.on('error', (err: unknown) => {
      logError(err);
      resolve();
    });
    client.connect().then(
      () => resolve(),
      () => resolve(),
    );
  });
  return new RedisRateLimitStore(client as RedisClient, logger);
}
