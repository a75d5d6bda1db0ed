import { sql, type Kysely } from 'kysely';
import { AccessTokens } from '../../../server/src/modules/auth/tokens.js';
import type { DB } from '../../../server/src/db/schema.js';
import type { BenchUser } from './api.js';

/**
 * Inserts `count` users with one session each in two set-based statements
 * (registering through the API hashes a password per user, on purpose slowly)
 * and returns them with access tokens signed by the server's own token code,
 * so the server accepts them as if they had logged in.
 */
export async function seedUsers(db: Kysely<DB>, secret: string, label: string, count: number): Promise<BenchUser[]> {
  const { rows } = await sql<{ id: number; session_id: string }>`
    WITH created AS (
      INSERT INTO users (email, password_hash, display_name, interests)
      SELECT ${label} || '-' || i || '-' || md5(random()::text) || '@example.com', 'not a hash', ${label} || ' ' || i,
        ARRAY['coffee', 'hiking']
      FROM generate_series(1, ${count}::int) AS i
      RETURNING id
    )
    INSERT INTO sessions (id, user_id) SELECT gen_random_uuid(), id FROM created ORDER BY id
    RETURNING user_id AS id, id AS session_id`.execute(db);
  return signTokens(secret, rows);
}

/** A new session and access token for each of these existing users (a seed reused from an earlier run). */
export async function sessionsFor(db: Kysely<DB>, secret: string, userIds: number[]): Promise<BenchUser[]> {
  const { rows } = await sql<{ id: number; session_id: string }>`
    INSERT INTO sessions (id, user_id) SELECT gen_random_uuid(), u FROM unnest(${userIds}::int[]) AS u
    RETURNING user_id AS id, id AS session_id`.execute(db);
  return signTokens(secret, rows);
}

function signTokens(secret: string, sessions: { id: number; session_id: string }[]): BenchUser[] {
  const tokens = new AccessTokens(secret, 6 * 3600, { now: () => new Date() });
  return sessions
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, token: tokens.issue({ userId: r.id, sessionId: r.session_id }).accessToken }));
}
