import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One stream of durable events per recipient. `last_seq` is bumped under the
  // row lock of an upsert, so a user's events commit in the order of their seq
  // and a reader that has seen seq n never misses an n-1 committed later.
  await db.schema
    .createTable('event_streams')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pkey', ['user_id', 'seq'])
    .execute();
  await db.schema.createIndex('events_created_at_idx').on('events').column('created_at').execute();

  await db.schema
    .createTable('chat_rooms')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('participant1_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('participant2_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invitation_id', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_message_at', 'timestamptz')
    // Per-room message sequence, bumped under the room's row lock.
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('chat_rooms_two_people', sql`participant1_id <> participant2_id`)
    .execute();
  // One room per pair, whichever way round it was opened.
  await sql`CREATE UNIQUE INDEX chat_rooms_pair_key
    ON chat_rooms (least(participant1_id, participant2_id), greatest(participant1_id, participant2_id))`.execute(db);
  await db.schema.createIndex('chat_rooms_participant2_idx').on('chat_rooms').column('participant2_id').execute();

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('room_id', 'integer', (c) => c.notNull().references('chat_rooms.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('sender_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('client_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('chat_messages_type', sql`message_type IN ('TEXT', 'IMAGE')`)
    .execute();
  await sql`CREATE UNIQUE INDEX chat_messages_room_seq_key ON chat_messages (room_id, seq)`.execute(db);
  // The idempotency key lives with the row, in the message's own transaction.
  await sql`CREATE UNIQUE INDEX chat_messages_client_id_key ON chat_messages (sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('chat_read_pointers')
    .addColumn('room_id', 'integer', (c) => c.notNull().references('chat_rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('last_read_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_read_pointers_pkey', ['room_id', 'user_id'])
    .execute();

  // Single-use, short-lived tickets for opening a WebSocket from a browser.
  await db.schema
    .createTable('ws_tickets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ws_tickets', 'chat_read_pointers', 'chat_messages', 'chat_rooms', 'events', 'event_streams']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
