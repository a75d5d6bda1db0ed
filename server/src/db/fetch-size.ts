import { sql, type RawBuilder } from 'kysely';

/** Fetch sizes of pages of 10, 20, 50 and 100 rows (the API's largest). */
const FETCH_SIZES = [11, 21, 51, 101];

/**
 * Rows to fetch for a page of `limit`: one more than the page, to tell
 * whether another follows, rounded up to one of a few sizes. The caller drops
 * the rows past the page (`page()`).
 */
export function fetchRows(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`Page size ${limit} is not a positive integer`);
  return FETCH_SIZES.find((size) => size > limit) ?? limit + 1;
}

/**
 * `LIMIT` for a page of `limit` rows (`fetchRows`), written into the SQL as a
 * literal. PostgreSQL cannot cost the generic plan of a prepared statement
 * with `LIMIT $n` (it guesses a tenth of the rows), so it plans every
 * execution anew; with a literal it reuses the plan. Rounding keeps the
 * statement texts few.
 */
export const fetchSize = (limit: number): RawBuilder<number> => sql.lit(fetchRows(limit));
