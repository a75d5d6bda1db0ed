import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import type { TestApp } from '../helpers/test-app.js';
import type { Actor } from '../activities/helpers.js';

export interface Invitation {
  id: number;
  senderId: number;
  receiverId: number;
  activityId: number;
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED' | 'EXPIRED';
  createdAt: string;
  respondedAt: string | null;
  expiresAt: string;
  message: string | null;
  iceBreakerQuestion: string | null;
  chatRoomId: number | null;
}

/** Invitation calls as a client makes them. */
export function invitationClient(t: Pick<TestApp, 'app'>) {
  return {
    create: (user: Actor, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/invitations/', headers: { ...user.auth, ...headers }, payload }),
    list: (user: Actor, query = '') =>
      t.app.inject({ method: 'GET', url: `/invitations/${query}`, headers: user.auth }),
    get: (user: Actor, id: number | string) =>
      t.app.inject({ method: 'GET', url: `/invitations/${id}`, headers: user.auth }),
    accept: (user: Actor, id: number) =>
      t.app.inject({ method: 'PUT', url: `/invitations/${id}/accept`, headers: user.auth }),
    decline: (user: Actor, id: number) =>
      t.app.inject({ method: 'PUT', url: `/invitations/${id}/decline`, headers: user.auth }),
    cancel: (user: Actor, id: number) =>
      t.app.inject({ method: 'PUT', url: `/invitations/${id}/cancel`, headers: user.auth }),
  };
}

export async function invite(
  t: Pick<TestApp, 'app'>,
  sender: Actor,
  receiver: Actor,
  activityId: number,
  extra: Record<string, unknown> = {},
): Promise<Invitation> {
  const res = await invitationClient(t).create(sender, {
    receiverId: receiver.id,
    activityId,
    message: 'Join us?',
    iceBreakerQuestion: 'Tea or coffee?',
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`invitation failed: ${res.statusCode} ${res.body}`);
  return res.json<Invitation>();
}

export async function countRows(
  db: Kysely<DB>,
  table: 'invitations' | 'chat_rooms' | 'activity_participants' | 'events',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
