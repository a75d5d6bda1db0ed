import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function insertSession(
  db: Kysely<DB>,
  session: { id: string; userId: number; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values({ id: session.id, user_id: session.userId }).execute();
    await trx
      .insertInto('refresh_tokens')
      .values({ token_hash: session.tokenHash, session_id: session.id, expires_at: session.expiresAt })
      .execute();
  });
}

export function findRefreshToken(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('refresh_tokens as t')
    .innerJoin('sessions as s', 's.id', 't.session_id')
    .select(['t.token_hash', 't.session_id', 't.expires_at', 't.used_at', 's.user_id', 's.revoked_at'])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Marks a refresh token used and stores its successor, only if it was still
 * unused: of two concurrent refreshes with one token, exactly one wins.
 */
export async function rotateRefreshToken(
  db: Kysely<DB>,
  rotation: { oldHash: string; newHash: string; sessionId: string; now: Date; expiresAt: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('refresh_tokens')
      .set({ used_at: rotation.now })
      .where('token_hash', '=', rotation.oldHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (used.numUpdatedRows === 0n) return false;
    await trx
      .insertInto('refresh_tokens')
      .values({ token_hash: rotation.newHash, session_id: rotation.sessionId, expires_at: rotation.expiresAt })
      .execute();
    return true;
  });
}

export async function revokeSession(db: Kysely<DB>, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function isSessionActive(db: Kysely<DB>, sessionId: string): Promise<boolean> {
  const row = await db.selectFrom('sessions').select('revoked_at').where('id', '=', sessionId).executeTakeFirst();
  return row !== undefined && row.revoked_at === null;
}
