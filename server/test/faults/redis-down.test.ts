import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, eventually, messageIds, post, sleep } from '../multi-instance/cluster.js';
import type { ServerProcess } from '../process/server-process.js';
import { QUIET } from './load.js';

/**
 * One instance with Redis configured: Redis connects instances, so losing it
 * must not stop this instance delivering to its own sockets. What happens
 * across instances when Redis goes and comes back (cross-instance delivery
 * resumes, clients catch up by cursor, an instance cut off alone rings the
 * others once it is back) is proven in multi-instance/two-instances.test.ts.
 */

async function waitForReady(server: ServerProcess, status: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await server.request('GET', '/ready')).status !== status) {
    if (Date.now() > deadline) throw new Error(`/ready never answered ${status}; output:\n${server.output}`);
    await sleep(100);
  }
}

// Real server processes against the PostgreSQL of the "postgres" test project, with a Redis of their own.
describe.skipIf(process.env.TEST_DATABASE !== 'postgres')('one instance whose Redis goes down', () => {
  let cluster: Cluster;
  let a: ServerProcess;

  beforeAll(async () => {
    cluster = await Cluster.create();
    a = await cluster.startServerWith('instance-a', QUIET);
  }, 120_000);

  afterAll(async () => {
    await cluster?.destroy();
  });

  it('keeps delivering live to its own sockets while Redis is down, then once each after it returns', async () => {
    const x = await cluster.register(a);
    const y = await cluster.register(a);
    const roomId = await cluster.openRoom(a, x, y);
    const sender = await cluster.connect(a, x);
    const socket = await cluster.connect(a, y, 0);
    await socket.waitForType('chatroom.created');

    const acked: number[] = [];
    const send = async (count: number, label: string): Promise<void> => {
      for (let i = 0; i < count; i += 1) {
        const res = await post(a, x, roomId, `${label}-${i}`);
        expect(res.status, cluster.output()).toBe(201);
        acked.push(res.id!);
      }
    };
    const received = (): number[] => messageIds(socket.frames);
    const waitForAll = (timeoutMs: number): Promise<void> =>
      eventually(
        () => received().length >= acked.length,
        timeoutMs,
        () => `received ${received().length} of ${acked.length}\n${cluster.output()}`,
      );

    await send(3, 'before');
    await waitForAll(5_000);

    await cluster.redis.kill();
    await waitForReady(a, 503);
    // Stored, acknowledged and delivered with Redis still down: not held back for a catch-up.
    await send(10, 'during');
    await waitForAll(5_000);
    // Ephemeral frames too: typing reaches the partner's socket on the same instance.
    sender.send({ type: 'typing', data: { chatRoomId: roomId } });
    await socket.waitFor((f) => f.type === 'typing' && f.data.userId === x.id, 5_000);
    expect((await a.request('GET', '/ready')).status, 'Redis stayed down throughout').toBe(503);

    await cluster.redis.start();
    await waitForReady(a, 200);
    await send(3, 'after');
    await waitForAll(5_000);
    // The catch-up that follows the reconnection finds nothing new: no repeats.
    await sleep(500);
    expect(received(), cluster.output()).toEqual(acked);
    const cursors = socket.cursors();
    expect(cursors, cluster.output()).toEqual(cursors.map((_, i) => i + 1));
    socket.close();
    sender.close();
  }, 60_000);
});
