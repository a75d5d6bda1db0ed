import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventsSince, streamBounds } from '../../src/modules/events/repository.js';
import { EventSweeper } from '../../src/modules/events/sweeper.js';
import { registerUser } from '../helpers/factories.js';
import { sleep, startGateway, TestSocket, type Gateway } from '../realtime/gateway-client.js';

const HOUR = 3_600_000;

describe('the event retention sweeper', () => {
  let gw: Gateway;
  const sweeper = (batchSize?: number) => new EventSweeper(gw.ctx, gw.app.log, batchSize);

  beforeAll(async () => {
    gw = await startGateway({ events: { retentionHours: 168, pruneIntervalMs: 3_600_000 } });
  });
  afterAll(() => gw.close());

  it('deletes events older than EVENT_RETENTION_HOURS and keeps recent ones', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 3);
    gw.clock.advance(168 * HOUR + 1_000);
    await gw.emit(alice.id, 2);
    expect(await sweeper().sweep()).toBe(3);
    expect((await readEventsSince(gw.db, alice.id, 0, 10)).map((e) => e.seq)).toEqual([4, 5]);
    expect(await streamBounds(gw.db, alice.id)).toEqual({ head: 5, oldest: 4 });
    expect(await sweeper().sweep()).toBe(0);
  });

  it('works through a backlog in batches', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 7);
    gw.clock.advance(200 * HOUR);
    expect(await sweeper(2).sweep()).toBeGreaterThanOrEqual(7);
    expect(await readEventsSince(gw.db, alice.id, 0, 10)).toEqual([]);
    expect(await streamBounds(gw.db, alice.id)).toEqual({ head: 7, oldest: null });
  });

  it('is safe to run on several instances at once', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 20);
    gw.clock.advance(200 * HOUR);
    await gw.emit(alice.id, 1);
    const removed = await Promise.all([sweeper(3).sweep(), sweeper(3).sweep(), sweeper(3).sweep()]);
    expect(removed.reduce((a, b) => a + b, 0)).toBe(20);
    expect((await readEventsSince(gw.db, alice.id, 0, 100)).map((e) => e.seq)).toEqual([21]);
  });

  it('makes a socket resuming from a pruned cursor get resync.required, and one inside the window the rest', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 4);
    gw.clock.advance(169 * HOUR);
    await gw.emit(alice.id, 2);
    await sweeper().sweep();
    // The access token from registration expired with the clock's jump.
    const login = await gw.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: alice.email, password: alice.password },
    });
    const token = login.json<{ accessToken: string }>().accessToken;

    const stale = await TestSocket.withToken(gw.url, token, 2);
    await stale.waitForType('ready');
    expect(stale.frames).toEqual([
      { type: 'resync.required', data: { cursor: 6 } },
      { type: 'ready', data: { cursor: 6 } },
    ]);
    stale.close();

    const fresh = await TestSocket.withToken(gw.url, token, 4);
    await fresh.waitForType('ready');
    expect(fresh.frames.map((f) => f.type)).not.toContain('resync.required');
    expect(fresh.cursors()).toEqual([5, 6]);
    fresh.close();
  });
});

describe('the app', () => {
  it('sweeps on its own every EVENT_PRUNE_INTERVAL_SECONDS, logs what it removed, and stops on close', async () => {
    const gw = await startGateway({ events: { retentionHours: 1, pruneIntervalMs: 50 } }, { captureLogs: true });
    try {
      const alice = await registerUser(gw.app);
      await gw.emit(alice.id, 3);
      gw.clock.advance(2 * HOUR);
      await gw.emit(alice.id, 1);
      for (let waited = 0; (await readEventsSince(gw.db, alice.id, 0, 10)).length > 1 && waited < 5_000; waited += 50) {
        await sleep(50);
      }
      expect((await readEventsSince(gw.db, alice.id, 0, 10)).map((e) => e.seq)).toEqual([4]);
      const line = gw.logs.map((l) => JSON.parse(l) as { msg?: string; removed?: number }).find((l) => l.removed);
      expect(line).toMatchObject({ msg: 'pruned expired events', removed: 3 });
    } finally {
      await gw.close();
    }
  });
});
