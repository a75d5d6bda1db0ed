import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/http/cursor.js';
import { listRoomPartnerIds } from '../../src/modules/chat/repository.js';
import { registerUser } from '../helpers/factories.js';
import { manyRegistrations, startTestApp, type TestApp } from '../helpers/test-app.js';
import { chatClient, countRows, createPairWithRoom, eventsOf, sendMessages, type Room } from './helpers.js';

let t: TestApp;
let chat: ReturnType<typeof chatClient>;
beforeAll(async () => {
  t = await startTestApp(manyRegistrations);
  chat = chatClient(t);
});
afterAll(() => t.close());

const block = async (blocker: { auth: { authorization: string } }, userId: number) => {
  const res = await t.app.inject({ method: 'POST', url: '/blocks/', headers: blocker.auth, payload: { userId } });
  expect(res.statusCode).toBe(201);
};

describe('POST /chat/rooms/', () => {
  it('opens a room with 201 and announces chatroom.created to both participants', async () => {
    const alice = await registerUser(t.app);
    const bob = await registerUser(t.app);
    const res = await chat.createRoom(alice, { participant1Id: alice.id, participant2Id: bob.id, invitationId: 7 });
    expect(res.statusCode).toBe(201);
    const room = res.json<Room>();
    expect(room).toEqual({
      id: expect.any(Number),
      participant1Id: alice.id,
      participant2Id: bob.id,
      invitationId: 7,
      createdAt: t.clock.now().toISOString(),
      lastMessageAt: null,
      lastMessage: null,
      unreadCount: 0,
    });
    for (const user of [alice, bob]) {
      const events = await eventsOf(t.db, user.id, 'chatroom.created');
      expect(events).toHaveLength(1);
      expect(events[0]!.data).toEqual(room);
    }
  });

  it("returns the pair's existing room with 200 from either side, announcing nothing again", async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    const again = await chat.createRoom(alice, { participant2Id: bob.id });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(room.id);
    const reverse = await chat.createRoom(bob, { participant1Id: bob.id, participant2Id: alice.id });
    expect(reverse.statusCode).toBe(200);
    expect(reverse.json()).toMatchObject({ id: room.id, participant1Id: alice.id, participant2Id: bob.id });
    expect(await eventsOf(t.db, alice.id, 'chatroom.created')).toHaveLength(1);
    expect(await eventsOf(t.db, bob.id, 'chatroom.created')).toHaveLength(1);
  });

  it('opens exactly one room when both sides create it at the same time', async () => {
    const alice = await registerUser(t.app);
    const bob = await registerUser(t.app);
    const results = await Promise.all([
      ...Array.from({ length: 3 }, () => chat.createRoom(alice, { participant2Id: bob.id })),
      ...Array.from({ length: 3 }, () => chat.createRoom(bob, { participant2Id: alice.id })),
    ]);
    const ids = new Set(results.map((r) => r.json<Room>().id));
    expect(ids.size).toBe(1);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await eventsOf(t.db, alice.id, 'chatroom.created')).toHaveLength(1);
    expect(await eventsOf(t.db, bob.id, 'chatroom.created')).toHaveLength(1);
  });

  it('refuses participant1Id of someone else with 403 FORBIDDEN', async () => {
    const alice = await registerUser(t.app);
    const bob = await registerUser(t.app);
    const carol = await registerUser(t.app);
    const before = await countRows(t.db, 'chat_rooms');
    const res = await chat.createRoom(alice, { participant1Id: carol.id, participant2Id: bob.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(await countRows(t.db, 'chat_rooms')).toBe(before);
  });

  it('refuses a room with yourself with 422 RULE_VIOLATED', async () => {
    const alice = await registerUser(t.app);
    const res = await chat.createRoom(alice, { participant2Id: alice.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('RULE_VIOLATED');
  });

  it('refuses an unknown user with 404 NOT_FOUND', async () => {
    const alice = await registerUser(t.app);
    const res = await chat.createRoom(alice, { participant2Id: 2_147_483_647 });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it('refuses a blocked pair with 403 FORBIDDEN, whoever blocked whom', async () => {
    const alice = await registerUser(t.app);
    const bob = await registerUser(t.app);
    await block(bob, alice.id);
    const before = await countRows(t.db, 'chat_rooms');
    for (const [from, to] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const res = await chat.createRoom(from, { participant2Id: to.id });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect(await countRows(t.db, 'chat_rooms')).toBe(before);
  });

  it.each([
    ['a missing participant2Id', {}],
    ['an id given as a string', { participant2Id: '5' }],
    ['an id that is not a valid id', { participant2Id: 0 }],
    ['an unknown field', { participant2Id: 5, topic: 'x' }],
  ])('refuses %s with 400 VALIDATION_FAILED and opens nothing', async (_case, payload) => {
    const alice = await registerUser(t.app);
    const before = await countRows(t.db, 'chat_rooms');
    const res = await chat.createRoom(alice, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await countRows(t.db, 'chat_rooms')).toBe(before);
  });
});

describe('GET /chat/rooms/:id', () => {
  it('shows the room to both participants', async () => {
    const { alice, bob, room } = await createPairWithRoom(t);
    for (const user of [alice, bob]) {
      const res = await chat.getRoom(user, room.id);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(room);
    }
  });

  it('answers 404 to anyone else, as for a room that does not exist', async () => {
    const { room } = await createPairWithRoom(t);
    const carol = await registerUser(t.app);
    const res = await chat.getRoom(carol, room.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    const missing = await chat.getRoom(carol, 2_147_483_647);
    expect(missing.json().detail).toBe(res.json().detail);
  });

  it('refuses an id that is not one with 400', async () => {
    const alice = await registerUser(t.app);
    const res = await chat.getRoom(alice, 'abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('params.id');
  });
});

describe('GET /chat/rooms/', () => {
  it('lists only your rooms, latest activity first, with the last message and unread count', async () => {
    const alice = await registerUser(t.app);
    const [bob, carol, dave] = [await registerUser(t.app), await registerUser(t.app), await registerUser(t.app)];
    const rooms: Room[] = [];
    for (const other of [bob, carol, dave]) {
      rooms.push((await chat.createRoom(alice, { participant2Id: other.id })).json<Room>());
      t.clock.advance(1000);
    }
    const [withBob, withCarol, withDave] = rooms as [Room, Room, Room];
    // Bob writes last, so his room comes first; Carol's room stays empty.
    await sendMessages(t, dave, withDave.id, 1);
    t.clock.advance(1000);
    const [, second] = await sendMessages(t, bob, withBob.id, 2);
    const res = await chat.listRooms(alice);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Room[]; nextCursor: string | null }>();
    expect(body.items.map((r) => r.id)).toEqual([withBob.id, withDave.id, withCarol.id]);
    expect(body.nextCursor).toBeNull();
    expect(body.items[0]).toMatchObject({
      unreadCount: 2,
      lastMessageAt: t.clock.now().toISOString(),
      lastMessage: { ...second, isRead: false },
    });
    expect(body.items[2]).toMatchObject({ unreadCount: 0, lastMessage: null, lastMessageAt: null });
    // The sender has nothing unread in the same room.
    const bobs = (await chat.listRooms(bob)).json<{ items: Room[] }>().items;
    expect(bobs.map((r) => [r.id, r.unreadCount])).toEqual([[withBob.id, 0]]);
  });

  it('pages through every room once', async () => {
    const alice = await registerUser(t.app);
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const other = await registerUser(t.app);
      ids.push((await chat.createRoom(other, { participant2Id: alice.id })).json<Room>().id);
      if (i % 2 === 0) t.clock.advance(1000);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await chat.listRooms(alice, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: Room[]; nextCursor: string | null }>();
      seen.push(...body.items.map((r) => r.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a cursor of another list', encodeCursor({ before: 3 })],
    ['a time that is not one', encodeCursor({ at: 'yesterday', id: 1 })],
  ])('refuses %s as cursor with 400 INVALID_CURSOR', async (_case, cursor) => {
    const alice = await registerUser(t.app);
    const res = await chat.listRooms(alice, `?cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_CURSOR');
  });
});

describe('listRoomPartnerIds', () => {
  it('names everyone who shares a room with the user, except a blocked pair', async () => {
    const alice = await registerUser(t.app);
    const [bob, carol, dave] = [await registerUser(t.app), await registerUser(t.app), await registerUser(t.app)];
    await chat.createRoom(alice, { participant2Id: bob.id });
    await chat.createRoom(carol, { participant2Id: alice.id });
    await chat.createRoom(alice, { participant2Id: dave.id });
    await block(dave, alice.id);
    expect((await listRoomPartnerIds(t.db, alice.id)).sort((a, b) => a - b)).toEqual([bob.id, carol.id]);
    expect(await listRoomPartnerIds(t.db, carol.id)).toEqual([alice.id]);
    expect(await listRoomPartnerIds(t.db, dave.id)).toEqual([]);
  });
});

describe('every chat route', () => {
  it.each([
    ['POST', '/chat/rooms/'],
    ['GET', '/chat/rooms/'],
    ['GET', '/chat/rooms/1'],
    ['POST', '/chat/messages/'],
    ['GET', '/chat/rooms/1/messages'],
    ['PUT', '/chat/rooms/1/read'],
  ])('%s %s refuses a request without a token with 401', async (method, url) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      ...(method === 'GET' ? {} : { payload: {} }),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });
});
