import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { ORDERED_SCAN_SETTINGS } from '../../db/ordered-scans.js';
import type { DB, LocationsTable, UserPositionsTable, UserRow } from '../../db/schema.js';
import { publicUserColumns, type PublicUserRow } from '../users/presenter.js';
import { notBlockedEitherWay } from '../blocks/sql.js';
import type { Point } from './grid.js';

export type LocationRow = Selectable<LocationsTable>;

/** A position as stored, without the derived index column. */
export type PositionRow = Omit<Selectable<UserPositionsTable>, 'cell_point'>;

const positionColumns = [
  'user_id',
  'last_latitude',
  'last_longitude',
  'last_fix_at',
  'last_seen_at',
  'cell_row',
  'cell_col',
  'cell_latitude',
  'cell_longitude',
  'published_at',
] as const;

/**
 * Serialises the fixes of one user, including the very first one, when there
 * is no position row to lock yet. NO KEY UPDATE leaves foreign-key checks alone.
 */
export async function lockUserForFix(trx: Transaction<DB>, userId: number): Promise<void> {
  await trx.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().executeTakeFirstOrThrow();
}

export function findPosition(db: Kysely<DB>, userId: number): Promise<PositionRow | undefined> {
  return db.selectFrom('user_positions').select(positionColumns).where('user_id', '=', userId).executeTakeFirst();
}

export async function savePosition(db: Kysely<DB>, position: PositionRow): Promise<void> {
  const { user_id: _userId, ...changes } = position;
  await db
    .insertInto('user_positions')
    .values(position)
    .onConflict((oc) => oc.column('user_id').doUpdateSet(changes))
    .execute();
}

export function insertLocation(db: Kysely<DB>, row: Omit<LocationRow, 'id'>): Promise<LocationRow> {
  return db.insertInto('locations').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Newest first, keyset-paged on (user_id, id desc). */
export function listLocations(
  db: Kysely<DB>,
  userId: number,
  limit: number,
  beforeId?: number,
): Promise<LocationRow[]> {
  let query = db
    .selectFrom('locations')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.execute();
}

export interface SharedPositionRow {
  user_id: number;
  cell_latitude: number;
  cell_longitude: number;
  published_at: Date;
}

/**
 * Published cells of the listed users who share them with the viewer: the
 * viewer themself, or discoverable users who show their distance and are not
 * blocked either way.
 */
export async function findSharedPositions(
  db: Kysely<DB>,
  viewerId: number,
  ids: number[],
): Promise<SharedPositionRow[]> {
  const rows = await db
    .selectFrom('user_positions as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'p.cell_latitude', 'p.cell_longitude', 'p.published_at'])
    .where('p.user_id', '=', (eb) => eb.fn.any(eb.val(ids)))
    .where('p.cell_latitude', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('p.user_id', '=', viewerId),
        eb.and([
          eb('u.is_discoverable', '=', true),
          eb('u.hide_distance', '=', false),
          notBlockedEitherWay(viewerId, sql.ref('p.user_id')),
        ]),
      ]),
    )
    .orderBy('p.user_id')
    .execute();
  return rows as SharedPositionRow[];
}

export interface NearbyParams {
  viewerId: number;
  /** Centre of the viewer's cell: nothing here depends on an exact position. */
  centre: Point;
  radiusMeters: number;
  seenSince: Date;
  limit: number;
  /** Keyset: the cell distance and user id of the last row of the previous page. */
  after?: { knn: number; userId: number };
}

/** `knn`: the index's order value (chord metres); `meters`: great-circle metres. Both between cell centres. */
export type NearbyRow = PublicUserRow & Pick<UserRow, 'hide_distance'> & { knn: number; meters: number };

/**
 * Walks the GiST index on `position_cells` (one entry per inhabited cell) as
 * an ordered (KNN) scan: `earth_box @>` is the index condition, `<->` (chord
 * distance, same order as great-circle) the index order, the exact radius a
 * filter. Each cell's users come, lateral, from `user_positions_cell_idx` in
 * user id order, with the last-seen, discoverability and block checks as
 * filters, and stop at a page's worth: no cell gives more than a page, so the
 * first cells of a dense area cost one page of users, not every user in them.
 * Cells can share a distance, so the user id tie-break stays an incremental
 * sort over the users of one distance at a time; LIMIT stops the walk early,
 * so the cost follows the page, not the radius. The keyset continues on the
 * same `<->` value, then the user id.
 */
export function nearbyQuery(db: Kysely<DB>, p: NearbyParams) {
  const viewer = sql`ll_to_earth(${p.centre.lat}, ${p.centre.lon})`;
  const knn = sql<number>`c.cell_point <-> ${viewer}`;
  let cells = db
    .selectFrom('position_cells as c')
    .select([
      'c.cell_row',
      'c.cell_col',
      knn.as('knn'),
      sql<number>`earth_distance(c.cell_point, ${viewer})`.as('meters'),
    ])
    .where(sql<boolean>`earth_box(${viewer}, ${p.radiusMeters}) @> c.cell_point`)
    .where(sql<boolean>`earth_distance(c.cell_point, ${viewer}) <= ${p.radiusMeters}`)
    .orderBy('knn');
  if (p.after) cells = cells.where(knn, '>=', p.after.knn);
  const after = p.after;
  return db
    .selectFrom(cells.as('cell'))
    .innerJoinLateral(
      (eb) => {
        let users = eb
          .selectFrom('user_positions as p')
          .innerJoin('users as u', 'u.id', 'p.user_id')
          .select([...publicUserColumns.map((column) => `u.${column}` as const), 'u.hide_distance'])
          .whereRef('p.cell_row', '=', 'cell.cell_row')
          .whereRef('p.cell_col', '=', 'cell.cell_col')
          .where('p.last_seen_at', '>=', p.seenSince)
          .where('p.user_id', '<>', p.viewerId)
          .where('u.is_discoverable', '=', true)
          .where(notBlockedEitherWay(p.viewerId, sql.ref('p.user_id')));
        if (after) {
          // In the cursor's cells, after its user; elsewhere from the first (ids are serial, from 1).
          users = users.where(
            sql<boolean>`p.user_id > CASE WHEN cell.knn = ${after.knn} THEN ${after.userId}::int ELSE 0 END`,
          );
        }
        return users
          .orderBy('p.user_id')
          .limit(p.limit + 1)
          .as('u');
      },
      (join) => join.onTrue(),
    )
    .select([
      ...publicUserColumns.map((column) => `u.${column}` as const),
      'u.hide_distance',
      'cell.knn',
      'cell.meters',
    ])
    .orderBy('cell.knn')
    .orderBy('u.id')
    .limit(p.limit + 1);
}

/**
 * PostgreSQL does not pick the ordered index scan by itself: it prefers a
 * bitmap scan, or an unordered index scan and a sort of every candidate, far
 * slower in dense areas. These settings, local to the transaction, leave the
 * ordered scan (with an incremental sort for the user id tie-break) as the
 * only cheap plan. `set_config(..., true)` is `SET LOCAL`, all in one round trip.
 */
export async function forceOrderedIndexScan(trx: Transaction<DB>): Promise<void> {
  const settings = Object.entries(ORDERED_SCAN_SETTINGS).map(
    ([name, value]) => sql`set_config(${name}, ${value}, true)`,
  );
  await sql`SELECT ${sql.join(settings)}`.execute(trx);
}

/**
 * On PostgreSQL, one round trip on the pool whose sessions carry those
 * settings; on PGlite (one shared connection), a transaction that sets them.
 */
export function findNearby(
  db: Kysely<DB>,
  orderedScans: Kysely<DB> | undefined,
  params: NearbyParams,
): Promise<NearbyRow[]> {
  if (orderedScans) return nearbyQuery(orderedScans, params).execute();
  return db.transaction().execute(async (trx) => {
    await forceOrderedIndexScan(trx);
    return nearbyQuery(trx, params).execute();
  });
}
