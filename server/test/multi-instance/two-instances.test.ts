import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../process/server-process.js';
import type { TestSocket } from '../realtime/gateway-client.js';
import { Cluster, eventually, lastCursor, messageIds, post, type Session, sleep } from './cluster.js';

/** Cursors of durable frames must run 1 by 1 from where the stream started: no gap, no repeat. */
function expectConsecutive(cursors: number[], after: number, output: () => string): void {
  const expected = cursors.map((_, i) => after + i + 1);
  expect(cursors, output()).toEqual(expected);
}

/** Polls /ready until it answers `status` (503 while the bus is down, 200 once it is whole). */
async function waitForReady(server: ServerProcess, status: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await server.request('GET', '/ready')).status !== status) {
    if (Date.now() > deadline) throw new Error(`/ready never answered ${status}; output:\n${server.output}`);
    await sleep(100);
  }
}

// Real server processes against the PostgreSQL of the "postgres" test project, in a schema of their own.
describe.skipIf(process.env.TEST_DATABASE !== 'postgres')('two server processes sharing PostgreSQL and Redis', () => {
  let cluster: Cluster;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    cluster = await Cluster.create();
    a = await cluster.startServer('instance-a');
    b = await cluster.startServer('instance-b');
  }, 120_000);

  afterAll(async () => {
    await cluster?.destroy();
  });

  /** X and Y, registered on A, with a room between them; Y's socket is on B. */
  async function pair(): Promise<{ x: Session; y: Session; roomId: number; socket: TestSocket }> {
    const x = await cluster.register(a);
    const y = await cluster.register(a);
    const roomId = await cluster.openRoom(a, x, y);
    const socket = await cluster.connect(b, y, 0);
    // The room's own event comes first; from then on only messages.
    await socket.waitForType('chatroom.created');
    return { x, y, roomId, socket };
  }

  /** Waits until `received()` holds `count` message ids, then a little longer, so a late duplicate would show up. */
  async function waitForMessages(received: () => number[], count: number, timeoutMs = 10_000): Promise<void> {
    await eventually(
      () => received().length >= count,
      timeoutMs,
      () => `received ${received().length} of ${count}\n${cluster.output()}`,
    );
    await sleep(300);
  }

  /** Posts `count` messages from `from` through A, one after the other, each acknowledged; their ids go to `acked`. */
  async function postAllOnA(from: Session, roomId: number, count: number, label: string, acked: number[]) {
    for (let i = 0; i < count; i += 1) {
      const res = await post(a, from, roomId, `${label}-${i}`);
      expect(res.status, cluster.output()).toBe(201);
      acked.push(res.id!);
    }
  }

  it('delivers every message posted on A live to a socket on B, in order, exactly once', async () => {
    const { x, roomId, socket } = await pair();
    const acked: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const res = await post(a, x, roomId, `live-${i}`);
      expect(res.status, cluster.output()).toBe(201);
      acked.push(res.id!);
    }
    await waitForMessages(() => messageIds(socket.frames), acked.length);
    expect(messageIds(socket.frames), cluster.output()).toEqual(acked);
    expectConsecutive(socket.cursors(), 0, () => cluster.output());
    socket.close();
  }, 60_000);

  it('loses no acknowledged message when Redis is killed and restarted mid-stream', async () => {
    const { x, y, roomId, socket } = await pair();
    const sockets: TestSocket[] = [socket];
    /** Y's client: reconnects to B with its last cursor if the socket is ever closed. */
    let stopped = false;
    const keepConnected = (async () => {
      for (;;) {
        const current = sockets.at(-1)!;
        await Promise.race([current.closed, sleep(200)]);
        if (stopped) return;
        if (current.ws.readyState !== current.ws.OPEN) {
          const cursor = lastCursor(current) ?? sockets.flatMap((s) => s.cursors()).at(-1) ?? 0;
          sockets.push(await cluster.connect(b, y, cursor));
        }
      }
    })();

    const acked: number[] = [];
    const failures: number[] = [];
    let posting = true;
    let n = 0;
    const poster = (async () => {
      while (posting) {
        const res = await post(a, x, roomId, `redis-${(n += 1)}`);
        if (res.status === 201) acked.push(res.id!);
        else failures.push(res.status);
        await sleep(20);
      }
    })();

    await sleep(1_000);
    const beforeOutage = acked.length;
    await cluster.redis.kill();
    await sleep(2_000);
    const duringOutage = acked.length - beforeOutage;
    await cluster.redis.start();
    // Both buses are whole again once /ready says so (it checks the bus).
    for (const server of [a, b]) await waitForReady(server, 200);
    await sleep(1_000);
    posting = false;
    await poster;

    const received = (): number[] => sockets.flatMap((s) => messageIds(s.frames));
    await waitForMessages(received, acked.length, 30_000);
    stopped = true;
    await keepConnected;

    expect(failures, cluster.output()).toEqual([]);
    expect(duringOutage, 'REST kept acknowledging while Redis was down').toBeGreaterThan(0);
    expect(received(), cluster.output()).toEqual(acked);
    expectConsecutive(
      sockets.flatMap((s) => s.cursors()),
      0,
      () => cluster.output(),
    );
    expect(b.output).toMatch(/redis bus resubscribed/);
    for (const s of sockets) s.close();
  }, 90_000);

  it('lets B catch up on messages whose doorbell A could not ring while only A had lost Redis', async () => {
    const { x, roomId, socket } = await pair();
    const acked: number[] = [];
    const send = (count: number, label: string) => postAllOnA(x, roomId, count, label, acked);
    await send(3, 'before');
    await waitForMessages(() => messageIds(socket.frames), 3);

    await cluster.cutOff('instance-a');
    await waitForReady(a, 503);
    // Stored and acknowledged; their doorbells are dropped, and B's bus never noticed a thing.
    await send(3, 'unrung');
    expect((await b.request('GET', '/ready')).status, cluster.output()).toBe(200);
    await cluster.reconnect('instance-a');
    await waitForReady(a, 200);

    // Nothing else is posted: only A's bus coming back can tell B to look.
    await waitForMessages(() => messageIds(socket.frames), acked.length, 15_000);
    expect(messageIds(socket.frames), cluster.output()).toEqual(acked);
    expectConsecutive(socket.cursors(), 0, () => cluster.output());
    socket.close();
  }, 60_000);

  it('resumes on A, with the last cursor, a socket whose instance B was killed: nothing missed', async () => {
    const { x, y, roomId, socket: first } = await pair();
    const acked: number[] = [];
    const send = (count: number, label: string) => postAllOnA(x, roomId, count, label, acked);

    await send(10, 'before');
    await waitForMessages(() => messageIds(first.frames), 10);
    await b.stop('SIGKILL');
    await first.closed;
    await send(10, 'while-away');

    const cursor = lastCursor(first)!;
    const second = await cluster.connect(a, y, cursor);
    await send(5, 'after');
    const received = (): number[] => [...messageIds(first.frames), ...messageIds(second.frames)];
    await waitForMessages(received, acked.length);

    expect(received(), cluster.output()).toEqual(acked);
    expectConsecutive(second.cursors(), cursor, () => cluster.output());
    second.close();
  }, 60_000);
});
