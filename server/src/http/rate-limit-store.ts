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

/** INCR, and start the window on the first hit; one round trip, atomic. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/** A limit check must never hold a request up for long: past this, the request goes through. */
const COMMAND_TIMEOUT_MS = 250;

/**
 * Counters shared by every instance. Keys are hashed: they hold emails and
 * addresses, which have no business sitting in Redis in clear text. While
 * Redis is unreachable, requests are let through (and it is logged): the
 * limits are a cost for abusers, and must not take the API down with Redis.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly logFailure = rateLimited((err, suppressed) =>
    this.logger.warn({ err, suppressed }, 'rate limit store unavailable, requests are not limited'),
  );

  constructor(
    private readonly client: RedisClient,
    private readonly logger: RedisLogger,
    private readonly prefix = 'icebreaker:rl:',
  ) {}

  async hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number } | null> {
    const hashed = this.prefix + createHash('sha256').update(key).digest('base64url').slice(0, 32);
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await Promise.race([
        this.client.eval(HIT_SCRIPT, { keys: [hashed], arguments: [String(windowMs)] }),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('rate limit store timed out')), COMMAND_TIMEOUT_MS);
        }),
      ]);
      const [count, ttl] = reply as [number, number];
      return { count: Number(count), resetInMs: Number(ttl) };
    } catch (err) {
      this.logFailure(err);
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return closeGracefully(this.client);
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
