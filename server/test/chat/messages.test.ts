import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/http/cursor.js';
import { registerUser } from '../helpers/factories.js';
import { manyRegistrations, startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  chatClient,
  countRows,
  createPairWithRoom,
  eventsOf,
  sendMessages,
  type Message,
  type MessagePage,
} from './helpers.js';

let t: TestApp;
let chat: ReturnType<typeof chatClient>;
beforeAll(async () => {
  t = await startTestApp(manyRegistrations);
  chat = chatClient(t);
});
afterAll(() => t.close());

describe('POST /chat/messages/', () => {
  it('sends with 201, and both participants receive message.created', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const res = await chat.send(alice, { chatRoomId: room.id, senderId: alice.id, content: 'Hi Bob!' });
    expect(res.statusCode).toBe(201);
    const message = res.json<Message>();
    expect(message).toEqual({
      id: expect.any(Number),
      chatRoomId: room.id,
      senderId: alice.id,
      content: 'Hi Bob!',
      messageType: 'TEXT',
      createdAt: t.clock.now().toISOString(),
      isRead: false,
      seq: 1,
      clientMessageId: null,
    });
    // History writes the same message, to the millisecond, as the send and its event did.
    expect((await chat.history(alice, room.id)).json<MessagePage>().items).toEqual([message]);
    for (const user of [alice, bob]) {
      const events = await eventsOf(t.db, user.id);
      expect(events.map((e) => e.type)).toEqual(['chatroom.created', 'message.created']);
      expect(events[1]!.data).toEqual(message);
      expect(events[1]!.seq).toBeGreaterThan(events[0]!.seq);
    }
  });

  it('sends an IMAGE given as an https URL', async () => {
    const { bob, room } = await createPairWithRoom(t);
    const content = 'https://images.example.com/cat.jpg';
    const res = await chat.send(bob, { chatRoomId: room.id, content, messageType: 'IMAGE' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ messageType: 'IMAGE', content, senderId: bob.id });
  });

  it.each([
    ['an empty content', { content: '' }],
    ['a content of blanks only', { content: ' \n\t ' }],
    ['a TEXT over 4000 characters', { content: 'x'.repeat(4001) }],
    ['an IMAGE that is not a URL', { content: 'a cat', messageType: 'IMAGE' }],
    ['an IMAGE over http', { content: 'http://images.example.com/cat.jpg', messageType: 'IMAGE' }],
    ['an unknown messageType', { content: 'hi', messageType: 'VIDEO' }],
    ['an empty clientMessageId', { content: 'hi', clientMessageId: '' }],
    ['a clientMessageId over 64 characters', { content: 'hi', clientMessageId: 'k'.repeat(65) }],
    ['a missing content', {}],
    ['an unknown field', { content: 'hi', mood: 'happy' }],
  ])('refuses %s with 400 VALIDATION_FAILED and stores nothing', async (_case, fields) => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const [messages, events] = [await countRows(t.db, 'chat_messages'), await countRows(t.db, 'events')];
    const res = await chat.send(alice, { chatRoomId: room.id, ...fields });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await countRows(t.db, 'chat_messages')).toBe(messages);
    expect(await countRows(t.db, 'events')).toBe(events);
    expect((await chat.getRoom(bob, room.id)).json().lastMessage).toBeNull();
  });

  it('accepts a TEXT of exactly 4000 characters, counting characters, not UTF-16 units', async () => {
    const { alice, room } = await createPairWithRoom(t);
    const res = await chat.send(alice, { chatRoomId: room.id, content: '😀'.repeat(4000) });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a senderId of someone else with 403 FORBIDDEN', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const before = await countRows(t.db, 'chat_messages');
    const res = await chat.send(alice, { chatRoomId: room.id, senderId: bob.id, content: 'as Bob' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(await countRows(t.db, 'chat_messages')).toBe(before);
  });

  it('answers 404 to a non-participant, as for a room that does not exist', async () => {
    const { room } = await createPairWithRoom(t);
    const carol = await registerUser(t.app);
    const before = await countRows(t.db, 'chat_messages');
    const res = await chat.send(carol, { chatRoomId: room.id, content: 'let me in' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect(await countRows(t.db, 'chat_messages')).toBe(before);
  });

  it('refuses a blocked pair with 403 FORBIDDEN both ways, using no seq', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, alice, room.id, 1);
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/blocks/',
      headers: alice.auth,
      payload: { userId: bob.id },
    });
    expect(blocked.statusCode).toBe(201);
    const before = await countRows(t.db, 'chat_messages');
    for (const user of [alice, bob]) {
      const res = await chat.send(user, { chatRoomId: room.id, content: 'still there?' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect(await countRows(t.db, 'chat_messages')).toBe(before);
    await t.app.inject({ method: 'DELETE', url: `/blocks/${bob.id}`, headers: alice.auth });
    const after = await chat.send(bob, { chatRoomId: room.id, content: 'hello again' });
    expect(after.json().seq).toBe(2);
  });
});

describe('sending with a clientMessageId', () => {
  it('stores a retry once: same message with 200, one row, one event per participant', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const payload = { chatRoomId: room.id, content: 'once', clientMessageId: 'c2b5e0c4-key-1' };
    const first = await chat.send(alice, payload);
    expect(first.statusCode).toBe(201);
    t.clock.advance(5000);
    const retry = await chat.send(alice, payload);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ seq: 1, clientMessageId: 'c2b5e0c4-key-1' });
    const rows = await t.db.selectFrom('chat_messages').select('id').where('room_id', '=', room.id).execute();
    expect(rows).toHaveLength(1);
    for (const user of [alice, bob]) expect(await eventsOf(t.db, user.id, 'message.created')).toHaveLength(1);
  });

  it('stores one message when identical requests race', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const payload = { chatRoomId: room.id, content: 'racing', clientMessageId: 'race-key' };
    const results = await Promise.all(Array.from({ length: 5 }, () => chat.send(alice, payload)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json<Message>().id)).size).toBe(1);
    expect(results.every((r) => r.json<Message>().seq === 1)).toBe(true);
    for (const user of [alice, bob]) expect(await eventsOf(t.db, user.id, 'message.created')).toHaveLength(1);
    // The losers gave their seq back: the next message follows without a gap.
    const [next] = await sendMessages(t, bob, room.id, 1);
    expect(next!.seq).toBe(2);
  });

  it.each([
    ['another content', { content: 'changed' }],
    ['another type', { content: 'https://example.com/a.png', messageType: 'IMAGE' }],
  ])('refuses the same key with %s with 409 IDEMPOTENCY_KEY_REUSED', async (_case, fields) => {
    const { alice, room } = await createPairWithRoom(t);
    const key = `key-${Math.random()}`;
    const base = { chatRoomId: room.id, content: 'https://example.com/a.png', clientMessageId: key };
    expect((await chat.send(alice, base)).statusCode).toBe(201);
    const [messages, events] = [await countRows(t.db, 'chat_messages'), await countRows(t.db, 'events')];
    const res = await chat.send(alice, { ...base, ...fields });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countRows(t.db, 'chat_messages')).toBe(messages);
    expect(await countRows(t.db, 'events')).toBe(events);
    const history = (await chat.history(alice, room.id)).json<MessagePage>();
    expect(history.items).toHaveLength(1);
  });

  it('refuses the same key in another room with 409, and lets another sender use it', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const carol = await registerUser(t.app);
    const other = (await chat.createRoom(alice, { participant2Id: carol.id })).json<{ id: number }>();
    expect((await chat.send(alice, { chatRoomId: room.id, content: 'hi', clientMessageId: 'k1' })).statusCode).toBe(
      201,
    );
    const elsewhere = await chat.send(alice, { chatRoomId: other.id, content: 'hi', clientMessageId: 'k1' });
    expect(elsewhere.statusCode).toBe(409);
    const bobs = await chat.send(bob, { chatRoomId: room.id, content: 'hi', clientMessageId: 'k1' });
    expect(bobs.statusCode).toBe(201);
    expect(bobs.json().seq).toBe(2);
  });
});

describe('the room sequence', () => {
  it('gives concurrent sends from both participants distinct consecutive seqs', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        chat.send(i % 2 === 0 ? alice : bob, { chatRoomId: room.id, content: `m${i}` }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const seqs = results.map((r) => r.json<Message>().seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // Each participant's stream holds every message, in seq order.
    for (const user of [alice, bob]) {
      const events = await eventsOf(t.db, user.id, 'message.created');
      expect(events.map((e) => (e.data as Message).seq)).toEqual(seqs);
    }
  });
});

describe('GET /chat/rooms/:id/messages', () => {
  const walk = async (
    user: Parameters<typeof chat.history>[0],
    roomId: number,
    first: string,
  ): Promise<{ seqs: number[]; pages: number }> => {
    const seqs: number[] = [];
    let query: string | null = first;
    let pages = 0;
    while (query !== null && pages < 50) {
      const res = await chat.history(user, roomId, query);
      expect(res.statusCode).toBe(200);
      const body = res.json<MessagePage>();
      seqs.push(...body.items.map((m) => m.seq));
      query = body.nextCursor ? `?limit=3&cursor=${body.nextCursor}` : null;
      pages += 1;
    }
    return { seqs, pages };
  };

  it('pages backwards from the newest by default, and from any point, each message once', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, alice, room.id, 4);
    await sendMessages(t, bob, room.id, 6);
    const all = await walk(alice, room.id, '?limit=3');
    expect(all.seqs).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(all.pages).toBe(4);
    for (const from of [1, 5, 11]) {
      const { seqs } = await walk(bob, room.id, `?limit=3&before=${from}`);
      expect(seqs).toEqual(Array.from({ length: from - 1 }, (_, i) => from - 1 - i));
    }
  });

  it('pages forwards from any point, each message once', async () => {
    const { alice, room } = await createPairWithRoom(t);
    await sendMessages(t, alice, room.id, 8);
    for (const from of [0, 3, 7, 8]) {
      const { seqs } = await walk(alice, room.id, `?limit=3&after=${from}`);
      expect(seqs).toEqual(Array.from({ length: 8 - from }, (_, i) => from + 1 + i));
    }
  });

  it('returns full messages with content and sender', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const [sent] = await sendMessages(t, bob, room.id, 1);
    const res = await chat.history(alice, room.id);
    expect(res.json()).toEqual({ items: [sent], nextCursor: null });
  });

  it('gives a room without messages an empty page, and an unknown room 404', async () => {
    const { alice, room } = await createPairWithRoom(t);
    const res = await chat.history(alice, room.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null });
    const unknown = await chat.history(alice, room.id + 1_000);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
  });

  it('answers 404 to a non-participant', async () => {
    const { alice, room } = await createPairWithRoom(t);
    await sendMessages(t, alice, room.id, 1);
    const carol = await registerUser(t.app);
    const res = await chat.history(carol, room.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it.each([
    ['before and after together', '?before=3&after=1'],
    ['a cursor with an anchor', `?after=1&cursor=${encodeCursor({ after: 2 })}`],
    ['a negative anchor', '?before=-1'],
    ['a limit above 100', '?limit=101'],
    ['an unknown parameter', '?since=1'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_case, query) => {
    const { alice, room } = await createPairWithRoom(t);
    const res = await chat.history(alice, room.id, query);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['garbage', 'nope'],
    ['a cursor of another list', encodeCursor({ at: '2026-06-01T12:00:00.000Z', id: 1 })],
    ['a cursor with both directions', encodeCursor({ before: 3, after: 1 })],
    ['a negative seq', encodeCursor({ before: -1 })],
  ])('refuses %s as cursor with 400 INVALID_CURSOR', async (_case, cursor) => {
    const { alice, room } = await createPairWithRoom(t);
    const res = await chat.history(alice, room.id, `?cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_CURSOR');
  });
});
