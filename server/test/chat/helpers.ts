import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { readEventsSince } from '../../src/modules/events/repository.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';

export interface Room {
  id: number;
  participant1Id: number;
  participant2Id: number;
  invitationId: number | null;
  createdAt: string;
  lastMessageAt: string | null;
  lastMessage: Message | null;
  unreadCount: number;
}

export interface Message {
  id: number;
  chatRoomId: number;
  senderId: number;
  content: string;
  messageType: 'TEXT' | 'IMAGE';
  createdAt: string;
  isRead: boolean;
  seq: number;
  clientMessageId: string | null;
}

export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

/** Chat calls as a client makes them. */
export function chatClient(t: TestApp) {
  return {
    createRoom: (user: TestUser, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/chat/rooms/', headers: user.auth, payload }),
    listRooms: (user: TestUser, query = '') =>
      t.app.inject({ method: 'GET', url: `/chat/rooms/${query}`, headers: user.auth }),
    getRoom: (user: TestUser, roomId: number | string) =>
      t.app.inject({ method: 'GET', url: `/chat/rooms/${roomId}`, headers: user.auth }),
    send: (user: TestUser, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/chat/messages/', headers: user.auth, payload }),
    history: (user: TestUser, roomId: number, query = '') =>
      t.app.inject({ method: 'GET', url: `/chat/rooms/${roomId}/messages${query}`, headers: user.auth }),
    markRead: (user: TestUser, roomId: number, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url: `/chat/rooms/${roomId}/read`, headers: user.auth, payload }),
  };
}

/** Two registered users and their room. */
export async function createPairWithRoom(t: TestApp): Promise<{ alice: TestUser; bob: TestUser; room: Room }> {
  const alice = await registerUser(t.app);
  const bob = await registerUser(t.app);
  const res = await chatClient(t).createRoom(alice, { participant2Id: bob.id });
  if (res.statusCode !== 201) throw new Error(`room creation failed: ${res.statusCode} ${res.body}`);
  return { alice, bob, room: res.json<Room>() };
}

/** Sends `count` TEXT messages, in order, and returns them. */
export async function sendMessages(t: TestApp, from: TestUser, roomId: number, count: number): Promise<Message[]> {
  const sent: Message[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await chatClient(t).send(from, { chatRoomId: roomId, content: `message ${i + 1}` });
    if (res.statusCode !== 201) throw new Error(`send failed: ${res.statusCode} ${res.body}`);
    sent.push(res.json<Message>());
  }
  return sent;
}

export async function eventsOf(db: Kysely<DB>, userId: number, type?: string) {
  const events = await readEventsSince(db, userId, 0, 1000);
  return type ? events.filter((e) => e.type === type) : events;
}

export async function countRows(db: Kysely<DB>, table: 'chat_rooms' | 'chat_messages' | 'events'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
