import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const LIMIT = 3;

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await startTestApp({ rateLimits: { ...loadConfig({}).rateLimits, loginPerMinute: LIMIT } });
  user = await registerUser(t.app);
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '203.0.113.7') =>
  t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password }, remoteAddress: ip });

describe('login rate limit', () => {
  it('refuses attempts past the limit with 429 RATE_LIMITED and Retry-After, even with the right password', async () => {
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await login(user.email, 'wrong password')).statusCode).toBe(401);
    }
    const res = await login(user.email, user.password);
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429, title: 'Too many requests' });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts each address and account apart, so nobody else is locked out', async () => {
    const other = await registerUser(t.app);
    for (let i = 0; i < LIMIT; i += 1) await login(other.email, 'wrong password', '198.51.100.1');
    expect((await login(other.email, other.password, '198.51.100.1')).statusCode).toBe(429);
    // The same account from another address, and another account from the same address.
    expect((await login(other.email, other.password, '198.51.100.2')).statusCode).toBe(200);
    expect((await login(user.email, user.password, '198.51.100.1')).statusCode).toBe(200);
  });
});
