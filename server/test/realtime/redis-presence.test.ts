import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RedisLogger } from '../../src/realtime/redis-connection.js';
import { createRedisPresenceTracker, type RedisPresenceTracker } from '../../src/realtime/presence/redis-tracker.js';
import type { PresenceChange } from '../../src/realtime/presence/tracker.js';
import { RedisServer } from '../helpers/redis-server.js';
import { freePort } from '../process/server-process.js';

/** Leases last two heartbeats (600 ms) and are renewed every half heartbeat. */
const HEARTBEAT_MS = 300;
const LEASE_MS = 2 * HEARTBEAT_MS;
const INSTANCES = ['a', 'b', 'c'] as const;
type Instance = (typeof INSTANCES)[number];

interface TrackedInstance {
  tracker: RedisPresenceTracker;
  changes: PresenceChange[];
  warnings: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const waitLong = { timeout: 15_000, interval: 25 };

function recordingLogger(warnings: string[]): RedisLogger {
  return { info: () => {}, warn: (_obj, msg) => warnings.push(msg), error: (_obj, msg) => warnings.push(msg) };
}

function offline(changes: PresenceChange[], userId: number): PresenceChange[] {
  return changes.filter((change) => change.userId === userId && change.status === 'offline');
}

// A private redis-server per test, with one ACL user per instance, so a test can cut one instance off
// (as a crash or a partition would) or kill Redis itself. No database: the pglite project runs it.
describe.skipIf(process.env.TEST_DATABASE === 'postgres')('RedisPresenceTracker', () => {
  let redis: RedisServer;
  const started: RedisPresenceTracker[] = [];

  beforeEach(async () => {
    redis = new RedisServer(await freePort(), [...INSTANCES]);
    await redis.start();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((tracker) => tracker.close()));
    await redis.kill();
  });

  async function start(instance: Instance, heartbeatMs = HEARTBEAT_MS): Promise<TrackedInstance> {
    const warnings: string[] = [];
    const tracker = await createRedisPresenceTracker(redis.url(instance), recordingLogger(warnings), { heartbeatMs });
    started.push(tracker);
    const changes: PresenceChange[] = [];
    tracker.onChange((change) => changes.push(change));
    return { tracker, changes, warnings };
  }

  async function cutOff(instance: Instance): Promise<void> {
    await redis.command('ACL', 'SETUSER', instance, 'off');
    await redis.command('CLIENT', 'KILL', 'USER', instance);
  }

  it('takes a user on two instances offline only when the last one lets go, and keeps last seen', async () => {
    const [a, b] = [await start('a'), await start('b')];

    expect(await a.tracker.attach(7)).toMatchObject({ userId: 7, status: 'online' });
    expect(await b.tracker.attach(7)).toBeNull();
    expect(await a.tracker.detach(7)).toBeNull();
    expect(await b.tracker.lastSeen(7)).toBeNull();

    const before = Date.now();
    const left = await b.tracker.detach(7);
    expect(left).toMatchObject({ userId: 7, status: 'offline' });
    expect(left!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(before - 50);
    expect(left!.lastSeenAt.getTime()).toBeLessThanOrEqual(Date.now() + 50);
    expect(await a.tracker.lastSeen(7)).toEqual(left!.lastSeenAt);
    expect(await b.tracker.detach(7)).toBeNull();

    // Renewals and sweeps over several leases find nothing to announce.
    await sleep(3 * LEASE_MS);
    expect([...a.changes, ...b.changes]).toEqual([]);
  });

  it("takes a crashed instance's users offline within about two heartbeats, announced once", async () => {
    const [a, b, c] = [await start('a'), await start('b'), await start('c')];
    await a.tracker.attach(1);
    await a.tracker.attach(2);
    await b.tracker.attach(2);

    const cutting = Date.now();
    await cutOff('a');
    const cut = Date.now();
    await vi.waitFor(() => expect(offline([...b.changes, ...c.changes], 1)).toHaveLength(1), waitLong);
    const detectedMs = Date.now() - cutting;
    const [change] = offline([...b.changes, ...c.changes], 1);
    // Last seen: the crashed instance's last renewal, every half heartbeat.
    expect(change!.lastSeenAt.getTime()).toBeLessThanOrEqual(cut + 50);
    expect(change!.lastSeenAt.getTime()).toBeGreaterThan(cutting - HEARTBEAT_MS - 250);
    expect(detectedMs).toBeLessThan(LEASE_MS + HEARTBEAT_MS + 1_000);

    await sleep(2 * LEASE_MS);
    expect([...b.changes, ...c.changes]).toEqual([change]);
    expect(await b.tracker.lastSeen(2)).toBeNull();

    // Back from the partition: it re-asserts what it holds, and user 1 comes online again.
    await redis.command('ACL', 'SETUSER', 'a', 'on');
    await vi.waitFor(() => expect(a.changes).toMatchObject([{ userId: 1, status: 'online' }]), waitLong);
  });

  it('lets racing sweepers announce each of 300 expired users exactly once', async () => {
    const [a, b, c] = [await start('a'), await start('b'), await start('c')];
    const users = Array.from({ length: 300 }, (_, i) => i + 1);
    await Promise.all(users.map((id) => a.tracker.attach(id)));

    await cutOff('a');
    const announced = (): number[] => [...b.changes, ...c.changes].map((change) => change.userId);
    await vi.waitFor(() => expect(announced()).toHaveLength(300), waitLong);
    await sleep(LEASE_MS);
    expect(announced().sort((x, y) => x - y)).toEqual(users);
    expect([...b.changes, ...c.changes].every((change) => change.status === 'offline')).toBe(true);
  });

  it('hands its leases over at shutdown: a user who reconnects in time sees no change, one who does not goes offline', async () => {
    const [a, b] = [await start('a'), await start('b')];
    await a.tracker.attach(1);
    await a.tracker.attach(2);

    const closing = Date.now();
    await a.tracker.close();
    const closed = Date.now();
    // User 1's client reconnects to b: a's lease still counts, so nobody hears of it.
    expect(await b.tracker.attach(1)).toBeNull();

    await vi.waitFor(() => expect(offline(b.changes, 2)).toHaveLength(1), waitLong);
    const [change] = offline(b.changes, 2);
    expect(change!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(closing - 50);
    expect(change!.lastSeenAt.getTime()).toBeLessThanOrEqual(closed + 50);
    await sleep(LEASE_MS);
    expect(b.changes).toEqual([change]);
  });

  it('neither throws nor blocks while Redis is down, and re-asserts its leases once Redis is back', async () => {
    const [a, b] = [await start('a'), await start('b')];
    await redis.kill();

    const started = Date.now();
    expect(await a.tracker.attach(1)).toBeNull();
    expect(await b.tracker.detach(2)).toBeNull();
    expect(await a.tracker.lastSeen(1)).toBeNull();
    expect(Date.now() - started).toBeLessThan(500);
    await sleep(HEARTBEAT_MS);
    expect(a.warnings).toContain('presence store connection error');

    // A restarted Redis without persistence knows nobody: the renewal brings user 1 online.
    await redis.start();
    await vi.waitFor(() => expect(a.changes).toMatchObject([{ userId: 1, status: 'online' }]), waitLong);
    expect(await b.tracker.lastSeen(1)).toBeNull();
    expect(b.changes).toEqual([]);
  });

  it('renews the leases of 20,000 users in time, with nothing to announce', async () => {
    const heartbeatMs = 1_500;
    const [a, b] = [await start('a', heartbeatMs), await start('b', heartbeatMs)];
    const users = Array.from({ length: 20_000 }, (_, i) => i + 1);
    const came = await Promise.all(users.map((id) => a.tracker.attach(id)));
    expect(came.filter((change) => change?.status === 'online')).toHaveLength(20_000);

    // Past every first lease's expiry, and past a sweep of b after it: only renewals kept them.
    await sleep(2 * heartbeatMs + heartbeatMs / 2 + 250);
    expect([...a.changes, ...b.changes]).toEqual([]);
    expect(await b.tracker.lastSeen(20_000)).toBeNull();

    // Its shutdown is one more renewal of all of them.
    const closing = Date.now();
    await a.tracker.close();
    expect(Date.now() - closing).toBeLessThan(heartbeatMs / 2);
  });
});
