import { sql, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import { fetchSize } from '../../db/fetch-size.js';
import type { ActivitiesTable, DB } from '../../db/schema.js';
import { notBlockedEitherWay } from '../blocks/sql.js';

export type ActivityRow = Omit<Selectable<ActivitiesTable>, 'point'>;
export type ActivityChanges = Omit<Updateable<ActivitiesTable>, 'id' | 'creator_id' | 'current_participants' | 'point'>;

/** Every column but the derived `point`. */
export const activityColumns = [
  'id',
  'creator_id',
  'title',
  'description',
  'location',
  'latitude',
  'longitude',
  'start_time',
  'end_time',
  'max_participants',
  'current_participants',
  'tags',
  'is_active',
  'created_at',
  'updated_at',
] as const;

/** Inserted with no participant: the creator takes the first seat the way everyone does. */
export function insertActivity(
  trx: Transaction<DB>,
  values: Omit<ActivityRow, 'id' | 'current_participants' | 'is_active'>,
): Promise<ActivityRow> {
  return trx.insertInto('activities').values(values).returning(activityColumns).executeTakeFirstOrThrow();
}

/** An activity the viewer may see: it exists and neither the viewer nor its creator blocked the other. */
export function findVisibleActivity(
  db: Kysely<DB>,
  activityId: number,
  viewerId: number,
): Promise<ActivityRow | undefined> {
  return db
    .selectFrom('activities as a')
    .select(activityColumns.map((c) => `a.${c}` as const))
    .where('a.id', '=', activityId)
    .where(notBlockedEitherWay(viewerId, sql.ref('a.creator_id')))
    .executeTakeFirst();
}

/**
 * Changes an activity's details. A new capacity applies only if it still
 * holds the places taken (the row is locked by then; the capacity check
 * constraint would refuse it anyway).
 */
export function updateActivity(
  trx: Transaction<DB>,
  activityId: number,
  changes: ActivityChanges,
): Promise<ActivityRow | undefined> {
  let query = trx.updateTable('activities').set(changes).where('id', '=', activityId);
  if (changes.max_participants !== undefined) {
    query = query.where('current_participants', '<=', changes.max_participants);
  }
  return query.returning(activityColumns).executeTakeFirst();
}

export interface ActivityFilter {
  viewerId: number;
  now: Date;
  active: boolean;
  text?: string;
  tags?: string[];
  from?: Date;
  to?: Date;
  near?: { lat: number; lon: number; radiusMeters: number };
  creatorId?: number;
  participantId?: number;
  mine?: boolean;
  after?: { at: Date; id: number };
  limit: number;
}

/**
 * Activities by start time (then id), keyset-paged. The order walks
 * `activities_start_idx` (or `activities_creator_idx` for one creator);
 * a distance filter can use the GiST index on `point` through `earth_box`,
 * and tags the GIN index on `tags`. Activities of a blocked pair are left out.
 */
export function searchActivities(db: Kysely<DB>, f: ActivityFilter): Promise<ActivityRow[]> {
  const open = sql<boolean>`(a.is_active AND a.end_time > ${f.now})`;
  let query = db
    .selectFrom('activities as a')
    .select(activityColumns.map((c) => `a.${c}` as const))
    .where(f.active ? open : sql<boolean>`NOT ${open}`)
    .where(notBlockedEitherWay(f.viewerId, sql.ref('a.creator_id')))
    .orderBy('a.start_time')
    .orderBy('a.id')
    .limit(fetchSize(f.limit));
  if (f.text) {
    const pattern = `%${escapeLike(f.text)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('a.title', 'ilike', pattern),
        eb('a.description', 'ilike', pattern),
        eb('a.location', 'ilike', pattern),
      ]),
    );
  }
  if (f.tags) query = query.where(sql<boolean>`a.tags && ${f.tags}::text[]`);
  if (f.from) query = query.where('a.end_time', '>', f.from);
  if (f.to) query = query.where('a.start_time', '<', f.to);
  if (f.near) {
    const centre = sql`ll_to_earth(${f.near.lat}, ${f.near.lon})`;
    query = query
      .where(sql<boolean>`earth_box(${centre}, ${f.near.radiusMeters}) @> a.point`)
      .where(sql<boolean>`earth_distance(a.point, ${centre}) <= ${f.near.radiusMeters}`);
  }
  if (f.creatorId !== undefined) query = query.where('a.creator_id', '=', f.creatorId);
  if (f.participantId !== undefined) {
    const participantId = f.participantId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('activity_participants as p')
          .select('p.user_id')
          .whereRef('p.activity_id', '=', 'a.id')
          .where('p.user_id', '=', participantId)
          .where('p.status', '=', 'JOINED'),
      ),
    );
  }
  if (f.mine) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('activity_participants as p')
          .select('p.user_id')
          .whereRef('p.activity_id', '=', 'a.id')
          .where('p.user_id', '=', f.viewerId),
      ),
    );
  }
  if (f.after) {
    query = query.where(sql<boolean>`(a.start_time, a.id) > (${f.after.at}::timestamptz, ${f.after.id}::integer)`);
  }
  return query.execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
