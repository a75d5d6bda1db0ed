import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../helpers/postgres-admin.js';
import { Cluster, type Session } from '../multi-instance/cluster.js';
import { holdRequest, type ServerProcess } from '../process/server-process.js';
import { QUIET } from './load.js';

/** Messages a socket sends in one burst just before the signal: they sit in the writer's queue when it arrives. */
const BURST = 100;
const HELD = 5;

// A real server process on the PostgreSQL of the "postgres" test project (the embedded database has its own test).
describe.skipIf(process.env.TEST_DATABASE !== 'postgres')('SIGTERM with requests and messages in flight', () => {
  let cluster: Cluster;
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await Cluster.create();
    // Info logs: a held request is in flight once the server has logged it.
    server = await cluster.startServerWith('instance-a', { ...QUIET, LOG_LEVEL: 'info' });
  }, 120_000);

  afterAll(async () => {
    await cluster?.destroy();
  });

  async function storedKeys(roomId: number): Promise<string[]> {
    const { rows } = await admin((c) =>
      c.query<{ client_message_id: string }>(
        `SELECT client_message_id FROM ${cluster.schema}.chat_messages WHERE room_id = $1`,
        [roomId],
      ),
    );
    return rows.map((r) => r.client_message_id);
  }

  it('answers its in-flight writes with 2xx, refuses new connections, commits queued messages and exits 0', async () => {
    const x: Session = await cluster.register(server);
    const y = await cluster.register(server);
    const roomId = await cluster.openRoom(server, x, y);
    const socket = await cluster.connect(server, x);

    const held = [];
    for (let i = 0; i < HELD; i += 1) {
      const body = { chatRoomId: roomId, content: `held ${i}`, clientMessageId: `held-${i}` };
      held.push(await holdRequest(server, '/chat/messages/', body, x.accessToken));
    }
    for (let i = 0; i < BURST; i += 1) {
      const data = { chatRoomId: roomId, content: `burst ${i}`, clientMessageId: `burst-${i}`, requestId: `r${i}` };
      socket.send({ type: 'message.send', data });
    }
    // The writer is at work on the burst: the rest of it is queued behind.
    await socket.waitForType('ack');

    const stopping = server.stop('SIGTERM');
    await server.waitForOutput(/"shutting down"/);
    await expect.poll(() => server.acceptsConnections(), { timeout: 5_000 }).toBe(false);
    const answers = await Promise.all(held.map((h) => h.finish()));
    expect(
      answers.map((a) => a.status),
      server.output,
    ).toEqual(Array(HELD).fill(201));
    // Sockets are told the server is going away; the client resumes elsewhere.
    expect((await socket.closed).code).toBe(1001);

    const exit = await stopping;
    expect(exit, server.output).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(15_000);
    expect(server.output).not.toMatch(/shutdown timed out|shutdown failed/);

    // Every acknowledged message is stored, and every message the server took from the socket before closing it.
    const stored = new Set(await storedKeys(roomId));
    const acked = socket.frames
      .filter((f) => f.type === 'ack')
      .map((f) => (f.data.message as { clientMessageId: string }).clientMessageId);
    const missing = [...Array.from({ length: HELD }, (_, i) => `held-${i}`), ...acked].filter((k) => !stored.has(k));
    expect(missing, server.output).toEqual([]);
    const errors = socket.frames.filter((f) => f.type === 'error');
    expect(errors, JSON.stringify(errors)).toEqual([]);
    // Taken from the socket in order: what was stored is a prefix of the burst, with no hole.
    const burst = [...stored].filter((k) => k.startsWith('burst-')).map((k) => Number(k.slice('burst-'.length)));
    expect(burst.sort((p, q) => p - q)).toEqual(Array.from({ length: burst.length }, (_, i) => i));
    expect(acked.length).toBeGreaterThan(0);
    expect(burst.length).toBeGreaterThanOrEqual(acked.length);
  }, 60_000);
});
