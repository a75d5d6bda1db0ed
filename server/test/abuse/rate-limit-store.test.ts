import { describe, expect, it } from 'vitest';
import { createRedisRateLimitStore, MemoryRateLimitStore } from '../../src/http/rate-limit-store.js';
import { RateLimiter } from '../../src/http/rate-limits.js';

const quiet = { info() {}, warn() {}, error() {} };

describe('rate limit stores', () => {
  it('counts hits per key in fixed windows, and answers how long until the window resets', async () => {
    const store = new MemoryRateLimitStore();
    const limiter = new RateLimiter(store, 10);
    expect(await limiter.consume([{ key: 'a', max: 2 }])).toBeNull();
    expect(await limiter.consume([{ key: 'a', max: 2 }])).toBeNull();
    const retryAfter = await limiter.consume([{ key: 'a', max: 2 }]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limiter.consume([{ key: 'b', max: 2 }])).toBeNull();
    expect((await store.hit('short', 20))?.count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await store.hit('short', 20))?.count).toBe(1);
    await limiter.close();
  });

  it('lets requests through while Redis cannot be reached, rather than failing them', async () => {
    // Nothing listens on port 1.
    const store = await createRedisRateLimitStore('redis://127.0.0.1:1', quiet);
    const limiter = new RateLimiter(store, 10);
    try {
      expect(await store.hit('key', 60_000)).toBeNull();
      for (let i = 0; i < 3; i += 1) expect(await limiter.consume([{ key: 'key', max: 1 }])).toBeNull();
    } finally {
      await limiter.close();
    }
  });

  it.skipIf(!process.env.REDIS_URL)('counts in Redis with the window set on the first hit', async () => {
    const store = await createRedisRateLimitStore(process.env.REDIS_URL!, quiet);
    const key = `test:${Math.random()}`;
    try {
      const first = await store.hit(key, 5_000);
      const second = await store.hit(key, 5_000);
      expect(first?.count).toBe(1);
      expect(second?.count).toBe(2);
      expect(second!.resetInMs).toBeGreaterThan(0);
      expect(second!.resetInMs).toBeLessThanOrEqual(5_000);
    } finally {
      await store.close();
    }
  });

  it.skipIf(!process.env.REDIS_URL)(
    'gives each of many concurrent hits from two instances its own count against one budget',
    async () => {
      const stores = await Promise.all([0, 1].map(() => createRedisRateLimitStore(process.env.REDIS_URL!, quiet)));
      const limiters = stores.map((store) => new RateLimiter(store, 10));
      const key = `test:${Math.random()}`;
      try {
        // Sent in one turn: each instance counts its ten hits in one round trip.
        const hits = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.hit(key, 60_000)));
        expect(hits.map((h) => h?.count).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        // Per instance, in the order they were asked for.
        for (const side of [0, 1]) {
          const counts = hits.filter((_, i) => i % 2 === side).map((h) => h!.count);
          expect(counts).toEqual([...counts].sort((x, y) => x - y));
        }
        const other = `test:${Math.random()}`;
        const verdicts = await Promise.all(
          Array.from({ length: 20 }, (_, i) => limiters[i % 2]!.consume([{ key: other, max: 12 }])),
        );
        expect(verdicts.filter((v) => v === null)).toHaveLength(12);
        for (const retryAfter of verdicts.filter((v) => v !== null)) {
          expect(retryAfter).toBeGreaterThan(0);
          expect(retryAfter).toBeLessThanOrEqual(60);
        }
      } finally {
        await Promise.all(limiters.map((limiter) => limiter.close()));
      }
    },
  );
});
