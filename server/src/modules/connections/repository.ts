import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { fetchSize } from '../../db/fetch-size.js';
import type { ConnectionsTable, DB, UserRow } from '../../db/schema.js';
import { notBlockedEitherWay } from '../blocks/sql.js';
import { escapeLike } from '../users/repository.js';

export type ConnectionRow = Selectable<ConnectionsTable>;

/** A connection with the collected user's row, for presenting the card. */
export interface ConnectionView {
  connection: ConnectionRow;
  user: UserRow;
}

const connectionColumns = [
  'c.id as connection_id',
  'c.collector_id',
  'c.collected_id',
  'c.meeting_id',
  'c.collected_at',
] as const;

function withUsers(db: Kysely<DB>) {
  return db
    .selectFrom('connections as c')
    .innerJoin('users as u', 'u.id', 'c.collected_id')
    .selectAll('u')
    .select(connectionColumns);
}

type JoinedRow = UserRow & {
  connection_id: number;
  collector_id: number;
  collected_id: number;
  meeting_id: number | null;
  collected_at: Date;
};

function split(row: JoinedRow): ConnectionView {
  const { connection_id, collector_id, collected_id, meeting_id, collected_at, ...user } = row;
  return {
    connection: { id: connection_id, collector_id, collected_id, meeting_id, collected_at },
    user: user as UserRow,
  };
}

export async function activityExists(db: Kysely<DB>, activityId: number): Promise<boolean> {
  const row = await db.selectFrom('activities').select('id').where('id', '=', activityId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether the two share a chat room (the pair index) or an activity both have
 * joined (`activity_participants_user_idx` for one, the primary key for the other).
 */
export async function haveMet(db: Kysely<DB>, a: number, b: number): Promise<boolean> {
  const { rows } = await sql<{ met: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM chat_rooms
      WHERE least(participant1_id, participant2_id) = ${Math.min(a, b)}
        AND greatest(participant1_id, participant2_id) = ${Math.max(a, b)}
    ) OR EXISTS (
      SELECT 1 FROM activity_participants mine
      JOIN activity_participants theirs
        ON theirs.activity_id = mine.activity_id AND theirs.user_id = ${b} AND theirs.status = 'JOINED'
      WHERE mine.user_id = ${a} AND mine.status = 'JOINED'
    ) AS met`.execute(db);
  return Boolean(rows[0]?.met);
}

/** Whether both users have joined the activity. */
export async function bothJoined(db: Kysely<DB>, activityId: number, a: number, b: number): Promise<boolean> {
  const row = await db
    .selectFrom('activity_participants')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('activity_id', '=', activityId)
    .where('user_id', 'in', [a, b])
    .where('status', '=', 'JOINED')
    .executeTakeFirstOrThrow();
  return Number(row.n) === 2;
}

export function insertConnection(trx: Transaction<DB>, values: Omit<ConnectionRow, 'id'>): Promise<ConnectionRow> {
  return trx.insertInto('connections').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * A connection of `collectorId`'s, with the card: the check is part of the
 * query. A pair where either blocked the other is left out, as in every list.
 */
export async function findOwnConnection(
  db: Kysely<DB>,
  connectionId: number,
  collectorId: number,
): Promise<ConnectionView | undefined> {
  const row = await withUsers(db)
    .where('c.id', '=', connectionId)
    .where('c.collector_id', '=', collectorId)
    .where(notBlockedEitherWay(collectorId, sql.ref('c.collected_id')))
    .executeTakeFirst();
  return row && split(row as JoinedRow);
}

/** Newest first, keyset-paged on the id along `connections_collector_idx`; blocked pairs are left out. */
export async function listConnections(
  db: Kysely<DB>,
  f: { collectorId: number; name?: string; beforeId?: number; limit: number },
): Promise<ConnectionView[]> {
  let query = withUsers(db)
    .where('c.collector_id', '=', f.collectorId)
    .where(notBlockedEitherWay(f.collectorId, sql.ref('c.collected_id')))
    .orderBy('c.id', 'desc')
    .limit(fetchSize(f.limit));
  if (f.name) query = query.where('u.display_name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.beforeId !== undefined) query = query.where('c.id', '<', f.beforeId);
  const rows = await query.execute();
  return rows.map((r) => split(r as JoinedRow));
}

/** Deletes a connection of `collectorId`'s; undefined when there is none. */
export function deleteOwnConnection(
  trx: Transaction<DB>,
  connectionId: number,
  collectorId: number,
): Promise<ConnectionRow | undefined> {
  return trx
    .deleteFrom('connections')
    .where('id', '=', connectionId)
    .where('collector_id', '=', collectorId)
    .returningAll()
    .executeTakeFirst();
}
