import { sql, type RawBuilder } from 'kysely';

type UserOperand = number | RawBuilder<unknown> | ReturnType<typeof sql.ref>;

/**
 * True when `viewerId` collected the card of `owner`: the one rule for who
 * sees a user's name-card fields besides the user. One probe of
 * `connections_pair_key`.
 */
export function cardCollectedBy(viewerId: UserOperand, owner: UserOperand): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM connections c WHERE c.collector_id = ${viewerId} AND c.collected_id = ${owner})`;
}
