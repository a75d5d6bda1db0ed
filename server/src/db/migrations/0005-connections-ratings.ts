import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A collected name card. The pair key makes a second collection a unique
  // violation, and it is the index the card-visibility probe
  // (collector, collected) and a collector's list (collector, id) walk.
  await db.schema
    .createTable('connections')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('collector_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('collected_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('meeting_id', 'integer', (c) => c.references('activities.id').onDelete('set null'))
    .addColumn('collected_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('connections_pair_key', ['collector_id', 'collected_id'])
    .addCheckConstraint('connections_two_people', sql`collector_id <> collected_id`)
    .execute();
  await db.schema.createIndex('connections_collector_idx').on('connections').columns(['collector_id', 'id']).execute();
  await db.schema.createIndex('connections_collected_idx').on('connections').column('collected_id').execute();

  // Double-blind ratings. `visible_at` is when the rating becomes visible to
  // anyone but its rater: the end of the blind period, brought forward to the
  // moment the rated user rates back. Every read filters on it with the
  // request's clock. `announced_at` is set, once, by whichever of the rate-back
  // or the sweeper tells the rated user; its conditional update is what makes
  // the announcement happen exactly once.
  await db.schema
    .createTable('ratings')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('rater_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('rated_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('score', 'smallint', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('visible_at', 'timestamptz', (c) => c.notNull())
    .addColumn('announced_at', 'timestamptz')
    .addUniqueConstraint('ratings_once_key', ['rater_id', 'rated_id', 'meeting_id'])
    .addCheckConstraint('ratings_two_people', sql`rater_id <> rated_id`)
    .addCheckConstraint('ratings_score', sql`score BETWEEN 1 AND 5`)
    .addCheckConstraint('ratings_comment_length', sql`char_length(comment) <= 1000`)
    .addCheckConstraint('ratings_visible_after_created', sql`visible_at >= created_at`)
    .execute();
  // A user's ratings, newest first, and their summary.
  await db.schema.createIndex('ratings_rated_idx').on('ratings').columns(['rated_id', 'id']).execute();
  // The sweeper's range: ratings not announced yet, by when they become visible.
  await sql`CREATE INDEX ratings_unannounced_idx ON ratings (visible_at) WHERE announced_at IS NULL`.execute(db);
  await db.schema.createIndex('ratings_meeting_idx').on('ratings').column('meeting_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ratings', 'connections']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
