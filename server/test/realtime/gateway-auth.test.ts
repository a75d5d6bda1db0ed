import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startGateway, TestSocket, type Gateway } from './gateway-client.js';

describe('WebSocket authentication', () => {
  let gw: Gateway;
  let alice: TestUser;

  beforeAll(async () => {
    gw = await startGateway({ corsOrigins: ['https://app.example.com'] });
    alice = await registerUser(gw.app);
  });
  afterAll(() => gw.close());

  const ticketFor = async (user: TestUser): Promise<string> => {
    const res = await gw.app.inject({ method: 'POST', url: '/auth/ws-ticket', headers: user.auth });
    expect(res.statusCode).toBe(200);
    return res.json<{ ticket: string }>().ticket;
  };

  it('issues a 30 second ticket only to an authenticated caller', async () => {
    expect((await gw.app.inject({ method: 'POST', url: '/auth/ws-ticket' })).statusCode).toBe(401);
    const res = await gw.app.inject({ method: 'POST', url: '/auth/ws-ticket', headers: alice.auth });
    const body = res.json<{ ticket: string; expiresAt: string }>();
    expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.expiresAt).getTime() - gw.clock.now().getTime()).toBe(30_000);
  });

  it('opens a socket with a ticket in the query string, once', async () => {
    const ticket = await ticketFor(alice);
    const first = await TestSocket.open(`${gw.url}?ticket=${ticket}`);
    expect((await first.waitForType('ready')).data).toEqual({ cursor: 0 });
    first.close();

    const again = await TestSocket.open(`${gw.url}?ticket=${ticket}`);
    expect((await again.closed).code).toBe(4401);
  });

  it('opens a socket with a ticket in Sec-WebSocket-Protocol and echoes the fixed protocol', async () => {
    const socket = await TestSocket.open(gw.url, ['icebreaker.v1', `ticket.${await ticketFor(alice)}`]);
    expect(socket.ws.protocol).toBe('icebreaker.v1');
    await socket.waitForType('ready');
    socket.close();
  });

  it('refuses an expired ticket and an unknown one with 4401', async () => {
    const ticket = await ticketFor(alice);
    gw.clock.advance(31_000);
    const expired = await TestSocket.open(`${gw.url}?ticket=${ticket}`);
    expect((await expired.closed).code).toBe(4401);
    const unknown = await TestSocket.open(`${gw.url}?ticket=not-a-real-ticket`);
    expect((await unknown.closed).code).toBe(4401);
    expect(unknown.frames.filter((f) => f.type === 'ready')).toEqual([]);
  });

  it('authenticates with an access token in the first frame', async () => {
    const socket = await TestSocket.withToken(gw.url, alice.accessToken);
    await socket.waitForType('ready');
    socket.send({ type: 'ping', data: { n: 1 } });
    expect((await socket.waitForType('pong')).data).toEqual({ n: 1 });
    socket.close();
  });

  it('closes a socket whose first frame is a bad token or not an auth frame', async () => {
    const bad = await TestSocket.withToken(gw.url, `${alice.accessToken}x`);
    expect((await bad.closed).code).toBe(4401);
    const other = await TestSocket.open(gw.url);
    other.send({ type: 'resume', data: { cursor: 0 } });
    expect((await other.closed).code).toBe(4401);
  });

  it('closes a socket that never authenticates within 5 seconds', async () => {
    const started = Date.now();
    const socket = await TestSocket.open(gw.url);
    expect((await socket.closed).code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(5_500);
  }, 10_000);

  it('refuses an Origin that is not allowed, and accepts allowed and same-origin pages', async () => {
    await expect(TestSocket.open(gw.url, undefined, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    const allowed = await TestSocket.open(gw.url, undefined, { origin: 'https://app.example.com' });
    const sameOrigin = await TestSocket.open(gw.url, undefined, {
      origin: new URL(gw.url).origin.replace('ws', 'http'),
    });
    allowed.close();
    sameOrigin.close();
  });
});

describe('WebSocket sessions and logs', () => {
  let gw: Gateway;

  beforeAll(async () => {
    gw = await startGateway({ websocket: { heartbeatMs: 200 } }, { captureLogs: true });
  });
  afterAll(() => gw.close());

  it('closes the socket once its session is revoked', async () => {
    const bob = await registerUser(gw.app);
    const socket = await TestSocket.withToken(gw.url, bob.accessToken);
    await socket.waitForType('ready');
    expect((await gw.app.inject({ method: 'POST', url: '/auth/logout', headers: bob.auth })).statusCode).toBe(204);
    expect((await socket.closed).code).toBe(4401);
  });

  it('never writes a ticket or a token to the log', async () => {
    const carol = await registerUser(gw.app);
    const tickets = await Promise.all(
      [1, 2].map(async () =>
        (await gw.app.inject({ method: 'POST', url: '/auth/ws-ticket', headers: carol.auth })).json<{
          ticket: string;
        }>(),
      ),
    );
    const [query, protocol] = tickets.map((t) => t.ticket) as [string, string];
    const byQuery = await TestSocket.open(`${gw.url}?ticket=${query}&cursor=0`);
    const byProtocol = await TestSocket.open(gw.url, ['icebreaker.v1', `ticket.${protocol}`]);
    const byToken = await TestSocket.withToken(gw.url, carol.accessToken);
    const reused = await TestSocket.open(`${gw.url}?ticket=${query}`);
    await Promise.all([byQuery, byProtocol, byToken].map((s) => s.waitForType('ready')));
    await reused.closed;
    byToken.send('{"type":"auth","data":{"token":"' + carol.accessToken + '"'); // malformed, echoing nothing
    await byToken.waitForType('error');
    for (const s of [byQuery, byProtocol, byToken]) s.close();
    await Promise.all([byQuery, byProtocol, byToken].map((s) => s.closed));

    const log = gw.logs.join('\n');
    expect(log).toContain('/ws');
    for (const secret of [query, protocol, carol.accessToken]) expect(log).not.toContain(secret);
  });
});
