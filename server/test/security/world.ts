import { loadConfig, type Config } from '../../src/config.js';
import { activityBody, createActivity, createUsers, join, type Activity, type Actor } from '../activities/helpers.js';
import { collect, type Connection } from '../connections/helpers.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';
import { invite, type Invitation } from '../invitations/helpers.js';
import { rate, type Rating } from '../ratings/helpers.js';

const HOUR = 3_600_000;

/**
 * Limits high enough that hundreds of requests from one user in a minute are
 * judged on their content, and tokens that outlive the clock moving to the meeting.
 */
export const generousLimits: Partial<Config> = {
  accessTokenTtlSeconds: 24 * 3600,
  rateLimits: {
    ...loadConfig({}).rateLimits,
    loginPerMinute: 100_000,
    registerPerMinute: 100_000,
    locationsPerMinute: 100_000,
    nearbyPerMinute: 100_000,
  },
};

/**
 * Who touches a resource: its owner, someone it is shared with (the room
 * partner, the activity participant, the invitation's receiver, the collected
 * user), and a stranger to it. `anonymous` sends no token.
 */
export type Role = 'anonymous' | 'owner' | 'participant' | 'stranger';

/**
 * One of everything, all owned by `owner` and shared with `participant`:
 * a chat room with messages, an activity that has started (the meeting), an
 * invitation to an upcoming activity, a connection, a rating, a block and a
 * location.
 */
export interface World {
  owner: TestUser;
  participant: Actor;
  stranger: TestUser;
  /** Joined the meeting and nothing else: people the owner can connect with and rate. */
  extras: Actor[];
  room: { id: number };
  meeting: Activity;
  upcoming: Activity;
  invitation: Invitation;
  connection: Connection;
  rating: Rating;
  blocked: Actor;
  actors: Record<Exclude<Role, 'anonymous'>, Actor>;
}

export async function buildWorld(t: TestApp, extraCount = 16): Promise<World> {
  const owner = await registerUser(t.app);
  // Registered, with a live session, so the stranger can open a WebSocket too.
  const stranger = await registerUser(t.app);
  const [participant, blocked, ...extras] = await createUsers(t, 2 + extraCount);
  const inject = async (user: Actor, method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await t.app.inject({ method, url, headers: user.auth, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} failed: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>();
  };

  const room = await inject(owner, 'POST', '/chat/rooms/', { participant2Id: participant!.id });
  await inject(owner, 'POST', '/chat/messages/', { chatRoomId: room.id, content: 'Hello' });
  await inject(participant!, 'POST', '/chat/messages/', { chatRoomId: room.id, content: 'Hi there' });

  const meeting = await createActivity(t, owner, { maxParticipants: extraCount + 5 });
  for (const user of [participant!, ...extras]) await join(t, user, meeting.id);
  await inject(owner, 'POST', '/blocks/', { userId: blocked!.id });
  await inject(owner, 'POST', '/locations/', { latitude: 52.52, longitude: 13.405 });
  const connection = await collect(t, owner, participant!);

  // The meeting starts, so its people can rate each other; the upcoming activity is still ahead.
  t.clock.advance(HOUR + 60_000);
  const rating = await rate(t, owner, participant!, meeting.id);
  const upcoming = await createActivity(t, owner, activityBody(t, { title: 'Later' }));
  const invitation = await invite(t, owner, participant!, upcoming.id);

  return {
    owner,
    participant: participant!,
    stranger,
    extras,
    room,
    meeting,
    upcoming,
    invitation,
    connection,
    rating,
    blocked: blocked!,
    actors: { owner, participant: participant!, stranger },
  };
}

/** Fresh resources for requests that change what they touch, so each case starts from the same state. */
export function freshResources(t: TestApp, w: World) {
  let extraIndex = 0;
  const nextExtra = (): Actor => {
    const extra = w.extras[extraIndex];
    extraIndex += 1;
    if (!extra) throw new Error('the world ran out of extra users; build it with more');
    return extra;
  };
  return {
    nextExtra,
    /** An upcoming activity of the owner's, which the participant has joined. */
    activity: async (): Promise<Activity> => {
      const activity = await createActivity(t, w.owner, { title: 'Fresh' });
      await join(t, w.participant, activity.id);
      return activity;
    },
    /** A pending invitation from the owner to the participant. */
    invitation: async (): Promise<Invitation> => {
      const activity = await createActivity(t, w.owner, { title: 'Invite' });
      return invite(t, w.owner, w.participant, activity.id);
    },
    /** The owner's connection to someone they met. */
    connection: async (): Promise<Connection> => collect(t, w.owner, nextExtra()),
    /** A user the owner has just blocked. */
    blocked: async (): Promise<Actor> => {
      const [user] = await createUsers(t, 1);
      const res = await t.app.inject({
        method: 'POST',
        url: '/blocks/',
        headers: w.owner.auth,
        payload: { userId: user!.id },
      });
      if (res.statusCode !== 201) throw new Error(`block failed: ${res.statusCode} ${res.body}`);
      return user!;
    },
    /** A fresh refresh token of the owner's (they rotate on use). */
    session: async (): Promise<{ accessToken: string; refreshToken: string }> => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: w.owner.email, password: w.owner.password },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return res.json<{ accessToken: string; refreshToken: string }>();
    },
  };
}
