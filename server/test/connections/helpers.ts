import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import type { Actor } from '../activities/helpers.js';
import type { TestApp } from '../helpers/test-app.js';

export interface NameCard {
  jobTitle: string | null;
  company: string | null;
  links: { label: string; url: string }[];
}

export interface Connection {
  id: number;
  collectorId: number;
  collectedId: number;
  meetingId: number | null;
  collectedAt: string;
  user: { id: number; displayName: string; nameCard?: NameCard; email?: string };
}

/** Connection calls as a client makes them. */
export function connectionClient(t: Pick<TestApp, 'app'>) {
  return {
    create: (user: Actor, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/connections/', headers: user.auth, payload }),
    list: (user: Actor, query = '') =>
      t.app.inject({ method: 'GET', url: `/connections/${query}`, headers: user.auth }),
    get: (user: Actor, id: number | string) =>
      t.app.inject({ method: 'GET', url: `/connections/${id}`, headers: user.auth }),
    remove: (user: Actor, id: number | string) =>
      t.app.inject({ method: 'DELETE', url: `/connections/${id}`, headers: user.auth }),
  };
}

export async function collect(
  t: Pick<TestApp, 'app'>,
  collector: Actor,
  collected: Actor,
  extra: Record<string, unknown> = {},
): Promise<Connection> {
  const res = await connectionClient(t).create(collector, { collectedId: collected.id, ...extra });
  if (res.statusCode !== 201) throw new Error(`collecting failed: ${res.statusCode} ${res.body}`);
  return res.json<Connection>();
}

/** Opens the pair's chat room, as a client would. */
export async function openRoom(t: Pick<TestApp, 'app'>, user: Actor, other: Actor): Promise<{ id: number }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/chat/rooms/',
    headers: user.auth,
    payload: { participant2Id: other.id },
  });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`room failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: number }>();
}

/** Gives a user a name card straight in the database. */
export async function setCard(db: Kysely<DB>, userId: number, card: NameCard): Promise<void> {
  await db
    .updateTable('users')
    .set({ job_title: card.jobTitle, company: card.company, contact_links: JSON.stringify(card.links) })
    .where('id', '=', userId)
    .execute();
}

export async function countConnections(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('connections')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
