import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { activityClient, createActivity, createUsers, join, seatsOf, type Participation } from './helpers.js';

let t: TestApp;
let api: ReturnType<typeof activityClient>;
beforeAll(async () => {
  t = await startTestApp();
  api = activityClient(t);
});
afterAll(() => t.close());

describe('capacity under concurrency', () => {
  it('gives 10 places to exactly 10 people when 50 join at once, and queues the rest in order', async () => {
    const [creator, ...joiners] = await createUsers(t, 51);
    const activity = await createActivity(t, creator!, { maxParticipants: 10 });
    const results = await Promise.all(joiners.map((user) => api.join(user, activity.id)));
    expect(results.map((r) => r.statusCode)).toEqual(joiners.map(() => 201));
    const statuses = results.map((r) => r.json<Participation>().participant);
    expect(statuses.filter((p) => p.status === 'JOINED')).toHaveLength(9);
    const positions = statuses.flatMap((p) => (p.status === 'WAITLISTED' ? [p.waitlistPosition] : []));
    expect(positions.sort((a, b) => a! - b!)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));

    const seats = await seatsOf(t.db, activity.id);
    expect(seats.current).toBe(10);
    expect(seats.joined).toHaveLength(10);
    expect(seats.waitlisted).toHaveLength(41);
  });

  it('keeps the count equal to the participants when people leave and join at the same time', async () => {
    const [creator, ...users] = await createUsers(t, 31);
    const activity = await createActivity(t, creator!, { maxParticipants: 10 });
    const first = users.slice(0, 15);
    for (const user of first) await join(t, user, activity.id);
    const leavers = first.slice(0, 9);
    const latecomers = users.slice(15);
    const results = await Promise.all([
      ...leavers.map((user) => api.leave(user, activity.id)),
      ...latecomers.map((user) => api.join(user, activity.id)),
    ]);
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    const seats = await seatsOf(t.db, activity.id);
    expect(seats.current).toBe(10);
    expect(seats.joined).toHaveLength(10);
    // Those who waited before the leavers left got the places first.
    for (const user of first.slice(9)) expect(seats.joined).toContain(user.id);
    expect(seats.joined.length + seats.waitlisted.length).toBe(1 + 6 + 15);
  });
});
