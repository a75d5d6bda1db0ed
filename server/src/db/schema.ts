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
  /** `ll_to_earth(cell_latitude, cell_longitude)`. */
  cell_point: ColumnType<string | null, never, never>;
  published_at: Date | null;
}

/** Every cell someone has published, kept by a trigger on `user_positions`: what nearby searches walk. */
export interface PositionCellsTable {
  cell_row: number;
  cell_col: number;
  cell_latitude: number;
  cell_longitude: number;
  /** `ll_to_earth(cell_latitude, cell_longitude)`, GiST-indexed. */
  cell_point: ColumnType<string, never, never>;
}

export interface EventStreamsTable {
  user_id: number;
  last_seq: ColumnType<number, number, number>;
}

export interface EventsTable {
  user_id: number;
  seq: ColumnType<number, number, never>;
  type: string;
  data: ColumnType<unknown, string, never>;
  created_at: Date;
}

export interface ChatRoomsTable {
  id: Generated<number>;
  participant1_id: number;
  participant2_id: number;
  invitation_id: number | null;
  created_at: Date;
  last_message_at: Date | null;
  last_seq: Generated<number>;
}

export interface ChatMessagesTable {
  id: Generated<number>;
  room_id: number;
  seq: number;
  sender_id: number;
  message_type: 'TEXT' | 'IMAGE';
  content: string;
  client_message_id: string | null;
  created_at: Date;
}

export interface ChatReadPointersTable {
  room_id: number;
  user_id: number;
  last_read_seq: Generated<number>;
  updated_at: Date;
}

export interface WsTicketsTable {
  token_hash: string;
  user_id: number;
  session_id: string;
  expires_at: Date;
  used_at: Date | null;
}

export interface ActivitiesTable {
  id: Generated<number>;
  creator_id: number;
  title: string;
  description: string;
  location: string;
  latitude: number | null;
  longitude: number | null;
  /** `ll_to_earth(latitude, longitude)`, GiST-indexed. */
  point: ColumnType<string | null, never, never>;
  start_time: Date;
  end_time: Date;
  max_participants: number;
  /** The JOINED participants; raised only by the conditional seat update. */
  current_participants: Generated<number>;
  tags: string[];
  is_active: Generated<boolean>;
  created_at: Date;
  updated_at: Date;
}

export type ParticipantStatus = 'JOINED' | 'WAITLISTED';

export interface ActivityParticipantsTable {
  activity_id: number;
  user_id: number;
  status: ParticipantStatus;
  /** Order of arrival in the current status. */
  seq: Generated<number>;
  joined_at: Date | null;
  created_at: Date;
}

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED' | 'EXPIRED';

export interface InvitationsTable {
  id: Generated<number>;
  sender_id: number;
  receiver_id: number;
  activity_id: number;
  status: InvitationStatus;
  message: string | null;
  ice_breaker_question: string | null;
  idempotency_key: string | null;
  chat_room_id: number | null;
  created_at: Date;
  expires_at: Date;
  responded_at: Date | null;
}

export interface ConnectionsTable {
  id: Generated<number>;
  collector_id: number;
  collected_id: number;
  /** The activity where they met, when the collector named one. */
  meeting_id: number | null;
  collected_at: Date;
}

export interface RatingsTable {
  id: Generated<number>;
  rater_id: number;
  rated_id: number;
  meeting_id: number;
  score: number;
  comment: string | null;
  created_at: Date;
  /** From then on others see it: the end of the blind period, or the rate-back. */
  visible_at: Date;
  /** When the rated user was told; null until then. */
  announced_at: Date | null;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  blocks: BlocksTable;
  locations: LocationsTable;
  user_positions: UserPositionsTable;
  position_cells: PositionCellsTable;
  event_streams: EventStreamsTable;
  events: EventsTable;
  chat_rooms: ChatRoomsTable;
  chat_messages: ChatMessagesTable;
  chat_read_pointers: ChatReadPointersTable;
  ws_tickets: WsTicketsTable;
  activities: ActivitiesTable;
  activity_participants: ActivityParticipantsTable;
  invitations: InvitationsTable;
  connections: ConnectionsTable;
  ratings: RatingsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserChanges = Updateable<UsersTable>;
