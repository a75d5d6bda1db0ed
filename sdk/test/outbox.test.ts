import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ApiError, IndexedDbStorage, type KeyValueStorage, type OutboxItem } from '../src/index.js';
import { FileStorage } from '../src/node.js';
import { chatPair, closeClients, eventually, newClient } from './helpers/clients.js';
import { FaultProxy, type Fault } from './helpers/fault-proxy.js';
import { recordingFetch, type Recorded } from './helpers/recording-fetch.js';
import { TestServer } from './helpers/server.js';

let server: TestServer;
let folder: string;

beforeAll(async () => {
  server = await TestServer.start();
  folder = await mkdtemp(join(tmpdir(), 'icebreaker-sdk-outbox-'));
});

afterEach(async () => {
  if (!server.running) await server.start();
});

afterAll(async () => {
  await closeClients();
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

describe('while the server is down', () => {
  it('keeps messages and delivers them in order, once, when it returns', async () => {
    const { alice, bob, room } = await chatPair(server.url);
    const delivered: string[] = [];
    bob.realtime.on('message.created', (m) => {
      delivered.push(m.content);
    });
    bob.realtime.connect();
    await eventually(() => bob.realtime.status === 'online', 'bob online');

    await server.stop();
    const items: OutboxItem<'chat.message'>[] = [];
    for (const content of ['one', 'two', 'three', 'four']) {
      items.push(await alice.outbox.sendMessage({ chatRoomId: room.id, content }));
    }
    // Visible for a "sending…" state, with the reason they wait; only the head is tried, to keep the order.
    await eventually(() => alice.outbox.items[0]?.error?.code === 'NETWORK', 'a network error noted');
    expect(alice.outbox.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(alice.outbox.items.slice(1).map((i) => [i.state, i.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
      ['pending', 0],
    ]);

    await server.start();
    const sent = await Promise.all(items.map((item) => alice.outbox.whenSent(item)));
    expect(sent.map((m) => m.clientMessageId)).toEqual(items.map((i) => i.id));
    expect(alice.outbox.items).toEqual([]);

    const history = await alice.api.chat.listChatMessages({ id: room.id, after: 0 });
    expect(history.items.map((m) => m.content)).toEqual(['one', 'two', 'three', 'four']);
    expect(history.items.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    await eventually(() => delivered.length >= 4, 'bob to receive them', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(delivered).toEqual(['one', 'two', 'three', 'four']);
  });

  const storages: Array<[string, () => () => KeyValueStorage]> = [
    [
      'a JSON file',
      () => {
        const path = join(folder, `${Math.random()}.json`);
        return () => new FileStorage(path);
      },
    ],
    [
      'IndexedDB',
      () => {
        const factory = new IDBFactory();
        return () => new IndexedDbStorage({ factory, keyRange: IDBKeyRange });
      },
    ],
  ];

  it.each(storages)('keeps them across an app restart too (%s)', async (_name, place) => {
    const { room, a } = await chatPair(server.url);
    const storage = place();
    const first = newClient(server.url, { storage: storage() });
    await first.login(a.email, a.password);
    await server.stop();
    await first.outbox.sendMessage({ chatRoomId: room.id, content: 'written offline' });
    await first.outbox.markRead(room.id, 0);
    await first.close();

    const second = newClient(server.url, { storage: storage() });
    await second.restore();
    expect(second.outbox.items.map((i) => i.kind)).toEqual(['chat.message', 'chat.read']);
    await server.start();
    await eventually(() => second.outbox.items.length === 0, 'the outbox to drain');
    const history = await second.api.chat.listChatMessages({ id: room.id });
    expect(history.items.map((m) => m.content)).toEqual(['written offline']);
  });

  it('sends invitations and answers with their idempotency keys', async () => {
    const { alice, bob, b } = await chatPair(server.url);
    const start = new Date(Date.now() + 7_200_000).toISOString();
    const end = new Date(Date.now() + 10_800_000).toISOString();
    const activity = await alice.api.activities.createActivity({
      body: { title: 'Board games', startTime: start, endTime: end, maxParticipants: 4 },
    });
    await server.stop();
    const invite = await alice.outbox.invite({ receiverId: b.id, activityId: activity.id, message: 'Join us?' });
    await server.start();
    const invitation = await alice.outbox.whenSent(invite);
    expect(invitation).toMatchObject({ receiverId: b.id, status: 'PENDING' });

    await server.stop();
    const accept = await bob.outbox.acceptInvitation(invitation.id);
    await server.start();
    expect((await bob.outbox.whenSent(accept)).status).toBe('ACCEPTED');
  });
});

it('merges read pointers for the same room while they wait, and sends at once when nudged', async () => {
  const { alice, bob, room } = await chatPair(server.url, { retryBackoff: { initialMs: 60_000, maxMs: 60_000 } });
  await alice.api.chat.sendChatMessage({ body: { chatRoomId: room.id, content: 'a' } });
  await alice.api.chat.sendChatMessage({ body: { chatRoomId: room.id, content: 'b' } });
  await server.stop();
  const first = await bob.outbox.markRead(room.id, 1);
  await eventually(() => bob.outbox.items[0]?.retryAt, 'the first attempt to fail');
  const second = await bob.outbox.markRead(room.id, 2);
  await bob.outbox.markRead(room.id, 1);
  expect(second.id).toBe(first.id);
  expect(bob.outbox.items).toHaveLength(1);
  expect(bob.outbox.items[0]).toMatchObject({ kind: 'chat.read', input: { chatRoomId: room.id, lastReadSeq: 2 } });
  await server.start();
  // Without the nudge (the socket coming back does it too), the retry would wait a minute.
  bob.outbox.nudge();
  expect((await bob.outbox.whenSent(first)).lastReadSeq).toBe(2);
});

it('does not retry a 422: the refusal is reported and the queue moves on', async () => {
  const log: Recorded[] = [];
  const { alice, room } = await chatPair(server.url, { fetch: recordingFetch(log) });
  const failures: ApiError[] = [];
  alice.outbox.on('failed', ({ error }) => {
    failures.push(error);
  });
  const tooFar = await alice.outbox.markRead(room.id, 50);
  const next = await alice.outbox.sendMessage({ chatRoomId: room.id, content: 'still sent' });

  const error = (await alice.outbox.whenSent(tooFar).catch((e: unknown) => e)) as ApiError;
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 422, code: 'RULE_VIOLATED' });
  expect((await alice.outbox.whenSent(next)).content).toBe('still sent');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(log.filter((r) => r.path === `/chat/rooms/${room.id}/read`)).toHaveLength(1);
  expect(failures.map((f) => f.code)).toEqual(['RULE_VIOLATED']);
  expect(alice.outbox.items).toEqual([expect.objectContaining({ id: tooFar.id, state: 'failed' })]);
  await alice.outbox.discard(tooFar.id);
  expect(alice.outbox.items).toEqual([]);
});

describe('behind a proxy that refuses or breaks requests', () => {
  let proxy: FaultProxy;
  const faults: Fault[] = [];
  beforeAll(async () => {
    proxy = await FaultProxy.start(
      () => server.url,
      (method, path) => (method === 'POST' && path === '/chat/messages/' ? (faults.shift() ?? 'forward') : 'forward'),
    );
  });
  afterAll(() => proxy.close());

  it('retries 503 and 429, each no sooner than its Retry-After', async () => {
    const { alice, room } = await chatPair(proxy.url);
    faults.push({ status: 503, headers: { 'retry-after': '1' } }, { status: 429, headers: { 'retry-after': '1' } });
    const item = await alice.outbox.sendMessage({ chatRoomId: room.id, content: 'patience' });
    const message = await alice.outbox.whenSent(item);
    expect(message.content).toBe('patience');
    const attempts = proxy.seen.filter((r) => r.method === 'POST' && r.path === '/chat/messages/').slice(-3);
    expect(attempts).toHaveLength(3);
    // The backoff alone would retry after 25–50 ms.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(950);
    const history = await alice.api.chat.listChatMessages({ id: room.id });
    expect(history.items.map((m) => m.content)).toEqual(['patience']);
  });

  it('stores a message once when the answer to it was lost and it was sent again', async () => {
    const { alice, room } = await chatPair(proxy.url);
    faults.push('lose-answer');
    const item = await alice.outbox.sendMessage({ chatRoomId: room.id, content: 'exactly once' });
    const message = await alice.outbox.whenSent(item);
    expect(item.attempts).toBe(2);
    const history = await alice.api.chat.listChatMessages({ id: room.id });
    expect(history.items.map((m) => m.id)).toEqual([message.id]);
  });

  it('sends the Idempotency-Key of a new invitation', async () => {
    const { alice, b } = await chatPair(proxy.url);
    const activity = await alice.api.activities.createActivity({
      body: {
        title: 'Walk',
        startTime: new Date(Date.now() + 3_600_000).toISOString(),
        endTime: new Date(Date.now() + 7_200_000).toISOString(),
        maxParticipants: 2,
      },
    });
    const item = await alice.outbox.invite({ receiverId: b.id, activityId: activity.id });
    await alice.outbox.whenSent(item);
    const request = proxy.seen.findLast((r) => r.path === '/invitations/');
    expect(request?.headers['idempotency-key']).toBe(item.id);
  });
});
