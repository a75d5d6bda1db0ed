import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // `current_participants` counts the JOINED rows of activity_participants. It
  // is only ever raised by one conditional UPDATE (seat taken only while it is
  // below `max_participants`), and the check constraint refuses any write that
  // would overfill an activity, whichever path it comes from.
  await db.schema
    .createTable('activities')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('creator_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_time', 'timestamptz', (c) => c.notNull())
    .addColumn('max_participants', 'integer', (c) => c.notNull())
    .addColumn('current_participants', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'activities_capacity',
      sql`current_participants >= 0 AND current_participants <= max_participants`,
    )
    .addCheckConstraint('activities_max_participants', sql`max_participants >= 1`)
    .addCheckConstraint('activities_time_order', sql`end_time > start_time`)
    .addCheckConstraint(
      'activities_coordinates',
      sql`(latitude IS NULL) = (longitude IS NULL) AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180`,
    )
    .execute();
  // A stored column, like user_positions.cell_point: searched by distance through its GiST index.
  await sql`ALTER TABLE activities ADD COLUMN point earth
    GENERATED ALWAYS AS (CASE WHEN latitude IS NULL THEN NULL
      ELSE ll_to_earth(latitude, longitude) END) STORED`.execute(db);
  await sql`CREATE INDEX activities_point_idx ON activities USING gist (point)`.execute(db);
  // Lists are ordered by (start_time, id).
  await db.schema.createIndex('activities_start_idx').on('activities').columns(['start_time', 'id']).execute();
  await db.schema
    .createIndex('activities_creator_idx')
    .on('activities')
    .columns(['creator_id', 'start_time', 'id'])
    .execute();
  await sql`CREATE INDEX activities_tags_idx ON activities USING gin (tags)`.execute(db);

  // Participants and the waitlist. `seq` orders arrivals in the current
  // status: the waitlist's head is its lowest seq; a promotion takes a new one.
  await db.schema
    .createTable('activity_participants')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('joined_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_participants_pkey', ['activity_id', 'user_id'])
    .addCheckConstraint('activity_participants_status', sql`status IN ('JOINED', 'WAITLISTED')`)
    .addCheckConstraint('activity_participants_joined_at', sql`(status = 'JOINED') = (joined_at IS NOT NULL)`)
    .execute();
  await db.schema
    .createIndex('activity_participants_queue_idx')
    .on('activity_participants')
    .columns(['activity_id', 'status', 'seq'])
    .execute();
  await db.schema
    .createIndex('activity_participants_user_idx')
    .on('activity_participants')
    .columns(['user_id', 'activity_id'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('sender_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('receiver_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('ice_breaker_question', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('chat_room_id', 'integer', (c) => c.references('chat_rooms.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('responded_at', 'timestamptz')
    .addCheckConstraint(
      'invitations_status',
      sql`status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED')`,
    )
    .addCheckConstraint('invitations_two_people', sql`sender_id <> receiver_id`)
    .addCheckConstraint('invitations_expiry', sql`expires_at > created_at`)
    .execute();
  // One pending invitation per (sender, receiver, activity); it also serves the sender's lists.
  await sql`CREATE UNIQUE INDEX invitations_one_pending_key ON invitations (sender_id, receiver_id, activity_id)
    WHERE status = 'PENDING'`.execute(db);
  // The idempotency key lives with the row, in the invitation's own transaction.
  await sql`CREATE UNIQUE INDEX invitations_idempotency_key ON invitations (sender_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL`.execute(db);
  await db.schema.createIndex('invitations_sender_idx').on('invitations').columns(['sender_id', 'id']).execute();
  await db.schema.createIndex('invitations_receiver_idx').on('invitations').columns(['receiver_id', 'id']).execute();
  // The sweeper's range, and an activity's pending invitations when it is cancelled.
  await sql`CREATE INDEX invitations_pending_expiry_idx ON invitations (expires_at) WHERE status = 'PENDING'`.execute(
    db,
  );
  await sql`CREATE INDEX invitations_pending_activity_idx ON invitations (activity_id)
    WHERE status = 'PENDING'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['invitations', 'activity_participants', 'activities']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
