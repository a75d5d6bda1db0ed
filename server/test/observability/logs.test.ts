import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/factories.js';
import { startGateway, TestSocket, type Gateway } from '../realtime/gateway-client.js';

describe('logs', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({}, { captureLogs: true });
  });
  afterAll(() => gw.close());

  it('carry request ids and never a password, token, ticket or exact coordinate', async () => {
    const password = 'a very particular passphrase';
    const user = await registerUser(gw.app, { password });
    const login = await gw.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password },
    });
    expect(login.statusCode).toBe(200);
    const { accessToken, refreshToken } = login.json<{ accessToken: string; refreshToken: string }>();
    const auth = { authorization: `Bearer ${accessToken}` };

    const [lat, lon] = ['48.1371234', '11.5754321'];
    const fix = await gw.app.inject({
      method: 'POST',
      url: '/locations/',
      headers: auth,
      payload: { latitude: Number(lat), longitude: Number(lon), accuracy: 5 },
    });
    expect(fix.statusCode).toBe(201);
    const nearby = await gw.app.inject({ method: 'GET', url: `/users/nearby?lat=${lat}&lon=${lon}`, headers: auth });
    expect(nearby.statusCode).toBe(200);
    // A failing request logs more than a successful one.
    const invalid = await gw.app.inject({
      method: 'POST',
      url: '/locations/',
      headers: auth,
      payload: { latitude: Number(lat), longitude: 1234 },
    });
    expect(invalid.statusCode).toBe(400);
    await gw.app.inject({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${refreshToken}` } });
    await gw.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });

    const tickets: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const res = await gw.app.inject({ method: 'POST', url: '/auth/ws-ticket', headers: auth });
      tickets.push(res.json<{ ticket: string }>().ticket);
    }
    const byQuery = await TestSocket.open(`${gw.url}?ticket=${tickets[0]}`);
    await byQuery.waitForType('ready');
    const byProtocol = await TestSocket.open(gw.url, ['icebreaker.v1', `ticket.${tickets[1]}`]);
    await byProtocol.waitForType('ready');
    // A spent ticket fails, and is logged as a failure.
    const spent = await TestSocket.open(`${gw.url}?ticket=${tickets[0]}`);
    await spent.closed;
    byQuery.close();
    byProtocol.close();
    await Promise.all([byQuery.closed, byProtocol.closed]);

    const text = gw.logs.join('\n');
    expect(gw.logs.length).toBeGreaterThan(10);
    for (const secret of [password, accessToken, refreshToken, ...tickets, lat, lon]) {
      expect(text).not.toContain(secret);
    }
    // Not even a rounded form of the position.
    expect(text).not.toContain('48.137');
    expect(text).not.toContain('11.575');

    const lines = gw.logs.map((line) => JSON.parse(line) as { reqId?: string; msg?: string });
    const incoming = lines.filter((line) => line.msg === 'incoming request');
    expect(incoming.length).toBeGreaterThan(5);
    for (const line of incoming) expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((line) => line.reqId === login.headers['x-request-id'])).toBe(true);
  });
});
