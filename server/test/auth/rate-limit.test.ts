import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const LOGIN_LIMIT = 3;
const REGISTER_LIMIT = 20;

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await startTestApp({
    rateLimits: { ...loadConfig({}).rateLimits, loginPerMinute: LOGIN_LIMIT, registerPerMinute: REGISTER_LIMIT },
  });
  user = await registerUser(t.app);
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '203.0.113.7') =>
  t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password }, remoteAddress: ip });

const register = (email: string, ip: string) =>
  t.app.inject({
    method: 'POST',
    url: '/users/',
    payload: { email, password: 'correct horse battery', displayName: 'Newcomer' },
    remoteAddress: ip,
  });

const userWithEmail = (email: string) =>
  t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();

describe('login rate limit', () => {
  it('refuses attempts past the limit with 429 RATE_LIMITED and Retry-After, even with the right password', async () => {
    for (let i = 0; i < LOGIN_LIMIT; i += 1) {
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
    for (let i = 0; i < LOGIN_LIMIT; i += 1) await login(other.email, 'wrong password', '198.51.100.1');
    expect((await login(other.email, other.password, '198.51.100.1')).statusCode).toBe(429);
    // The same account from another address, and another account from the same address.
    expect((await login(other.email, other.password, '198.51.100.2')).statusCode).toBe(200);
    expect((await login(user.email, user.password, '198.51.100.1')).statusCode).toBe(200);
  });
});

describe('registration rate limit', () => {
  it('refuses the 21st registration from one address within a minute with 429 RATE_LIMITED, and creates no user', async () => {
    for (let i = 0; i < REGISTER_LIMIT; i += 1) {
      expect((await register(`newcomer${i}@example.com`, '203.0.113.20')).statusCode).toBe(201);
    }
    const res = await register('one-too-many@example.com', '203.0.113.20');
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429, title: 'Too many requests' });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await userWithEmail('one-too-many@example.com')).toBeUndefined();

    // The address is limited, not the registration: from another address it goes through.
    expect((await register('one-too-many@example.com', '203.0.113.21')).statusCode).toBe(201);
  });
});
