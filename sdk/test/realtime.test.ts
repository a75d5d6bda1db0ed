import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ConnectionStatus, Icebreaker } from '../src/index.js';
import { loadConfig } from '../../server/src/config.js';
import { FileStorage } from '../src/node.js';
import { chatPair, closeClients, eventually, newClient, signUp } from './helpers/clients.js';
import { TestServer } from './helpers/server.js';

let server: TestServer;
let folder: string;

beforeAll(async () => {
  server = await TestServer.start();
  folder = await mkdtemp(join(tmpdir(), 'icebreaker-sdk-realtime-'));
});

afterAll(async () => {
  await closeClients();
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

/** Collects the messages a client's listeners are handed, with their cursors. */
function inbox(client: Icebreaker): { messages: ChatMessage[]; cursors: number[] } {
  const seen = { messages: [] as ChatMessage[], cursors: [] as number[] };
  client.realtime.on('event', (event) => {
    seen.cursors.push(event.cursor);
    if (event.type === 'message.created') seen.messages.push(event.data as ChatMessage);
  });
  return seen;
}

async function online(client: Icebreaker): Promise<void> {
  client.realtime.connect();
  await eventually(() => client.realtime.status === 'online', 'the socket to be online');
}

async function say(client: Icebreaker, chatRoomId: number, ...contents: string[]): Promise<void> {
  for (const content of contents) await client.api.chat.sendChatMessage({ body: { chatRoomId, content } });
}

it('connects with a ticket, reports its status and hands over typed events', async () => {
  const { alice, bob, room } = await chatPair(server.url);
  const statuses: ConnectionStatus[] = [];
  bob.realtime.on('status', (s) => statuses.push(s));
  const got: string[] = [];
  bob.realtime.on('message.created', (message) => {
    got.push(`${message.senderId}:${message.content}`);
  });
  await online(bob);
  expect(statuses).toEqual(['connecting', 'online']);
  await say(alice, room.id, 'hello');
  await eventually(() => got.length === 1, 'the message');
  expect(got).toEqual([`${alice.userId}:hello`]);
  expect(bob.realtime.cursor).toBeGreaterThan(0);
});

it('survives a server restart and receives everything it missed exactly once, in order', async () => {
  const { alice, bob, room } = await chatPair(server.url);
  const seen = inbox(bob);
  const statuses: ConnectionStatus[] = [];
  bob.realtime.on('status', (s) => statuses.push(s));
  await online(bob);
  await say(alice, room.id, 'one', 'two');
  await eventually(() => seen.messages.length === 2, 'two messages');

  await server.stop();
  await eventually(() => bob.realtime.status === 'offline', 'bob to notice');
  // Back with the same data, but not reachable yet: what alice says now, bob's socket cannot have seen.
  await server.start(undefined, { listen: false });
  const token = alice.session.session!.accessToken;
  for (const content of ['three', 'four', 'five']) {
    const res = await server.instance.inject({
      method: 'POST',
      url: '/chat/messages/',
      headers: { authorization: `Bearer ${token}` },
      payload: { chatRoomId: room.id, content },
    });
    expect(res.statusCode).toBe(201);
  }
  await server.listen();
  await eventually(() => bob.realtime.status === 'online', 'bob to reconnect', 15_000);
  await say(alice, room.id, 'six');

  await eventually(() => seen.messages.length >= 6, 'six messages');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(seen.messages.map((m) => m.content)).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
  expect(seen.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(new Set(seen.cursors).size).toBe(seen.cursors.length);
  expect([...seen.cursors].sort((x, y) => x - y)).toEqual(seen.cursors);
  expect(statuses).toContain('offline');
  expect(statuses.at(-1)).toBe('online');
});

it('resumes after a reload from the cursor it kept, without repeating what it had applied', async () => {
  const { alice, room, b } = await chatPair(server.url);
  const path = join(folder, 'reload.json');
  const before = newClient(server.url, { storage: new FileStorage(path) });
  await before.login(b.email, b.password);
  const first = inbox(before);
  await online(before);
  await say(alice, room.id, 'seen before the reload');
  await eventually(() => first.messages.length === 1, 'the first message');
  await before.close();

  await say(alice, room.id, 'sent while the page was gone', 'and another');
  const after = newClient(server.url, { storage: new FileStorage(path) });
  expect((await after.restore())?.userId).toBe(b.id);
  const second = inbox(after);
  await online(after);
  await eventually(() => second.messages.length >= 2, 'the missed messages');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(second.messages.map((m) => m.content)).toEqual(['sent while the page was gone', 'and another']);
});

it('emits resync when its cursor is unknown to the server, and keeps the new one once the app is done', async () => {
  const { alice, room, b } = await chatPair(server.url);
  const storage = new FileStorage(join(folder, 'resync.json'));
  const client = newClient(server.url, { storage });
  await client.login(b.email, b.password);
  await say(alice, room.id, 'before');
  await storage.set(`icebreaker:cursor:${b.id}`, 9_999);
  const order: string[] = [];
  client.realtime.on('resync', async ({ cursor }) => {
    // The app refetches its lists here; the SDK waits for it before moving on.
    const rooms = await client.api.chat.listChatRooms();
    order.push(`resync ${cursor} rooms ${rooms.items.length}`);
  });
  client.realtime.on('message.created', (m) => {
    order.push(`message ${m.content}`);
  });
  await online(client);
  await say(alice, room.id, 'after');
  await eventually(() => order.length === 2, 'resync and the live message');
  expect(order[0]).toMatch(/^resync \d+ rooms 1$/);
  expect(order[1]).toBe('message after');
  await client.realtime.disconnect();
  expect(await storage.get(`icebreaker:cursor:${b.id}`)).toBe(client.realtime.cursor);
  expect(client.realtime.cursor).toBeLessThan(9_999);
});

it('follows the session: waits for a sign-in, closes on logout, opens again for the next user', async () => {
  const client = newClient(server.url);
  client.realtime.connect();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(client.realtime.status).toBe('offline');
  const me = await signUp(client);
  await eventually(() => client.realtime.status === 'online', 'online after signing up');
  await client.logout();
  await eventually(() => client.realtime.status === 'offline', 'offline after logging out');
  await client.login(me.email, me.password);
  await eventually(() => client.realtime.status === 'online', 'online after logging in again');
});

describe('typing and presence', () => {
  it('throttles typing on the sending side and expires it on the receiving side', async () => {
    const { alice, bob, room } = await chatPair(server.url, { typingTimeoutMs: 400 });
    await online(alice);
    await online(bob);
    const changes: number[][] = [];
    alice.realtime.on('typing', ({ chatRoomId, userIds }) => {
      if (chatRoomId === room.id) changes.push(userIds);
    });
    const sent = [bob.realtime.typing(room.id), bob.realtime.typing(room.id), bob.realtime.typing(room.id)];
    expect(sent).toEqual([true, false, false]);
    await eventually(() => alice.realtime.typingUsers(room.id).length === 1, 'the typing indicator');
    expect(alice.realtime.typingUsers(room.id)).toEqual([bob.userId]);
    await eventually(() => alice.realtime.typingUsers(room.id).length === 0, 'the indicator to expire', 2_000);
    expect(changes).toEqual([[bob.userId], []]);
  });

  it('ends the indicator when the typist sends the message', async () => {
    const { alice, bob, room } = await chatPair(server.url, { typingThrottleMs: 0 });
    await online(alice);
    await online(bob);
    bob.realtime.typing(room.id);
    await eventually(() => alice.realtime.typingUsers(room.id).length === 1, 'the typing indicator');
    await say(bob, room.id, 'done typing');
    await eventually(() => alice.realtime.typingUsers(room.id).length === 0, 'the indicator to end', 1_000);
  });

  it('tracks the presence of chat partners', async () => {
    const { alice, bob } = await chatPair(server.url);
    await online(alice);
    await online(bob);
    await eventually(() => alice.realtime.presenceOf(bob.userId!)?.status === 'online', 'bob online');
    await bob.realtime.disconnect();
    await eventually(() => alice.realtime.presenceOf(bob.userId!)?.status === 'offline', 'bob offline');
  });
});

describe('a newer socket of the same user', () => {
  let single: TestServer;
  beforeAll(async () => {
    single = await TestServer.start({ websocket: { ...loadConfig({}).websocket, maxSocketsPerUser: 1 } });
  });
  afterAll(() => single.close());

  it('replaces the older one, which stays offline instead of fighting back', async () => {
    const first = newClient(single.url);
    const me = await signUp(first);
    const second = newClient(single.url);
    await second.login(me.email, me.password);
    await online(first);
    const replaced: string[] = [];
    first.realtime.on('replaced', ({ reason }) => replaced.push(reason));
    await online(second);
    await eventually(() => replaced.length === 1, 'the older socket to be replaced');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(first.realtime.status).toBe('offline');
    expect(second.realtime.status).toBe('online');
  });
});
