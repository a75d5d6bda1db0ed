import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, NewUser } from '../../src/db/schema.js';

export interface TestUser {
  id: number;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  auth: { authorization: string };
}

let counter = 0;

/** Registers a user through the API, as a client would. */
export async function registerUser(app: FastifyInstance, overrides: Record<string, unknown> = {}): Promise<TestUser> {
  counter += 1;
  const email = `user${counter}-${randomUUID().slice(0, 8)}@example.com`;
  const password = 'correct horse battery';
  const res = await app.inject({
    method: 'POST',
    url: '/users/',
    payload: { email, password, displayName: `User ${counter}`, ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`registration failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ user: { id: number }; accessToken: string; refreshToken: string }>();
  return {
    id: body.user.id,
    email: (overrides.email as string | undefined) ?? email,
    password: (overrides.password as string | undefined) ?? password,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { authorization: `Bearer ${body.accessToken}` },
  };
}

/** Inserts users straight into the database (no password hashing), for bulk data. */
export async function insertUsers(
  db: Kysely<DB>,
  count: number,
  overrides: Partial<Omit<NewUser, 'email' | 'password_hash'>> = {},
): Promise<number[]> {
  const rows = Array.from({ length: count }, () => {
    counter += 1;
    return {
      email: `bulk${counter}-${randomUUID().slice(0, 8)}@example.com`,
      password_hash: 'x',
      display_name: `Bulk ${counter}`,
      ...overrides,
    };
  });
  const inserted = await db.insertInto('users').values(rows).returning('id').execute();
  return inserted.map((r) => r.id);
}
