import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/http/errors.js';
import {
  MessageWriter,
  type MessageWriterLimits,
  type SendRequest,
  type SendResult,
} from '../../src/modules/chat/message-writer.js';
import { InProcessBus, type BusMessage } from '../../src/realtime/bus.js';
import { registerUser } from '../helpers/factories.js';
import { manyRegistrations, startTestApp, type TestApp } from '../helpers/test-app.js';
import { countRows, createPairWithRoom, eventsOf } from './helpers.js';

let t: TestApp;
let bus: InProcessBus;
let published: BusMessage[];
beforeAll(async () => {
  t = await startTestApp(manyRegistrations);
  bus = new InProcessBus();
  published = [];
  bus.subscribe((message) => published.push(message));
});
afterAll(() => t.close());

const newWriter = (limits?: MessageWriterLimits) => new MessageWriter({ db: t.db, clock: t.clock, bus }, limits);

const text = (senderId: number, roomId: number, content: string, clientMessageId: string | null = null) =>
  ({ senderId, roomId, messageType: 'TEXT', content, clientMessageId }) satisfies SendRequest;

/** Settles every send, so one refusal does not hide what became of the others. */
const settle = (sends: Promise<SendResult>[]) => Promise.allSettled(sends);
const codeOf = (result: PromiseSettledResult<SendResult>): string | undefined =>
  result.status === 'rejected' && result.reason instanceof AppError ? result.reason.code : undefined;
const valueOf = (result: PromiseSettledResult<SendResult> | undefined): SendResult => {
  if (result?.status !== 'fulfilled') throw new Error(`expected a stored message, got ${String(result?.status)}`);
  return result.value;
};

describe('the message writer', () => {
  it('stores messages sent together in one statement, with seqs in the order they were sent', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const writer = newWriter();
    published.length = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => writer.send(text(i % 3 === 0 ? bob.id : alice.id, room.id, `m${i}`))),
    );
    expect(results.map((r) => [r.message.content, r.message.seq, r.created])).toEqual(
      Array.from({ length: 50 }, (_, i) => [`m${i}`, i + 1, true]),
    );
    // One commit, so one doorbell for all of them: two recipients per message.
    await new Promise((resolve) => setImmediate(resolve));
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ kind: 'events' });
    for (const user of [alice, bob]) {
      const events = await eventsOf(t.db, user.id, 'message.created');
      expect(events.map((e) => (e.data as { seq: number }).seq)).toEqual(results.map((r) => r.message.seq));
    }
    await writer.close();
  });

  it('answers each request of a mixed batch on its own', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const blocked = await createPairWithRoom(t);
    const blocking = await t.app.inject({
      method: 'POST',
      url: '/blocks/',
      headers: blocked.alice.auth,
      payload: { userId: blocked.bob.id },
    });
    expect(blocking.statusCode).toBe(201);
    const stranger = await registerUser(t.app);
    const writer = newWriter();
    const results = await settle([
      writer.send(text(alice.id, room.id, 'first', 'k-1')),
      writer.send(text(stranger.id, room.id, 'let me in')),
      writer.send(text(blocked.bob.id, blocked.room.id, 'still there?')),
      writer.send(text(alice.id, room.id, 'first', 'k-1')),
      writer.send(text(alice.id, room.id, 'not the first', 'k-1')),
      writer.send(text(bob.id, room.id, 'second')),
      writer.send(text(alice.id, 2_000_000_000, 'nowhere')),
    ]);
    expect(results.map(codeOf)).toEqual([
      undefined,
      'NOT_FOUND',
      'FORBIDDEN',
      undefined,
      'IDEMPOTENCY_KEY_REUSED',
      undefined,
      'NOT_FOUND',
    ]);
    const [first, , , retry, , second] = results;
    expect(valueOf(first)).toMatchObject({ created: true, message: { seq: 1, content: 'first' } });
    expect(valueOf(retry)).toEqual({ created: false, message: valueOf(first).message });
    expect(valueOf(second)).toMatchObject({ created: true, message: { seq: 2, senderId: bob.id } });
    const stored = await t.db.selectFrom('chat_messages').select('seq').where('room_id', '=', room.id).execute();
    expect(stored.map((r) => Number(r.seq)).sort()).toEqual([1, 2]);
    expect(await eventsOf(t.db, stranger.id)).toEqual([]);
    await writer.close();
  });

  it('retries the others one by one when one request makes the whole batch fail', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    // A real database failure on one row only, which no check before the insert can foresee.
    await sql`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.content = 'poison' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$`.execute(t.db);
    await sql`CREATE TRIGGER refuse_poison BEFORE INSERT ON chat_messages
      FOR EACH ROW EXECUTE FUNCTION refuse_poison()`.execute(t.db);
    try {
      const writer = newWriter();
      const results = await settle([
        writer.send(text(alice.id, room.id, 'before')),
        writer.send(text(bob.id, room.id, 'poison')),
        writer.send(text(alice.id, room.id, 'after')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toContain('poisoned');
      // The failed batch rolled back whole: the seqs it had taken were given back.
      expect([valueOf(results[0]).message.seq, valueOf(results[2]).message.seq]).toEqual([1, 2]);
      expect((await eventsOf(t.db, bob.id, 'message.created')).map((e) => e.seq)).toHaveLength(2);
      await writer.close();
    } finally {
      await sql`DROP TRIGGER refuse_poison ON chat_messages`.execute(t.db);
      await sql`DROP FUNCTION refuse_poison()`.execute(t.db);
    }
  });

  it('stores what is queued when closed, and refuses what comes after with 503', async () => {
    const { alice, room } = await createPairWithRoom(t);
    const writer = newWriter();
    const sends = Array.from({ length: 20 }, (_, i) => writer.send(text(alice.id, room.id, `queued ${i}`)));
    await writer.close();
    expect((await Promise.all(sends)).map((r) => r.message.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const before = await countRows(t.db, 'chat_messages');
    const late = await settle([writer.send(text(alice.id, room.id, 'too late'))]);
    expect(late.map(codeOf)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(await countRows(t.db, 'chat_messages')).toBe(before);
  });

  it('refuses with 503 past the queue limit, and stores the messages it accepted', async () => {
    const { alice, room } = await createPairWithRoom(t);
    const writer = newWriter({ maxBatch: 2, maxQueued: 3, lanes: 1 });
    const results = await settle(Array.from({ length: 5 }, (_, i) => writer.send(text(alice.id, room.id, `m${i}`))));
    expect(results.map(codeOf)).toEqual([
      undefined,
      undefined,
      undefined,
      'SERVICE_UNAVAILABLE',
      'SERVICE_UNAVAILABLE',
    ]);
    expect(results.slice(0, 3).map((r) => valueOf(r).message.seq)).toEqual([1, 2, 3]);
    await writer.close();
  });

  it('records for both participants an event whose data is the message it answered, as the bus carried it', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const writer = newWriter();
    published.length = 0;
    const contents = ['plain', 'quotes " and \\ backslash', 'line\nbreak\ttab \u0001', 'émoji 🧊 and \u2028'];
    const results = await Promise.all(
      contents.map((content, i) =>
        writer.send(text(i % 2 ? bob.id : alice.id, room.id, content, i % 2 ? `key-${i}` : null)),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const carried = published.flatMap((m) => (m.kind === 'events' ? m.events : []));
    for (const user of [alice, bob]) {
      const stored = await eventsOf(t.db, user.id, 'message.created');
      // The live message holds a Date; as JSON, the two must read the same.
      expect(stored.map((e) => e.data)).toEqual(results.map((r) => JSON.parse(JSON.stringify(r.message)) as unknown));
      const live = carried.filter((e) => e.userId === user.id);
      expect(live.map(({ seq, type, createdAt }) => ({ seq, type, createdAt }))).toEqual(
        stored.map(({ seq, type, createdAt }) => ({ seq, type, createdAt })),
      );
    }
    await writer.close();
  });

  it('spreads rooms over its lanes, each keeping the order its messages were sent in', async () => {
    // Rooms take consecutive ids: of three, two fall in different lanes of two.
    const pairs = [await createPairWithRoom(t), await createPairWithRoom(t)];
    const writer = newWriter({ maxBatch: 500, maxQueued: 1000, lanes: 2 });
    published.length = 0;
    const sends = Array.from({ length: 40 }, (_, i) => {
      const { alice, bob, room } = pairs[i % 2]!;
      return writer.send(text(i % 3 === 0 ? bob.id : alice.id, room.id, `m${i}`));
    });
    const results = await Promise.all(sends);
    for (const [n, { alice, room }] of pairs.entries()) {
      const mine = results.filter((_, i) => i % 2 === n);
      expect(mine.map((r) => [r.message.chatRoomId, r.message.content, r.message.seq])).toEqual(
        Array.from({ length: 20 }, (_, k) => [room.id, `m${2 * k + n}`, k + 1]),
      );
      const events = await eventsOf(t.db, alice.id, 'message.created');
      expect(events.map((e) => (e.data as { seq: number }).seq)).toEqual(mine.map((r) => r.message.seq));
    }
    // The two rooms' ids differ by one, so each lane committed its own batch.
    expect(pairs[1]!.room.id - pairs[0]!.room.id).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(published).toHaveLength(2);
    await writer.close();
  });

  it('numbers the messages of two writers sharing rooms without a gap, each in its sending order', async () => {
    // Two writers, as two instances have: their batches lock the same rooms and streams at the same time.
    const pairs = [await createPairWithRoom(t), await createPairWithRoom(t)];
    const writers = [newWriter(), newWriter()];
    const sent = Array.from({ length: 240 }, (_, i) => {
      const { alice, bob, room } = pairs[i % 2]!;
      const writer = writers[Math.floor(i / 2) % 2]!;
      return { writer, promise: writer.send(text(i % 3 === 0 ? bob.id : alice.id, room.id, `m${i}`)) };
    });
    const results = await Promise.all(sent.map((s) => s.promise));
    for (const [n, { alice, bob, room }] of pairs.entries()) {
      const inRoom = results.filter((r) => r.message.chatRoomId === room.id);
      expect(inRoom.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 120 }, (_, k) => k + 1),
      );
      for (const writer of writers) {
        const own = results.filter((r, i) => i % 2 === n && sent[i]!.writer === writer).map((r) => r.message.seq);
        expect(own).toEqual([...own].sort((a, b) => a - b));
      }
      for (const user of [alice, bob]) {
        const events = await eventsOf(t.db, user.id);
        expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, k) => k + 1));
        const seqs = events.filter((e) => e.type === 'message.created').map((e) => (e.data as { seq: number }).seq);
        expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, k) => k + 1));
      }
    }
    await Promise.all(writers.map((w) => w.close()));
  });

  it.runIf(process.env.TEST_DATABASE === 'postgres')(
    'stores the messages of one lane while another lane waits for a room its batch must lock',
    async () => {
      const held = await createPairWithRoom(t);
      const free = await createPairWithRoom(t);
      const writer = newWriter({ maxBatch: 500, maxQueued: 1000, lanes: 2 });
      let waiting: Promise<SendResult> | undefined;
      await t.db.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM chat_rooms WHERE id = ${held.room.id} FOR UPDATE`.execute(trx);
        waiting = writer.send(text(held.alice.id, held.room.id, 'after the lock'));
        const other = await writer.send(text(free.alice.id, free.room.id, 'meanwhile'));
        expect(other.message.seq).toBe(1);
        expect(writer.queued).toBe(0);
        expect(await Promise.race([waiting, new Promise((r) => setTimeout(() => r('pending'), 200))])).toBe('pending');
      });
      expect((await waiting!).message).toMatchObject({ content: 'after the lock', seq: 1 });
      await writer.close();
    },
  );
});
