import { sql, type Kysely } from 'kysely';
import { fetchSize } from '../../db/fetch-size.js';
import type { DB, UserRow } from '../../db/schema.js';
import { notBlockedEitherWay } from './sql.js';

/**
 * Blocks once, and tells whether the block is new: a repeated block keeps the
 * first row and its time. The no-op update makes the row come back either way;
 * `xmax = 0` holds only for a row this statement inserted.
 */
export async function upsertBlock(db: Kysely<DB>, blockerId: number, blockedId: number, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: now })
    .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doUpdateSet({ blocker_id: blockerId }))
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirstOrThrow();
  return row.inserted;
}

export async function deleteBlock(db: Kysely<DB>, blockerId: number, blockedId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('blocks')
    .where('blocker_id', '=', blockerId)
    .where('blocked_id', '=', blockedId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface BlockListRow {
  blocked_id: number;
  created_at: Date;
  /** The blocked user has blocked the caller too. */
  blocked_back: boolean;
  user: UserRow;
}

/** One block of the caller's, with the blocked user. */
export async function findBlock(
  db: Kysely<DB>,
  blockerId: number,
  blockedId: number,
): Promise<BlockListRow | undefined> {
  const [row] = await listBlocks(db, { blockerId, blockedIds: [blockedId], limit: 1 });
  return row;
}

/** A user's blocks with the blocked users, newest first. */
export async function listBlocks(
  db: Kysely<DB>,
  f: { blockerId: number; blockedIds?: number[]; before?: { createdAt: Date; userId: number }; limit: number },
): Promise<BlockListRow[]> {
  // A user's blocks are found through the primary key's (blocker_id) prefix and
  // are few, so they are sorted after the lookup rather than by an index.
  let query = db
    .selectFrom('blocks as b')
    .innerJoin('users as u', 'u.id', 'b.blocked_id')
    .selectAll('u')
    .select(['b.blocked_id', 'b.created_at as blocked_at'])
    .select(({ exists, selectFrom }) =>
      exists(
        selectFrom('blocks as r')
          .select('r.blocker_id')
          .whereRef('r.blocker_id', '=', 'b.blocked_id')
          .whereRef('r.blocked_id', '=', 'b.blocker_id'),
      ).as('blocked_back'),
    )
    .where('b.blocker_id', '=', f.blockerId)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.blocked_id', 'desc')
    .limit(fetchSize(f.limit));
  if (f.blockedIds) query = query.where('b.blocked_id', '=', (eb) => eb.fn.any(eb.val(f.blockedIds!)));
  const before = f.before;
  if (before) {
    query = query.where(
      sql<boolean>`(b.created_at, b.blocked_id) < (${before.createdAt}::timestamptz, ${before.userId}::integer)`,
    );
  }
  const rows = await query.execute();
  return rows.map(({ blocked_id, blocked_at, blocked_back, ...user }) => ({
    blocked_id,
    created_at: blocked_at,
    blocked_back: Boolean(blocked_back),
    user,
  }));
}

/**
 * Whether `otherId` exists, and whether neither of the two has blocked the
 * other: who `userId` may open a room with, invite, and so on.
 */
export async function findPeer(
  db: Kysely<DB>,
  userId: number,
  otherId: number,
): Promise<{ allowed: boolean } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(notBlockedEitherWay(userId, sql.ref('users.id')).as('allowed'))
    .where('id', '=', otherId)
    .executeTakeFirst();
  return row && { allowed: Boolean(row.allowed) };
}
