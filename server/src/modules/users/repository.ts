import { sql, type Kysely } from 'kysely';
import { fetchSize } from '../../db/fetch-size.js';
import type { DB, NewUser, UserChanges, UserRow } from '../../db/schema.js';
import { notBlockedEitherWay } from '../blocks/sql.js';
import { cardCollectedBy } from '../connections/sql.js';
import { visibleRatingCount, visibleRatingSum } from '../ratings/sql.js';

/** A user as a profile read sees them: the row, whether the viewer collected the card, the visible ratings. */
export type ProfileRow = UserRow & { card_collected: boolean; rating_count: number; rating_sum: number };

function profileExtras(viewerId: number, now: Date) {
  const owner = sql.ref('users.id');
  return [
    cardCollectedBy(viewerId, owner).as('card_collected'),
    visibleRatingCount(owner, now).as('rating_count'),
    visibleRatingSum(owner, now).as('rating_sum'),
  ] as const;
}

export function insertUser(db: Kysely<DB>, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export function findUserById(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** A user visible to the viewer: exists and has not blocked them. */
export function findVisibleUser(
  db: Kysely<DB>,
  viewerId: number,
  id: number,
  now: Date,
): Promise<ProfileRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .select(profileExtras(viewerId, now))
    .where('id', '=', id)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('blocks').select('blocker_id').where('blocker_id', '=', id).where('blocked_id', '=', viewerId),
        ),
      ),
    )
    .executeTakeFirst();
}

export interface UserFilter {
  viewerId: number;
  now: Date;
  name?: string;
  interest?: string;
  ids?: number[];
  beforeId?: number;
  limit: number;
}

/** Newest first, keyset-paged on the primary key; blocked pairs (either way) are left out. */
export function listUsers(db: Kysely<DB>, f: UserFilter): Promise<ProfileRow[]> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .select(profileExtras(f.viewerId, f.now))
    .where(notBlockedEitherWay(f.viewerId, sql.ref('users.id')))
    .orderBy('id', 'desc')
    .limit(fetchSize(f.limit));
  if (f.name) query = query.where('display_name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.interest) query = query.where(sql<boolean>`interests @> ARRAY[${f.interest}]::text[]`);
  if (f.ids) query = query.where('id', '=', (eb) => eb.fn.any(eb.val(f.ids!)));
  if (f.beforeId !== undefined) query = query.where('id', '<', f.beforeId);
  return query.execute();
}

export function updateUser(db: Kysely<DB>, id: number, changes: UserChanges): Promise<UserRow> {
  return db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** `text` matched literally inside an ILIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
