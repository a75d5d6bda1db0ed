import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { AccessTokens } from '../../src/modules/auth/tokens.js';
import { readEventsSince } from '../../src/modules/events/repository.js';
import { insertUsers } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';

export interface Actor {
  id: number;
  auth: { authorization: string };
}

export interface Activity {
  id: number;
  creatorId: number;
  title: string;
  description: string;
  location: string;
  latitude: number | null;
  longitude: number | null;
  startTime: string;
  endTime: string;
  maxParticipants: number;
  currentParticipants: number;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  isActive: boolean;
}

export interface Participant {
  activityId: number;
  userId: number;
  status: 'JOINED' | 'WAITLISTED';
  joinedAt: string | null;
  waitlistPosition: number | null;
}

export interface Participation {
  activity: Activity;
  participant: Participant;
}

const HOUR = 3_600_000;

/**
 * Users inserted straight into the database with access tokens signed by the
 * app's key: many users quickly, without a password hash each.
 */
export async function createUsers(t: Pick<TestApp, 'db' | 'config' | 'clock'>, count: number): Promise<Actor[]> {
  const ids = await insertUsers(t.db, count);
  const tokens = new AccessTokens(t.config.jwtSecret, t.config.accessTokenTtlSeconds, t.clock);
  return ids.map((id) => ({
    id,
    auth: { authorization: `Bearer ${tokens.issue({ userId: id, sessionId: randomUUID() }).accessToken}` },
  }));
}

export async function createUser(t: Pick<TestApp, 'db' | 'config' | 'clock'>): Promise<Actor> {
  return (await createUsers(t, 1))[0]!;
}

/** A valid activity body starting in an hour, for three hours, with five places. */
export function activityBody(
  t: Pick<TestApp, 'clock'>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = t.clock.now().getTime();
  return {
    title: 'Coffee by the river',
    description: 'Bring a friend',
    location: 'Riverside café',
    startTime: new Date(now + HOUR).toISOString(),
    endTime: new Date(now + 4 * HOUR).toISOString(),
    maxParticipants: 5,
    tags: ['coffee'],
    ...overrides,
  };
}

/** Activity calls as a client makes them. */
export function activityClient(t: Pick<TestApp, 'app'>) {
  return {
    create: (user: Actor, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/activities/', headers: user.auth, payload }),
    list: (user: Actor, query = '') => t.app.inject({ method: 'GET', url: `/activities/${query}`, headers: user.auth }),
    get: (user: Actor, id: number | string) =>
      t.app.inject({ method: 'GET', url: `/activities/${id}`, headers: user.auth }),
    update: (user: Actor, id: number, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url: `/activities/${id}`, headers: user.auth, payload }),
    cancel: (user: Actor, id: number) =>
      t.app.inject({ method: 'DELETE', url: `/activities/${id}`, headers: user.auth }),
    join: (user: Actor, id: number) =>
      t.app.inject({ method: 'POST', url: `/activities/${id}/join`, headers: user.auth }),
    leave: (user: Actor, id: number) =>
      t.app.inject({ method: 'POST', url: `/activities/${id}/leave`, headers: user.auth }),
    participants: (user: Actor, id: number, query = '') =>
      t.app.inject({ method: 'GET', url: `/activities/${id}/participants${query}`, headers: user.auth }),
  };
}

export async function createActivity(
  t: Pick<TestApp, 'app' | 'clock'>,
  creator: Actor,
  overrides: Record<string, unknown> = {},
): Promise<Activity> {
  const res = await activityClient(t).create(creator, activityBody(t, overrides));
  if (res.statusCode !== 201) throw new Error(`activity creation failed: ${res.statusCode} ${res.body}`);
  return res.json<Activity>();
}

export async function join(t: Pick<TestApp, 'app'>, user: Actor, activityId: number): Promise<Participation> {
  const res = await activityClient(t).join(user, activityId);
  if (res.statusCode !== 201) throw new Error(`join failed: ${res.statusCode} ${res.body}`);
  return res.json<Participation>();
}

export async function eventsOf(db: Kysely<DB>, userId: number, type?: string) {
  const events = await readEventsSince(db, userId, 0, 1000);
  return type ? events.filter((e) => e.type === type) : events;
}

/** The participant rows and the seat count, straight from the database. */
export async function seatsOf(db: Kysely<DB>, activityId: number) {
  const rows = await db
    .selectFrom('activity_participants')
    .select(['user_id', 'status'])
    .where('activity_id', '=', activityId)
    .orderBy('seq')
    .execute();
  const activity = await db
    .selectFrom('activities')
    .select(['current_participants', 'max_participants'])
    .where('id', '=', activityId)
    .executeTakeFirstOrThrow();
  return {
    current: activity.current_participants,
    max: activity.max_participants,
    joined: rows.filter((r) => r.status === 'JOINED').map((r) => r.user_id),
    waitlisted: rows.filter((r) => r.status === 'WAITLISTED').map((r) => r.user_id),
  };
}
