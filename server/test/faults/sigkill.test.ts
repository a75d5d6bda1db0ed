import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../helpers/postgres-admin.js';
import { Cluster, eventually, lastCursor, messageIds, post, sleep } from '../multi-instance/cluster.js';
import type { ServerProcess } from '../process/server-process.js';
import type { TestSocket } from '../realtime/gateway-client.js';
import { QUIET } from './load.js';

/**
 * multi-instance/two-instances.test.ts proves that a socket whose instance
 * was SIGKILLed resumes on the other one, by cursor, and misses none of the
 * messages posted there. Here the killed instance is also the one taking the
 * writes: messages in flight on it when it dies, acknowledged or not.
 */

// Real server processes against the PostgreSQL of the "postgres" test project, with a Redis of their own.
describe.skipIf(process.env.TEST_DATABASE !== 'postgres')('an instance SIGKILLed while it takes writes', () => {
  let cluster: Cluster;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    cluster = await Cluster.create();
    a = await cluster.startServerWith('instance-a', QUIET);
    b = await cluster.startServerWith('instance-b', QUIET);
  }, 120_000);

  afterAll(async () => {
    await cluster?.destroy();
  });

  it('loses no acknowledged message, stores each retried one once, and the reader misses nothing', async () => {
    const x = await cluster.register(a);
    const y = await cluster.register(a);
    const roomId = await cluster.openRoom(a, x, y);
    const sockets: TestSocket[] = [await cluster.connect(b, y, 0)];
    await sockets[0]!.waitForType('chatroom.created');

    // X's client: posts through B, and on a failure moves to A and retries the same key.
    const acked: { key: string; id: number }[] = [];
    let target = b;
    let posting = true;
    const writer = (async () => {
      for (let n = 0; posting; n += 1) {
        const key = `kill-${n}`;
        for (;;) {
          const res = await post(target, x, roomId, key);
          if (res.status === 200 || res.status === 201) {
            acked.push({ key, id: res.id ?? -1 });
            break;
          }
          target = a;
          await sleep(50);
        }
      }
    })();
    // Replays answer 200 with the stored message; `post` reads the id of 201s only.
    const ids = async (): Promise<Map<string, number>> => {
      const { rows } = await admin((c) =>
        c.query<{ id: number; client_message_id: string }>(
          `SELECT id, client_message_id FROM ${cluster.schema}.chat_messages WHERE room_id = $1`,
          [roomId],
        ),
      );
      return new Map(rows.map((r) => [r.client_message_id, Number(r.id)]));
    };

    await sleep(1_000);
    b.child.kill('SIGKILL');
    const first = sockets[0]!;
    await first.closed;
    // Y's client resumes on A with the cursor of the last frame it applied.
    sockets.push(await cluster.connect(a, y, lastCursor(first) ?? 0));
    await sleep(1_000);
    posting = false;
    await writer;

    const stored = await ids();
    // Every acknowledged message, and nothing else, is stored, once.
    expect([...stored.keys()].sort(), cluster.output()).toEqual(acked.map((m) => m.key).sort());
    for (const m of acked) if (m.id !== -1) expect(stored.get(m.key)).toBe(m.id);
    expect(acked.length).toBeGreaterThan(0);
    expect(target, 'the writer failed over to A').toBe(a);

    const expected = acked.map((m) => stored.get(m.key)!);
    const received = (): number[] => sockets.flatMap((s) => messageIds(s.frames));
    await eventually(
      () => received().length >= expected.length,
      10_000,
      () => `received ${received().length} of ${expected.length}\n${cluster.output()}`,
    );
    await sleep(300);
    expect(received(), cluster.output()).toEqual(expected);
    const cursors = sockets.flatMap((s) => s.cursors());
    expect(cursors, cluster.output()).toEqual(cursors.map((_, i) => i + 1));
    for (const s of sockets) s.close();
  }, 60_000);
});
