import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { fetchSize } from '../../db/fetch-size.js';
import type { ActivityParticipantsTable, DB, ParticipantStatus } from '../../db/schema.js';
import { notBlockedEitherWay } from '../blocks/sql.js';
import { activityColumns, type ActivityRow } from './repository.js';

export type ParticipantRow = Selectable<ActivityParticipantsTable>;

/** A participant row with its place on the waitlist (null once joined). */
export interface ParticipantView extends ParticipantRow {
  waitlist_position: number | null;
}

/**
 * Locks an activity's row until the transaction ends. Every change to its
 * participants, waitlist and pending invitations takes this lock first, so
 * they happen one at a time per activity and each sees the others'
 * committed work. NO KEY UPDATE still lets rows that merely reference the
 * activity (a new invitation) be inserted meanwhile.
 */
export function lockActivity(trx: Transaction<DB>, activityId: number): Promise<ActivityRow | undefined> {
  return trx
    .selectFrom('activities')
    .select(activityColumns)
    .where('id', '=', activityId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * The one update that gives anyone a place — joining, accepting an
 * invitation, promotion from the waitlist: the count rises only while the
 * activity is open and below capacity. The `activities_capacity` check
 * constraint refuses any other write that would overfill it.
 */
function seatUpdate(db: Kysely<DB>, activityId: number, now: Date) {
  return db
    .updateTable('activities')
    .set({ current_participants: sql`current_participants + 1` })
    .where('id', '=', activityId)
    .where('is_active', '=', true)
    .where('end_time', '>', now)
    .where(sql<boolean>`current_participants < max_participants`)
    .returning(activityColumns);
}

/** A newcomer's seat, and everyone who had joined before them. */
export interface SeatTaken {
  activity: ActivityRow;
  participant: ParticipantRow;
  joinedBefore: number[];
}

/**
 * Takes a seat (`seatUpdate`) and records the user as JOINED, a new
 * participant or one leaving the waitlist, in one statement: the row is
 * written only if the seat was taken. The list of who had joined reads the
 * statement's snapshot, so it leaves the newcomer out.
 */
export async function takeSeatAndJoin(
  trx: Transaction<DB>,
  activityId: number,
  userId: number,
  now: Date,
): Promise<SeatTaken | undefined> {
  const row = await trx
    .with('seat', () => seatUpdate(trx, activityId, now))
    .with('joined', (db) =>
      db
        .insertInto('activity_participants')
        .columns(['activity_id', 'user_id', 'status', 'joined_at', 'created_at'])
        .expression(
          db
            .selectFrom('seat')
            .select([
              'seat.id',
              sql<number>`${userId}::integer`.as('user_id'),
              sql<'JOINED'>`'JOINED'`.as('status'),
              sql<Date>`${now}::timestamptz`.as('joined_at'),
              sql<Date>`${now}::timestamptz`.as('created_at'),
            ]),
        )
        .onConflict((oc) =>
          // One leaving the waitlist takes a new `seq`.
          oc
            .columns(['activity_id', 'user_id'])
            .doUpdateSet({ status: 'JOINED', joined_at: now, seq: sql`excluded.seq` }),
        )
        .returningAll(),
    )
    .selectFrom(['seat', 'joined'])
    .selectAll('seat')
    .select([
      'joined.user_id',
      'joined.status',
      'joined.seq',
      'joined.joined_at',
      'joined.created_at as joined_created_at',
      (eb) =>
        eb
          .selectFrom('activity_participants as p')
          .select(sql<number[]>`coalesce(array_agg(p.user_id), '{}')`.as('ids'))
          .where('p.activity_id', '=', activityId)
          .where('p.status', '=', 'JOINED')
          .as('joined_before'),
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  const { user_id, status, seq, joined_at, joined_created_at, joined_before, ...activity } = row;
  return {
    activity,
    participant: { activity_id: activity.id, user_id, status, seq, joined_at, created_at: joined_created_at },
    joinedBefore: joined_before ?? [],
  };
}

export function releaseSeat(trx: Transaction<DB>, activityId: number): Promise<ActivityRow> {
  return trx
    .updateTable('activities')
    .set({ current_participants: sql`current_participants - 1` })
    .where('id', '=', activityId)
    .returning(activityColumns)
    .executeTakeFirstOrThrow();
}

export function findParticipant(
  db: Kysely<DB>,
  activityId: number,
  userId: number,
): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('activity_participants')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function addToWaitlist(
  trx: Transaction<DB>,
  activityId: number,
  userId: number,
  now: Date,
): Promise<ParticipantRow> {
  return trx
    .insertInto('activity_participants')
    .values({ activity_id: activityId, user_id: userId, status: 'WAITLISTED', joined_at: null, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteParticipant(
  trx: Transaction<DB>,
  activityId: number,
  userId: number,
): Promise<ParticipantRow | undefined> {
  return trx
    .deleteFrom('activity_participants')
    .where('activity_id', '=', activityId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/** The first in line: the lowest seq of the waitlist (`activity_participants_queue_idx`). */
export function waitlistHead(trx: Transaction<DB>, activityId: number): Promise<ParticipantRow | undefined> {
  return trx
    .selectFrom('activity_participants')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('status', '=', 'WAITLISTED')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
}

export async function waitlistPosition(db: Kysely<DB>, activityId: number, seq: number): Promise<number> {
  const row = await db
    .selectFrom('activity_participants')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('activity_id', '=', activityId)
    .where('status', '=', 'WAITLISTED')
    .where('seq', '<=', seq)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The users of an activity with the given statuses: who hears of its changes. */
export async function participantIds(
  db: Kysely<DB>,
  activityId: number,
  statuses: ParticipantStatus[] = ['JOINED'],
): Promise<number[]> {
  const rows = await db
    .selectFrom('activity_participants')
    .select('user_id')
    .where('activity_id', '=', activityId)
    .where('status', 'in', statuses)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * One status of an activity's participants in arrival order, keyset-paged on
 * `seq` along `activity_participants_queue_idx`; people in a blocked pair
 * with the viewer are left out. A waitlist position counts everyone ahead.
 */
export async function listParticipants(
  db: Kysely<DB>,
  f: { activityId: number; status: ParticipantStatus; viewerId: number; afterSeq?: number; limit: number },
): Promise<ParticipantView[]> {
  let query = db
    .selectFrom('activity_participants as p')
    .selectAll('p')
    .select(
      sql<number | null>`CASE WHEN p.status = 'WAITLISTED' THEN (SELECT count(*) FROM activity_participants w
        WHERE w.activity_id = p.activity_id AND w.status = 'WAITLISTED' AND w.seq <= p.seq) END`.as(
        'waitlist_position',
      ),
    )
    .where('p.activity_id', '=', f.activityId)
    .where('p.status', '=', f.status)
    .where(notBlockedEitherWay(f.viewerId, sql.ref('p.user_id')))
    .orderBy('p.seq')
    .limit(fetchSize(f.limit));
  if (f.afterSeq !== undefined) query = query.where('p.seq', '>', f.afterSeq);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    seq: Number(r.seq),
    waitlist_position: r.waitlist_position === null ? null : Number(r.waitlist_position),
  }));
}
