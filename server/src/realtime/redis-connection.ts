import type { createClient } from 'redis';

/** The subset of a pino logger the Redis clients write to. */
export interface RedisLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type RedisClient = ReturnType<typeof createClient>;

/** During an outage node-redis reports every failed attempt; one line per interval is enough. */
const LOG_INTERVAL_MS = 30_000;
/** How long a close waits for in-flight commands before cutting the connection. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Exponential backoff capped at 5 s, with jitter so a fleet of instances does
 * not reconnect in lockstep. It never gives up: a client whose strategy gives
 * up stays closed until a restart.
 */
export function reconnectDelay(retries: number): number {
  return Math.min(100 * 2 ** retries, 5_000) + Math.floor(Math.random() * 250);
}

/** Runs `log` for the first call and then at most once per interval, passing how many calls it skipped. */
export function rateLimited(log: (err: unknown, suppressed: number) => void): (err: unknown) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < LOG_INTERVAL_MS) {
      suppressed++;
      return;
    }
    last = now;
    log(err, suppressed);
    suppressed = 0;
  };
}

/** Waits for in-flight commands when the connection is up; a dead or reconnecting one is cut at once. */
export async function closeGracefully(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (!client.isReady) {
    client.destroy();
    return;
  }
  const timer = setTimeout(() => client.destroy(), CLOSE_GRACE_MS);
  try {
    await client.close();
  } finally {
    clearTimeout(timer);
  }
}
