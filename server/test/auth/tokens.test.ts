import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  user = await registerUser(t.app);
});
afterAll(() => t.close());

const me = (token: string) =>
  t.app.inject({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${token}` } });

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(t.clock.now().getTime() / 1000);
  const [, payload] = user.accessToken.split('.');
  const sid = (JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sid: string }).sid;
  return {
    sub: String(user.id),
    sid,
    iss: 'icebreaker',
    aud: 'icebreaker-api',
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

const sign = (payload: Record<string, unknown>, algorithm: 'HS256' | 'HS512' = 'HS256', key = t.config.jwtSecret) =>
  createSigner({ key, algorithm, noTimestamp: true })(payload);

describe('access tokens', () => {
  it('accepts a token signed as the server signs them', async () => {
    expect((await me(sign(claims()))).statusCode).toBe(200);
  });

  it.each([
    ['signed with another algorithm', () => sign(claims(), 'HS512')],
    ['unsigned (alg none)', () => createSigner({ algorithm: 'none' })(claims())],
    ['signed with another key', () => sign(claims(), 'HS256', 'x'.repeat(64))],
    ['from another issuer', () => sign(claims({ iss: 'someone-else' }))],
    ['for another audience', () => sign(claims({ aud: 'another-api' }))],
    ['expired', () => sign(claims({ exp: Math.floor(t.clock.now().getTime() / 1000) - 1 }))],
    ['without a session', () => sign(claims({ sid: undefined }))],
  ])('refuses a token %s with 401 INVALID_TOKEN', async (_case, token) => {
    const res = await me(token());
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_TOKEN' });
  });
});

describe('password storage', () => {
  it('stores an argon2id hash at the OWASP baseline, never the password', async () => {
    const row = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(user.password);
  });
});
