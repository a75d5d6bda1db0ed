import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createActivity, createUsers } from '../activities/helpers.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { invitationClient } from '../invitations/helpers.js';
import { startGateway, TestSocket, type Gateway } from '../realtime/gateway-client.js';

const defaults = loadConfig({});

function expectRateLimited(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }): void {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('invitation limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ rateLimits: { ...defaults.rateLimits, invitationsPerMinute: 2 } });
  });
  afterAll(() => t.close());

  it('refuses the third invitation of a user within a minute with 429 RATE_LIMITED and Retry-After', async () => {
    const [sender, other, ...receivers] = await createUsers(t, 5);
    const activity = await createActivity(t, sender!);
    const invite = (from: typeof sender, receiverId: number) =>
      invitationClient(t).create(from!, { receiverId, activityId: activity.id, iceBreakerQuestion: 'Tea?' });
    expect((await invite(sender, receivers[0]!.id)).statusCode).toBe(201);
    expect((await invite(sender, receivers[1]!.id)).statusCode).toBe(201);
    const refused = await invite(sender, receivers[2]!.id);
    expectRateLimited(refused);
    expect(
      await t.db.selectFrom('invitations').select('id').where('receiver_id', '=', receivers[2]!.id).execute(),
    ).toEqual([]);

    // Another sender has a budget of their own.
    const otherActivity = await createActivity(t, other!);
    const res = await invitationClient(t).create(other!, {
      receiverId: receivers[2]!.id,
      activityId: otherActivity.id,
      iceBreakerQuestion: 'Tea?',
    });
    expect(res.statusCode).toBe(201);
  });

  it('limits answering invitations too', async () => {
    const [receiver, ...senders] = await createUsers(t, 4);
    const ids: number[] = [];
    for (const sender of senders) {
      const activity = await createActivity(t, sender);
      const res = await invitationClient(t).create(sender, {
        receiverId: receiver!.id,
        activityId: activity.id,
        iceBreakerQuestion: 'Tea?',
      });
      ids.push(res.json<{ id: number }>().id);
    }
    expect((await invitationClient(t).decline(receiver!, ids[0]!)).statusCode).toBe(200);
    expect((await invitationClient(t).decline(receiver!, ids[1]!)).statusCode).toBe(200);
    expectRateLimited(await invitationClient(t).accept(receiver!, ids[2]!));
  });
});

describe('login limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ rateLimits: { ...defaults.rateLimits, loginPerMinute: 1, addressFactor: 3 } });
  });
  afterAll(() => t.close());

  it('limits one address across accounts, more loosely than one account from it', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => registerUser(t.app)));
    const login = (user: TestUser) =>
      t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: user.email, password: user.password },
        remoteAddress: '192.0.2.9',
      });
    for (const user of users.slice(0, 3)) expect((await login(user)).statusCode).toBe(200);
    expectRateLimited(await login(users[3]!));
  });

  it('counts an IPv6 /64 as one address', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => registerUser(t.app)));
    const login = (user: TestUser, i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: user.email, password: user.password },
        remoteAddress: `2001:db8:1:2::${i + 1}`,
      });
    for (const [i, user] of users.slice(0, 3).entries()) expect((await login(user, i)).statusCode).toBe(200);
    expectRateLimited(await login(users[3]!, 3));
  });
});

describe('message limits', () => {
  let gw: Gateway;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: number;
  beforeAll(async () => {
    gw = await startGateway({ rateLimits: { ...defaults.rateLimits, messagesPerMinute: 3 } });
    alice = await registerUser(gw.app);
    bob = await registerUser(gw.app);
    const res = await gw.app.inject({
      method: 'POST',
      url: '/chat/rooms/',
      headers: alice.auth,
      payload: { participant2Id: bob.id },
    });
    roomId = res.json<{ id: number }>().id;
  });
  afterAll(() => gw.close());

  const rest = (user: TestUser, content: string) =>
    gw.app.inject({
      method: 'POST',
      url: '/chat/messages/',
      headers: user.auth,
      payload: { chatRoomId: roomId, content },
    });

  it('spends one per-user budget over REST and the socket: 429 over REST, a RATE_LIMITED error frame over the socket', async () => {
    expect((await rest(alice, 'one')).statusCode).toBe(201);
    expect((await rest(alice, 'two')).statusCode).toBe(201);
    const socket = await TestSocket.withToken(gw.url, alice.accessToken);
    await socket.waitForType('ready');
    socket.send({ type: 'message.send', data: { chatRoomId: roomId, content: 'three', requestId: 'r3' } });
    expect((await socket.waitFor((f) => f.type === 'ack' && f.data.requestId === 'r3')).data).toMatchObject({
      message: { content: 'three' },
    });
    socket.send({ type: 'message.send', data: { chatRoomId: roomId, content: 'four', requestId: 'r4' } });
    expect((await socket.waitFor((f) => f.data.requestId === 'r4')).data).toMatchObject({ code: 'RATE_LIMITED' });
    expectRateLimited(await rest(alice, 'five'));
    socket.close();

    // Bob's budget is his own.
    expect((await rest(bob, 'hello')).statusCode).toBe(201);
    const stored = await gw.db
      .selectFrom('chat_messages')
      .select('content')
      .where('sender_id', '=', alice.id)
      .execute();
    expect(stored.map((m) => m.content).sort()).toEqual(['one', 'three', 'two']);
  });
});

describe('location limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ rateLimits: { ...defaults.rateLimits, locationsPerMinute: 1, addressFactor: 2 } });
  });
  afterAll(() => t.close());

  it('answers the per-address limit with Retry-After too', async () => {
    const users = await Promise.all(Array.from({ length: 3 }, () => registerUser(t.app)));
    const fix = (user: TestUser) =>
      t.app.inject({
        method: 'POST',
        url: '/locations/',
        headers: user.auth,
        payload: { latitude: 48.1, longitude: 11.5 },
        remoteAddress: '198.51.100.77',
      });
    expect((await fix(users[0]!)).statusCode).toBe(201);
    expect((await fix(users[1]!)).statusCode).toBe(201);
    expectRateLimited(await fix(users[2]!));
  });
});
