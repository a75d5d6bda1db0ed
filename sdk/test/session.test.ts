import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FileStorage } from '../src/node.js';
import { SignedOutError, type ApiError } from '../src/index.js';
import { closeClients, newClient, signUp } from './helpers/clients.js';
import { recordingFetch, type Recorded } from './helpers/recording-fetch.js';
import { TestServer } from './helpers/server.js';

let server: TestServer;
let folder: string;
const ttlMs = 60_000;

beforeAll(async () => {
  server = await TestServer.start({ accessTokenTtlSeconds: ttlMs / 1000 });
  folder = await mkdtemp(join(tmpdir(), 'icebreaker-sdk-session-'));
});

afterAll(async () => {
  await closeClients();
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

const calls = (log: Recorded[], path: string): Recorded[] => log.filter((r) => r.path === path);

it('refreshes an expired access token transparently and repeats the call', async () => {
  const log: Recorded[] = [];
  const client = newClient(server.url, { fetch: recordingFetch(log) });
  const me = await signUp(client);
  const before = client.session.session!.accessToken;
  server.clock.advance(ttlMs + 1_000);

  expect((await client.api.users.getMe()).id).toBe(me.id);
  expect(client.session.session!.accessToken).not.toBe(before);
  expect(log.slice(-3).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    'GET /users/me 401',
    'POST /auth/refresh 200',
    'GET /users/me 200',
  ]);
});

it('lets concurrent calls share one refresh', async () => {
  const log: Recorded[] = [];
  const client = newClient(server.url, { fetch: recordingFetch(log) });
  const me = await signUp(client);
  server.clock.advance(ttlMs + 1_000);

  const results = await Promise.all([
    client.api.users.getMe(),
    client.api.users.getUser({ id: me.id }),
    client.api.chat.listChatRooms(),
    client.api.blocks.listBlocks(),
    client.api.users.updateMe({ body: { bio: 'still here' } }),
  ]);
  expect(results).toHaveLength(5);
  expect(calls(log, '/auth/refresh')).toHaveLength(1);
  // A body sent twice (before and after the refresh) arrives whole the second time.
  expect((await client.api.users.getMe()).bio).toBe('still here');
});

it('signs out when the server refuses the refresh token, and says why', async () => {
  const client = newClient(server.url);
  await signUp(client);
  const stolen = client.session.session!.refreshToken;
  const signedOut: string[] = [];
  client.session.on('signedOut', ({ reason }) => signedOut.push(reason));
  // Someone else used the refresh token first: reusing it now revokes the whole session.
  const elsewhere = await fetch(`${server.url}/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: stolen }),
  });
  expect(elsewhere.status).toBe(200);
  server.clock.advance(ttlMs + 1_000);

  const error = await client.api.users.getMe().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SignedOutError);
  expect(error).toMatchObject({ status: 401 });
  expect(client.userId).toBeNull();
  expect(signedOut).toEqual(['refresh-refused']);
});

it('does not refresh on a wrong password', async () => {
  const log: Recorded[] = [];
  const client = newClient(server.url, { fetch: recordingFetch(log) });
  const me = await signUp(client);
  const error = (await client.login(me.email, 'wrong password!').catch((e: unknown) => e)) as ApiError;
  expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
  expect(calls(log, '/auth/refresh')).toHaveLength(0);
  expect(client.userId).toBe(me.id);
});

it('keeps the session in storage: a restarted app is still signed in, with the rotated tokens', async () => {
  const path = join(folder, 'session.json');
  const first = newClient(server.url, { storage: new FileStorage(path) });
  const me = await signUp(first);
  server.clock.advance(ttlMs + 1_000);
  await first.api.users.getMe();
  await first.close();

  const second = newClient(server.url, { storage: new FileStorage(path) });
  expect((await second.restore())?.userId).toBe(me.id);
  expect((await second.api.users.getMe()).id).toBe(me.id);
  await second.logout();

  const third = newClient(server.url, { storage: new FileStorage(path) });
  expect(await third.restore()).toBeNull();
});
