import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { createActivity, createUsers, join, type Activity, type Actor } from '../activities/helpers.js';
import type { TestApp } from '../helpers/test-app.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Rating {
  id: number;
  raterId: number;
  ratedId: number;
  meetingId: number;
  rating: number;
  comment: string | null;
  createdAt: string;
  pending: boolean;
  visibleAt: string;
}

export interface UserRatings {
  userId: number;
  average: number | null;
  count: number;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  items: Rating[];
  nextCursor: string | null;
}

/** Rating calls as a client makes them. */
export function ratingClient(t: Pick<TestApp, 'app'>) {
  return {
    rate: (user: Actor, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/ratings/', headers: user.auth, payload }),
    list: (user: Actor, userId: number | string, query = '') =>
      t.app.inject({ method: 'GET', url: `/ratings/user/${userId}${query}`, headers: user.auth }),
  };
}

export async function rate(
  t: Pick<TestApp, 'app'>,
  rater: Actor,
  rated: Actor,
  meetingId: number,
  rating = 4,
  extra: Record<string, unknown> = {},
): Promise<Rating> {
  const res = await ratingClient(t).rate(rater, { ratedId: rated.id, meetingId, rating, ...extra });
  if (res.statusCode !== 201) throw new Error(`rating failed: ${res.statusCode} ${res.body}`);
  return res.json<Rating>();
}

export async function ratingsOf(t: Pick<TestApp, 'app'>, viewer: Actor, userId: number): Promise<UserRatings> {
  const res = await ratingClient(t).list(viewer, userId);
  if (res.statusCode !== 200) throw new Error(`listing ratings failed: ${res.statusCode} ${res.body}`);
  return res.json<UserRatings>();
}

/**
 * `count` users who all joined one activity, which has just started; the
 * first created it.
 */
export async function meeting(
  t: Pick<TestApp, 'app' | 'db' | 'config' | 'clock'>,
  count: number,
): Promise<{ users: Actor[]; activity: Activity }> {
  const users = await createUsers(t, count);
  const activity = await createActivity(t, users[0]!, { maxParticipants: Math.max(count, 2) });
  for (const user of users.slice(1)) await join(t, user, activity.id);
  t.clock.advance(HOUR);
  return { users, activity };
}

export async function countRatings(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('ratings')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every durable event, of anyone, that mentions a rating. */
export async function ratingEvents(db: Kysely<DB>): Promise<{ user_id: number; type: string; data: unknown }[]> {
  return db
    .selectFrom('events')
    .select(['user_id', 'type', 'data'])
    .where('type', 'like', 'rating.%')
    .orderBy('user_id')
    .orderBy('seq')
    .execute();
}
