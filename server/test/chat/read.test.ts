import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventsSince } from '../../src/modules/events/repository.js';
import { registerUser } from '../helpers/factories.js';
import { manyRegistrations, startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  chatClient,
  countRows,
  createPairWithRoom,
  eventsOf,
  sendMessages,
  type MessagePage,
  type Room,
} from './helpers.js';

let t: TestApp;
let chat: ReturnType<typeof chatClient>;
beforeAll(async () => {
  t = await startTestApp(manyRegistrations);
  chat = chatClient(t);
});
afterAll(() => t.close());

const pointerOf = async (roomId: number, userId: number): Promise<number | undefined> => {
  const row = await t.db
    .selectFrom('chat_read_pointers')
    .select('last_read_seq')
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && Number(row.last_read_seq);
};

describe('PUT /chat/rooms/:id/read', () => {
  it('moves the pointer, returns the unread count, and tells both participants', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, bob, room.id, 5);
    const res = await chat.markRead(alice, room.id, { lastReadSeq: 3 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ chatRoomId: room.id, userId: alice.id, lastReadSeq: 3, unreadCount: 2 });
    for (const user of [alice, bob]) {
      const events = await eventsOf(t.db, user.id, 'messages.read');
      expect(events.map((e) => e.data)).toEqual([{ chatRoomId: room.id, userId: alice.id, lastReadSeq: 3 }]);
    }
  });

  it('never moves the pointer backwards, and announces only real moves', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, bob, room.id, 5);
    expect((await chat.markRead(alice, room.id, { lastReadSeq: 4 })).json().lastReadSeq).toBe(4);
    for (const seq of [2, 4, 0]) {
      const late = await chat.markRead(alice, room.id, { lastReadSeq: seq });
      expect(late.statusCode).toBe(200);
      expect(late.json()).toMatchObject({ lastReadSeq: 4, unreadCount: 1 });
    }
    expect(await pointerOf(room.id, alice.id)).toBe(4);
    expect(await eventsOf(t.db, bob.id, 'messages.read')).toHaveLength(1);
    expect((await chat.markRead(alice, room.id, { lastReadSeq: 5 })).json()).toMatchObject({
      lastReadSeq: 5,
      unreadCount: 0,
    });
    expect(await eventsOf(t.db, bob.id, 'messages.read')).toHaveLength(2);
  });

  it('keeps the highest pointer when receipts race', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, bob, room.id, 10);
    const results = await Promise.all(
      [3, 9, 1, 7, 10, 2, 5].map((seq) => chat.markRead(alice, room.id, { lastReadSeq: seq })),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(await pointerOf(room.id, alice.id)).toBe(10);
    // Announced moves only ever go up.
    const moves = (await eventsOf(t.db, bob.id, 'messages.read')).map(
      (e) => (e.data as { lastReadSeq: number }).lastReadSeq,
    );
    expect(moves).toEqual([...moves].sort((a, b) => a - b));
    expect(new Set(moves).size).toBe(moves.length);
    expect(moves.at(-1)).toBe(10);
  });

  it('refuses a seq past the last message with 422 RULE_VIOLATED, changing nothing', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, bob, room.id, 2);
    const events = await countRows(t.db, 'events');
    const res = await chat.markRead(alice, room.id, { lastReadSeq: 3 });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('RULE_VIOLATED');
    expect(await pointerOf(room.id, alice.id)).toBeUndefined();
    expect(await countRows(t.db, 'events')).toBe(events);
  });

  it('answers 404 to a non-participant and moves nothing', async () => {
    const { bob, room } = await createPairWithRoom(t);
    await sendMessages(t, bob, room.id, 2);
    const carol = await registerUser(t.app);
    const res = await chat.markRead(carol, room.id, { lastReadSeq: 1 });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect(await pointerOf(room.id, carol.id)).toBeUndefined();
  });

  it.each([
    ['a missing lastReadSeq', {}],
    ['a negative seq', { lastReadSeq: -1 }],
    ['a seq given as a string', { lastReadSeq: '2' }],
    ['a fractional seq', { lastReadSeq: 1.5 }],
    ['an unknown field', { lastReadSeq: 1, messageIds: [1] }],
  ])('refuses %s with 400 VALIDATION_FAILED, moving nothing', async (_case, payload) => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, bob, room.id, 2);
    const res = await chat.markRead(alice, room.id, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await pointerOf(room.id, alice.id)).toBeUndefined();
  });
});

describe('isRead and unreadCount', () => {
  it('derive from the read pointer of whoever receives each message', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, alice, room.id, 2); // seq 1, 2
    await sendMessages(t, bob, room.id, 2); // seq 3, 4
    await chat.markRead(bob, room.id, { lastReadSeq: 1 });
    await chat.markRead(alice, room.id, { lastReadSeq: 4 });

    const seen = async (user: typeof alice) =>
      (await chat.history(user, room.id, '?after=0')).json<MessagePage>().items.map((m) => [m.seq, m.isRead]);
    // Alice's own messages: has Bob read them (up to 1)? Bob's: has Alice read them (up to 4)?
    expect(await seen(alice)).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [4, true],
    ]);
    // The same messages look the same from Bob's side.
    expect(await seen(bob)).toEqual(await seen(alice));

    const roomOf = async (user: typeof alice) => (await chat.getRoom(user, room.id)).json<Room>();
    expect(await roomOf(alice)).toMatchObject({ unreadCount: 0, lastMessage: { seq: 4, isRead: true } });
    // Bob has read up to 1: Alice's message 2 is unread; his own don't count.
    expect(await roomOf(bob)).toMatchObject({ unreadCount: 1, lastMessage: { seq: 4, isRead: true } });
  });

  it('clear on every device once one reads', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, bob, room.id, 3);
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: alice.email, password: alice.password },
    });
    expect(login.statusCode).toBe(200);
    const phone = alice;
    const laptop = { ...alice, auth: { authorization: `Bearer ${login.json().accessToken}` } };
    expect((await chat.listRooms(laptop)).json<{ items: Room[] }>().items[0]!.unreadCount).toBe(3);
    await chat.markRead(phone, room.id, { lastReadSeq: 3 });
    expect((await chat.listRooms(laptop)).json<{ items: Room[] }>().items[0]!.unreadCount).toBe(0);
  });
});

describe('event streams', () => {
  it('carry chatroom.created, message.created and messages.read to both participants in order', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    await sendMessages(t, alice, room.id, 1);
    await sendMessages(t, bob, room.id, 1);
    await chat.markRead(alice, room.id, { lastReadSeq: 2 });
    for (const user of [alice, bob]) {
      const events = await readEventsSince(t.db, user.id, 0, 100);
      expect(events.map((e) => e.type)).toEqual([
        'chatroom.created',
        'message.created',
        'message.created',
        'messages.read',
      ]);
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      const [opened, ...rest] = events.map((e) => e.data as { id?: number; chatRoomId?: number });
      expect(opened!.id).toBe(room.id);
      expect(rest.map((d) => d.chatRoomId)).toEqual([room.id, room.id, room.id]);
    }
  });
});
