import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../process/server-process.js';
import type { Frame, TestSocket } from '../realtime/gateway-client.js';
import { Cluster, eventually, type Session, sleep } from './cluster.js';

/** Leases last two heartbeats (2 s) and are renewed every half heartbeat. */
const SETTINGS = { WS_HEARTBEAT_SECONDS: '1' };
const LEASE_MS = 2_000;

function presenceOf(socket: TestSocket, userId: number): Frame[] {
  return socket.frames.filter((f) => f.type === 'presence' && f.data.userId === userId);
}

function statuses(socket: TestSocket, userId: number): string[] {
  return presenceOf(socket, userId).map((f) => f.data.status as string);
}

// Real server processes against the PostgreSQL of the "postgres" test project, with a Redis of their own.
describe.skipIf(process.env.TEST_DATABASE !== 'postgres')('presence across two server processes', () => {
  let cluster: Cluster;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    cluster = await Cluster.create();
    a = await cluster.startServerWith('instance-a', SETTINGS);
    b = await cluster.startServerWith('instance-b', SETTINGS);
  }, 120_000);

  afterAll(async () => {
    await cluster?.destroy();
  });

  /** X and the partner watching X's presence from a socket on B. */
  async function watched(): Promise<{ x: Session; watcher: TestSocket }> {
    const x = await cluster.register(a);
    const y = await cluster.register(a);
    await cluster.openRoom(a, x, y);
    return { x, watcher: await cluster.connect(b, y) };
  }

  async function waitForStatuses(watcher: TestSocket, userId: number, expected: string[]): Promise<void> {
    await eventually(
      () => statuses(watcher, userId).length >= expected.length,
      15_000,
      () => `presence of ${userId}: ${JSON.stringify(statuses(watcher, userId))}\n${cluster.output()}`,
    );
    expect(statuses(watcher, userId), cluster.output()).toEqual(expected);
  }

  it('keeps a user with a socket on each instance online until the last one closes, then says so once', async () => {
    const { x, watcher } = await watched();
    const onA = await cluster.connect(a, x);
    await waitForStatuses(watcher, x.id, ['online']);
    const onB = await cluster.connect(b, x);

    onA.close();
    await onA.closed;
    // Past a whole lease, with renewals and sweeps on both sides: still online.
    await sleep(LEASE_MS + 1_000);
    expect(statuses(watcher, x.id), cluster.output()).toEqual(['online']);

    const closing = Date.now();
    onB.close();
    await waitForStatuses(watcher, x.id, ['online', 'offline']);
    const lastSeenAt = Date.parse(presenceOf(watcher, x.id)[1]!.data.lastSeenAt as string);
    expect(lastSeenAt).toBeGreaterThanOrEqual(closing - 100);
    expect(lastSeenAt).toBeLessThanOrEqual(Date.now());
    await sleep(LEASE_MS);
    expect(statuses(watcher, x.id), cluster.output()).toEqual(['online', 'offline']);
    watcher.close();
  }, 60_000);

  it('on a graceful shutdown, announces no one offline who reconnects elsewhere, and the others once', async () => {
    const { x: returning, watcher } = await watched();
    const leaving = await cluster.register(a);
    const y = await cluster.register(a);
    await cluster.openRoom(a, leaving, y);
    const leavingWatcher = await cluster.connect(b, y);
    const sockets = [await cluster.connect(a, returning), await cluster.connect(a, leaving)];
    await waitForStatuses(watcher, returning.id, ['online']);
    await waitForStatuses(leavingWatcher, leaving.id, ['online']);

    const stopping = Date.now();
    const stopped = a.stop('SIGTERM');
    expect((await sockets[0]!.closed).code).toBe(1001);
    // One client reconnects to the other instance at once; the other does not come back.
    await cluster.connect(b, returning);
    expect((await stopped).code, a.output).toBe(0);
    const exited = Date.now();

    await waitForStatuses(leavingWatcher, leaving.id, ['online', 'offline']);
    const lastSeenAt = Date.parse(presenceOf(leavingWatcher, leaving.id)[1]!.data.lastSeenAt as string);
    expect(lastSeenAt).toBeGreaterThanOrEqual(stopping - 100);
    expect(lastSeenAt).toBeLessThanOrEqual(exited + 100);
    await sleep(LEASE_MS);
    expect(statuses(watcher, returning.id), cluster.output()).toEqual(['online']);
    expect(a.output).not.toMatch(/presence announcement failed|session check failed/);

    a = await cluster.startServerWith('instance-a', SETTINGS);
  }, 120_000);

  it('takes the users of a SIGKILLed instance offline within about two heartbeats, once', async () => {
    const { x, watcher } = await watched();
    await cluster.connect(a, x);
    await waitForStatuses(watcher, x.id, ['online']);

    const killed = Date.now();
    a.child.kill('SIGKILL');
    await waitForStatuses(watcher, x.id, ['online', 'offline']);
    const detectedMs = Date.now() - killed;
    // A lease after the last renewal, and at most one sweep later.
    expect(detectedMs, cluster.output()).toBeLessThan(LEASE_MS + 2_000);
    const lastSeenAt = Date.parse(presenceOf(watcher, x.id)[1]!.data.lastSeenAt as string);
    expect(lastSeenAt).toBeLessThanOrEqual(killed + 100);
    await sleep(LEASE_MS);
    expect(statuses(watcher, x.id), cluster.output()).toEqual(['online', 'offline']);
  }, 60_000);
});
