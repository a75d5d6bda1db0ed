import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
const defaults = loadConfig({});
const perUser = { locations: 3, nearby: 2 };

beforeAll(async () => {
  t = await startTestApp({
    rateLimits: { ...defaults.rateLimits, locationsPerMinute: perUser.locations, nearbyPerMinute: perUser.nearby },
  });
});
afterAll(() => t.close());

const fix = (user: TestUser, remoteAddress = '127.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/locations/',
    headers: user.auth,
    payload: { latitude: 48.137, longitude: 11.575 },
    remoteAddress,
  });

const nearby = (user: TestUser, remoteAddress: string) =>
  t.app.inject({ method: 'GET', url: '/users/nearby', headers: user.auth, remoteAddress });

describe('rate limits', () => {
  it('refuses location updates past the per-user limit with 429, leaving other users alone', async () => {
    const [user, other] = [await registerUser(t.app), await registerUser(t.app)];
    for (let i = 0; i < perUser.locations; i += 1) expect((await fix(user)).statusCode).toBe(201);
    const refused = await fix(user);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect((await fix(other)).statusCode).toBe(201);
  });

  it('refuses nearby searches past the per-user limit with 429', async () => {
    const user = await registerUser(t.app);
    await fix(user, '10.0.0.1');
    for (let i = 0; i < perUser.nearby; i += 1) expect((await nearby(user, '10.0.0.1')).statusCode).toBe(200);
    expect((await nearby(user, '10.0.0.1')).json().code).toBe('RATE_LIMITED');
  });

  it('also limits one address across accounts, more loosely than one account', async () => {
    const users = await Promise.all(Array.from({ length: 11 }, () => registerUser(t.app)));
    for (const user of users.slice(0, 10)) {
      for (let i = 0; i < perUser.nearby; i += 1) expect((await nearby(user, '10.0.0.2')).statusCode).not.toBe(429);
    }
    const last = users[10]!;
    const refused = await nearby(last, '10.0.0.2');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect((await nearby(last, '10.0.0.3')).statusCode).not.toBe(429);
  });
});
