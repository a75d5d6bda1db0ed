import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { fetchSize } from '../../db/fetch-size.js';
import type { DB, RatingsTable } from '../../db/schema.js';

export type RatingRow = Selectable<RatingsTable>;

/** The rating of one (rater, rated, meeting), by `ratings_once_key`. */
export function findRating(
  db: Kysely<DB>,
  k: { raterId: number; ratedId: number; meetingId: number },
): Promise<RatingRow | undefined> {
  return db
    .selectFrom('ratings')
    .selectAll()
    .where('rater_id', '=', k.raterId)
    .where('rated_id', '=', k.ratedId)
    .where('meeting_id', '=', k.meetingId)
    .executeTakeFirst();
}

export function insertRating(trx: Transaction<DB>, values: Omit<RatingRow, 'id'>): Promise<RatingRow> {
  return trx.insertInto('ratings').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Makes a hidden rating visible now and marks it announced, unless it was
 * announced already (by a sweeper): whoever's update returns the row tells
 * the rated user, so it is told once.
 */
export function revealRating(trx: Transaction<DB>, ratingId: number, now: Date): Promise<RatingRow | undefined> {
  return trx
    .updateTable('ratings')
    .set({ visible_at: sql<Date>`least(visible_at, ${now}::timestamptz)`, announced_at: now })
    .where('id', '=', ratingId)
    .where('announced_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Marks up to `limit` ratings whose blind period has ended as announced and
 * returns them, walking `ratings_unannounced_idx`. Rows another transaction
 * holds (a sweeper on another instance, a rate-back) are skipped, and the
 * outer condition re-checks, so each is announced once.
 */
export function announceDue(trx: Transaction<DB>, now: Date, limit: number): Promise<RatingRow[]> {
  return trx
    .updateTable('ratings')
    .set({ announced_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('ratings')
        .select('id')
        .where('announced_at', 'is', null)
        .where('visible_at', '<=', now)
        .orderBy('visible_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .where('announced_at', 'is', null)
    .returningAll()
    .execute();
}

/** Whether the user exists and has not blocked the viewer: whose ratings the viewer may read. */
export async function ratedUserVisible(db: Kysely<DB>, viewerId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('blocks').select('blocker_id').where('blocker_id', '=', userId).where('blocked_id', '=', viewerId),
        ),
      ),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** How many visible ratings a user has at each number of stars (`ratings_rated_idx`). */
export async function visibleScoreCounts(
  db: Kysely<DB>,
  ratedId: number,
  now: Date,
): Promise<{ score: number; n: number }[]> {
  const rows = await db
    .selectFrom('ratings')
    .select(['score', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('rated_id', '=', ratedId)
    .where('visible_at', '<=', now)
    .groupBy('score')
    .execute();
  return rows.map((r) => ({ score: r.score, n: Number(r.n) }));
}

/**
 * A user's ratings newest first, keyset-paged on the id along
 * `ratings_rated_idx`: the visible ones, and the viewer's own still in
 * their blind period. No one else's hidden rating is ever read.
 */
export function listRatings(
  db: Kysely<DB>,
  f: { ratedId: number; viewerId: number; now: Date; beforeId?: number; limit: number },
): Promise<RatingRow[]> {
  let query = db
    .selectFrom('ratings')
    .selectAll()
    .where('rated_id', '=', f.ratedId)
    .where((eb) => eb.or([eb('visible_at', '<=', f.now), eb('rater_id', '=', f.viewerId)]))
    .orderBy('id', 'desc')
    .limit(fetchSize(f.limit));
  if (f.beforeId !== undefined) query = query.where('id', '<', f.beforeId);
  return query.execute();
}
