import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneEvents } from '../../src/modules/events/repository.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { sleep, startGateway, TestSocket, type Gateway } from './gateway-client.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('WebSocket delivery of durable events', () => {
  let gw: Gateway;

  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  const connect = async (user: TestUser, cursor?: number): Promise<TestSocket> => {
    const socket = await TestSocket.withToken(gw.url, user.accessToken, cursor);
    await socket.waitForType('ready');
    return socket;
  };

  it('delivers an event live to its recipient only, with its cursor', async () => {
    const [alice, bob] = [await registerUser(gw.app), await registerUser(gw.app)];
    const a = await connect(alice);
    const b = await connect(bob);
    await gw.emit(alice.id, 1, 'chat.message.created');
    const frame = await a.waitForType('chat.message.created');
    expect(frame.cursor).toBe(1);
    expect(frame.data).toEqual({ n: expect.any(Number) });
    await sleep(100);
    expect(b.cursors()).toEqual([]);
    a.close();
    b.close();
  });

  it('starts live from the head without a cursor, and says where that is', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 3);
    const socket = await connect(alice);
    expect(socket.frames[0]).toEqual({ type: 'ready', data: { cursor: 3 } });
    await gw.emit(alice.id, 1);
    expect((await socket.durable(1)).map((f) => f.cursor)).toEqual([4]);
    socket.close();
  });

  it('gives a client that resumes with its cursor exactly the events it missed, in order, then live ones', async () => {
    const alice = await registerUser(gw.app);
    const first = await connect(alice);
    await gw.emit(alice.id, 2);
    expect((await first.durable(2)).map((f) => f.cursor)).toEqual([1, 2]);
    first.close();
    await first.closed;

    await gw.emit(alice.id, 5);
    const resumed = await TestSocket.open(`${gw.url}`);
    resumed.send({ type: 'auth', data: { token: alice.accessToken, cursor: 2 } });
    await resumed.waitForType('ready');
    expect(resumed.cursors()).toEqual([3, 4, 5, 6, 7]);
    expect(resumed.frames.at(-1)).toEqual({ type: 'ready', data: { cursor: 7 } });

    await gw.emit(alice.id, 2);
    expect((await resumed.durable(7)).map((f) => f.cursor)).toEqual(range(3, 9));
    resumed.close();
  });

  it('resumes from ?cursor= with a ticket too', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 4);
    const { ticket } = (await gw.app.inject({ method: 'POST', url: '/auth/ws-ticket', headers: alice.auth })).json<{
      ticket: string;
    }>();
    const socket = await TestSocket.open(`${gw.url}?ticket=${ticket}&cursor=1`);
    await socket.waitForType('ready');
    expect(socket.cursors()).toEqual([2, 3, 4]);
    socket.close();
  });

  it('loses and repeats nothing when events are written during a long catch-up', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 1200);
    const socket = await TestSocket.withToken(gw.url, alice.accessToken, 0);
    // Written while the backlog (three pages) is being read and sent.
    const writers = Promise.all(range(1, 20).map(() => gw.emit(alice.id, 1)));
    await writers;
    await socket.waitForType('ready', 20_000);
    await gw.emit(alice.id, 5);
    const cursors = (await socket.durable(1225, 20_000)).map((f) => f.cursor);
    expect(cursors).toEqual(range(1, 1225));
    socket.close();
  }, 60_000);

  it('reads the gap first when a live event skips ahead of a missed doorbell', async () => {
    const alice = await registerUser(gw.app);
    const socket = await connect(alice);
    await gw.emit(alice.id, 3);
    expect((await socket.durable(3)).map((f) => f.cursor)).toEqual([1, 2, 3]);
    // Events 4 and 5 are committed without ringing the bell, as when a Redis publish is lost.
    await gw.db.transaction().execute(async (trx) => {
      await trx.updateTable('event_streams').set({ last_seq: 5 }).where('user_id', '=', alice.id).execute();
      for (const seq of [4, 5]) {
        await trx
          .insertInto('events')
          .values({ user_id: alice.id, seq, type: 'test.event', data: '{}', created_at: gw.clock.now() })
          .execute();
      }
    });
    await gw.emit(alice.id, 1);
    expect((await socket.durable(6)).map((f) => f.cursor)).toEqual([1, 2, 3, 4, 5, 6]);
    socket.close();
  });

  it('sends resync.required for a cursor older than what is retained, then continues live', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 5);
    gw.clock.advance(60_000);
    await gw.emit(alice.id, 2);
    await pruneEvents(gw.db, new Date(gw.clock.now().getTime() - 1_000));

    const stale = await TestSocket.withToken(gw.url, alice.accessToken, 1);
    await stale.waitForType('ready');
    expect(stale.frames).toEqual([
      { type: 'resync.required', data: { cursor: 7 } },
      { type: 'ready', data: { cursor: 7 } },
    ]);
    await gw.emit(alice.id, 1);
    expect((await stale.durable(1)).map((f) => f.cursor)).toEqual([8]);
    stale.close();

    // Just inside the window: no resync.
    const fresh = await TestSocket.withToken(gw.url, alice.accessToken, 5);
    await fresh.waitForType('ready');
    expect(fresh.frames.map((f) => f.type)).not.toContain('resync.required');
    expect(fresh.cursors()).toEqual([6, 7, 8]);
    fresh.close();
  });

  it('sends resync.required for a cursor from the future', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 2);
    const socket = await TestSocket.withToken(gw.url, alice.accessToken, 99);
    await socket.waitForType('ready');
    expect(socket.frames.map((f) => f.type)).toEqual(['resync.required', 'ready']);
    expect(socket.frames[0]!.data).toEqual({ cursor: 2 });
    socket.close();
  });

  it('restarts the stream from a resume frame', async () => {
    const alice = await registerUser(gw.app);
    await gw.emit(alice.id, 3);
    const socket = await connect(alice);
    socket.send({ type: 'resume', data: { cursor: 1 } });
    expect((await socket.durable(2)).map((f) => f.cursor)).toEqual([2, 3]);
    socket.close();
  });

  it('delivers to every socket of the user', async () => {
    const alice = await registerUser(gw.app);
    const [phone, laptop] = [await connect(alice), await connect(alice)];
    await gw.emit(alice.id, 2);
    expect((await phone.durable(2)).map((f) => f.cursor)).toEqual([1, 2]);
    expect((await laptop.durable(2)).map((f) => f.cursor)).toEqual([1, 2]);
    phone.close();
    laptop.close();
  });
});
