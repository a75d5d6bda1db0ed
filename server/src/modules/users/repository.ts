import { sql, type Kysely } from 'kysely';
import type { DB, NewUser, UserChanges, UserRow } from '../../db/schema.js';
import { notBlockedEitherWay } from '../blocks/sql.js';

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
export function findVisibleUser(db: Kysely<DB>, viewerId: number, id: number): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
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
  name?: string;
  interest?: string;
  ids?: number[];
  beforeId?: number;
  limit: number;
}

/** Newest first, keyset-paged on the primary key; blocked pairs (either way) are left out. */
export function listUsers(db: Kysely<DB>, f: UserFilter): Promise<UserRow[]> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .where(notBlockedEitherWay(f.viewerId, sql.ref('users.id')))
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
  if (f.name) query = query.where('display_name', 'ilike', `%${escapeLike(f.name)}%`);
  if (f.interest) query = query.where(sql<boolean>`interests @> ARRAY[${f.interest}]::text[]`);
  if (f.ids) query = query.where('id', 'in', f.ids.length > 0 ? f.ids : [0]);
  if (f.beforeId !== undefined) query = query.where('id', '<', f.beforeId);
  return query.execute();
}

export function updateUser(db: Kysely<DB>, id: number, changes: UserChanges): Promise<UserRow> {
  return db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
