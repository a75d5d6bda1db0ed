import { sql, type RawBuilder } from 'kysely';

type UserOperand = number | RawBuilder<unknown> | ReturnType<typeof sql.ref>;

/*
 * A user's visible ratings as of `now`, for profile summaries: the same
 * `visible_at <= now` rule as every other read, over `ratings_rated_idx`.
 * A rating still in its blind period never counts.
 */

export function visibleRatingCount(rated: UserOperand, now: Date): RawBuilder<number> {
  return sql<number>`(SELECT count(*)::integer FROM ratings r WHERE r.rated_id = ${rated} AND r.visible_at <= ${now})`;
}

export function visibleRatingSum(rated: UserOperand, now: Date): RawBuilder<number> {
  return sql<number>`(SELECT coalesce(sum(r.score), 0)::integer FROM ratings r
    WHERE r.rated_id = ${rated} AND r.visible_at <= ${now})`;
}
