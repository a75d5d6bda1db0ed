import { sql, type RawBuilder } from 'kysely';

/**
 * True when neither user has blocked the other. Two probes rather than one
 * OR, so each is a lookup on the primary key (blocker, blocked) or on its
 * reverse index (blocked, blocker) instead of a scan of the blocks index.
 */
type UserOperand = number | RawBuilder<unknown> | ReturnType<typeof sql.ref>;

export function notBlockedEitherWay(viewerId: UserOperand, other: UserOperand): RawBuilder<boolean> {
  return sql<boolean>`(NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = ${viewerId} AND b.blocked_id = ${other})
    AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocked_id = ${viewerId} AND b.blocker_id = ${other}))`;
}
