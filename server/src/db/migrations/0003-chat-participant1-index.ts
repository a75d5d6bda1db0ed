import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A user's rooms are found by either participant column: the pair index
  // leads with least(...), so participant1_id needs its own.
  await db.schema.createIndex('chat_rooms_participant1_idx').on('chat_rooms').column('participant1_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('chat_rooms_participant1_idx').ifExists().execute();
}
