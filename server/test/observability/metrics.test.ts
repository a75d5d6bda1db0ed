import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startGateway, TestSocket, type Gateway } from '../realtime/gateway-client.js';

/** The value of one sample line, e.g. `chat_messages_stored_total 3`. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const escaped = `${name}${labels}`.replace(/[{}()[\].*+?^$|\\]/g, '\\$&');
  const match = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

describe('/metrics', () => {
  let gw: Gateway;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    gw = await startGateway();
    alice = await registerUser(gw.app);
    bob = await registerUser(gw.app);
  });
  afterAll(() => gw.close());

  const scrape = async (): Promise<string> => {
    const res = await gw.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.body;
  };

  it('times HTTP requests by route pattern and status class, never by raw URL', async () => {
    await gw.app.inject({ method: 'GET', url: `/users/${bob.id}`, headers: alice.auth });
    await gw.app.inject({ method: 'GET', url: '/users/999999', headers: alice.auth });
    const text = await scrape();
    expect(
      sample(text, 'http_request_duration_seconds_count', '{method="GET",route="/users/:id",status_class="2xx"}'),
    ).toBe(1);
    expect(
      sample(text, 'http_request_duration_seconds_count', '{method="GET",route="/users/:id",status_class="4xx"}'),
    ).toBe(1);
    expect(text).not.toContain(`route="/users/${bob.id}"`);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(text).toMatch(/^realtime_bus_healthy 1$/m);
  });

  it('counts sockets, events published and delivered, and chat messages stored with their batch sizes', async () => {
    const room = (
      await gw.app.inject({
        method: 'POST',
        url: '/chat/rooms/',
        headers: alice.auth,
        payload: { participant2Id: bob.id },
      })
    ).json<{ id: number }>();
    const socket = await TestSocket.withToken(gw.url, bob.accessToken);
    await socket.waitForType('ready');
    const before = await scrape();
    expect(sample(before, 'realtime_sockets_open')).toBe(1);

    const res = await gw.app.inject({
      method: 'POST',
      url: '/chat/messages/',
      headers: alice.auth,
      payload: { chatRoomId: room.id, content: 'hello' },
    });
    expect(res.statusCode).toBe(201);
    await socket.waitForType('message.created');
    const after = await scrape();
    const delta = (name: string, labels = '') =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('chat_messages_stored_total')).toBe(1);
    expect(delta('chat_message_batch_size_count')).toBe(1);
    expect(delta('chat_message_commit_wait_seconds_count')).toBe(1);
    expect(sample(after, 'chat_messages_queued')).toBe(0);
    // One message.created for each participant.
    expect(delta('realtime_events_published_total', '{kind="durable"}')).toBe(2);
    expect(delta('realtime_events_delivered_total')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'realtime_bus_lag_seconds_count')).toBeGreaterThan(0);

    socket.close();
    await socket.closed;
  });

  it('is served to local scrapers only when no token is set: a proxied request gets 403', async () => {
    const res = await gw.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.1' } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const remote = await gw.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.1' });
    expect(remote.statusCode).toBe(403);
  });

  it('is not part of the OpenAPI document', async () => {
    const doc = (await gw.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: object }>();
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const token = 'a-metrics-token-of-some-length';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ metricsToken: token });
  });
  afterAll(() => t.close());

  it('answers 401 without the token, and the metrics with it, from any address', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = { authorization: 'Bearer a-metrics-token-of-some-lengtX' };
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: wrong })).statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
      remoteAddress: '203.0.113.1',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds');
  });

  it.runIf(process.env.TEST_DATABASE === 'postgres')('reports the PostgreSQL pool', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.body).toMatch(/^db_pool_connections\{state="total"\} \d+$/m);
    expect(res.body).toMatch(/^db_pool_connections\{state="waiting"\} \d+$/m);
  });
});
