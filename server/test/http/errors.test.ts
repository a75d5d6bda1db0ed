import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  user = await registerUser(t.app);
});
afterAll(() => t.close());

/** RFC 9457 problem details with our stable code, and nothing that leaks internals. */
function expectProblem(res: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<Record<string, unknown>>();
  expect(body).toMatchObject({
    type: expect.stringMatching(/^https:\/\//),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
  });
  expect(res.body).not.toMatch(/stack|\bat \S+ \(|node_modules|\.ts:\d+|SELECT|relation/i);
  return body;
}

const login = (payload: string, contentType = 'application/json') =>
  t.app.inject({ method: 'POST', url: '/auth/login', payload, headers: { 'content-type': contentType } });

describe('error responses', () => {
  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no/such/route?x=1' });
    const body = expectProblem(res, 404, 'ROUTE_NOT_FOUND');
    expect(body.instance).toBe('/no/such/route');
  });

  it('answers an unknown method on a known path with 404 ROUTE_NOT_FOUND', async () => {
    expectProblem(await t.app.inject({ method: 'PUT', url: '/users/me', headers: user.auth }), 404, 'ROUTE_NOT_FOUND');
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
    expectProblem(await login('{"email": "a@example.com",'), 400, 'MALFORMED_JSON');
  });

  it('refuses JSON that would set __proto__ with 400 MALFORMED_JSON', async () => {
    expectProblem(await login('{"email": "a@example.com", "__proto__": {"admin": true}}'), 400, 'MALFORMED_JSON');
  });

  it('treats an empty body sent as JSON as no body: accepted where none is needed, missing where one is', async () => {
    const headers = { ...user.auth, 'content-type': 'application/json' };
    const unblock = await t.app.inject({ method: 'DELETE', url: '/blocks/2147483647', headers, payload: '' });
    expectProblem(unblock, 404, 'NOT_FOUND');
    const body = expectProblem(await login(''), 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([{ field: 'body', message: expect.any(String) }]);
  });

  it('refuses a body over the size limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const payload = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(t.config.bodyLimitBytes) });
    expectProblem(await login(payload), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('accepts a body just under the size limit as far as validation', async () => {
    const padding = t.config.bodyLimitBytes - JSON.stringify({ email: 'a@example.com', password: '' }).length;
    const res = await login(JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(padding) }));
    // Parsed, then refused by the schema (passwords are at most 128 characters), not by the size limit.
    expectProblem(res, 400, 'VALIDATION_FAILED');
  });

  it('refuses a text/plain body with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectProblem(await login('email=a@example.com', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses unknown fields with 400 VALIDATION_FAILED naming each field', async () => {
    const res = await login(JSON.stringify({ email: 'a@example.com', password: 'pw', admin: true }));
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([{ field: 'body.admin', message: 'is not a known field' }]);
  });

  it('refuses wrong types with 400 VALIDATION_FAILED naming the field, never coercing a body', async () => {
    const res = await login(JSON.stringify({ email: 'a@example.com', password: 12345678 }));
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([{ field: 'body.password', message: expect.any(String) }]);
  });

  it('names a missing field', async () => {
    const body = expectProblem(await login(JSON.stringify({ email: 'a@example.com' })), 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([{ field: 'body.password', message: expect.any(String) }]);
  });

  it('answers a missing token with 401 UNAUTHENTICATED and a bad one with 401 INVALID_TOKEN', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/users/me' }), 401, 'UNAUTHENTICATED');
    expectProblem(
      await t.app.inject({ method: 'GET', url: '/users/me', headers: { authorization: 'Bearer nope' } }),
      401,
      'INVALID_TOKEN',
    );
  });

  it('checks the token before the body, so anonymous callers learn nothing else', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/users/me',
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 401, 'UNAUTHENTICATED');
  });

  it('answers a rule violation with 422 and its own code', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/blocks/',
      headers: user.auth,
      payload: { userId: user.id },
    });
    expectProblem(res, 422, 'CANNOT_BLOCK_SELF');
  });

  it('answers a server failure with 500 INTERNAL and no detail of the cause', async () => {
    // Make the next query fail inside the database.
    await sql`ALTER TABLE blocks RENAME TO blocks_away`.execute(t.db);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/blocks/', headers: user.auth });
      const body = expectProblem(res, 500, 'INTERNAL');
      expect(body.detail).toBe('Something went wrong on our side');
      expect(res.body).not.toMatch(/blocks_away|does not exist/);
    } finally {
      await sql`ALTER TABLE blocks_away RENAME TO blocks`.execute(t.db);
    }
  });
});

describe('request ids', () => {
  it('tags every response, errors included, with its own x-request-id', async () => {
    const responses = [
      await t.app.inject({ method: 'GET', url: '/health' }),
      await t.app.inject({ method: 'GET', url: '/users/me', headers: user.auth }),
      await t.app.inject({ method: 'GET', url: '/users/me' }),
      await t.app.inject({ method: 'GET', url: '/nowhere' }),
      await login('{'),
    ];
    const ids = responses.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
