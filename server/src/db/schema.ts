import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables; migrations are the source of truth. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  display_name: string;
  bio: Generated<string>;
  interests: Generated<string[]>;
  avatar_url: string | null;
  job_title: string | null;
  company: string | null;
  contact_links: ColumnType<ContactLink[], string | undefined, string>;
  is_discoverable: Generated<boolean>;
  hide_distance: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ContactLink {
  label: string;
  url: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  expires_at: Date;
  created_at: CreatedAt;
  used_at: Date | null;
}

export interface BlocksTable {
  blocker_id: number;
  blocked_id: number;
  created_at: CreatedAt;
}

export interface LocationsTable {
  id: Generated<number>;
  user_id: number;
  latitude: number;
  longitude: number;
  accuracy: number;
  recorded_at: Date;
  created_at: CreatedAt;
}

/**
 * One row per located user: the last exact fix (never shown to others) and the
 * published cell that everything other users observe is derived from.
 */
export interface UserPositionsTable {
  user_id: number;
  last_latitude: number;
  last_longitude: number;
  last_fix_at: Date;
  last_seen_at: Date;
  cell_row: number | null;
  cell_col: number | null;
  cell_latitude: number | null;
  cell_longitude: number | null;
  /** `ll_to_earth(cell_latitude, cell_longitude)`, GiST-indexed. */
  cell_point: ColumnType<string | null, never, never>;
  published_at: Date | null;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  blocks: BlocksTable;
  locations: LocationsTable;
  user_positions: UserPositionsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserChanges = Updateable<UsersTable>;
