import { sql, type RawBuilder } from 'kysely';

/**
 * True when neither user has blocked the other. Uses the blocks primary key
 * (blocker, blocked) and its reverse index (blocked, blocker).
 */
export function notBlockedEitherWay(
  viewerId: number,
  other: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
): RawBuilder<boolean> {
  return sql<boolean>`NOT EXISTS (
    SELECT 1 FROM blocks b
    WHERE (b.blocker_id = ${viewerId} AND b.blocked_id = ${other})
       OR (b.blocker_id = ${other} AND b.blocked_id = ${viewerId}))`;
}
