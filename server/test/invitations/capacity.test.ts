import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { activityClient, createActivity, createUsers, seatsOf, type Actor } from '../activities/helpers.js';
import { countRows, invitationClient, invite } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('capacity when accepts and joins race', () => {
  it('ends with exactly 10 participants when 25 accept and 25 join an activity of 10 places at once', async () => {
    const [alice, ...users] = (await createUsers(t, 51)) as Actor[];
    const activity = await createActivity(t, alice!, { maxParticipants: 10 });
    const invited = users.slice(0, 25);
    const joiners = users.slice(25);
    const invitations = [];
    for (const user of invited) invitations.push(await invite(t, alice!, user, activity.id));
    const rooms = await countRows(t.db, 'chat_rooms');

    const [accepts, joins] = await Promise.all([
      Promise.all(invitations.map((inv, i) => invitationClient(t).accept(invited[i]!, inv.id))),
      Promise.all(joiners.map((user) => activityClient(t).join(user, activity.id))),
    ]);

    const seats = await seatsOf(t.db, activity.id);
    expect(seats.current).toBe(10);
    expect(seats.joined).toHaveLength(10);
    const accepted = accepts.filter((r) => r.statusCode === 200);
    const full = accepts.filter((r) => r.statusCode === 409);
    expect(accepted.length + full.length).toBe(25);
    expect(full.every((r) => r.json().code === 'ACTIVITY_FULL')).toBe(true);
    const joinedDirectly = joins.filter((r) => r.json().participant.status === 'JOINED');
    expect(joins.every((r) => r.statusCode === 201)).toBe(true);
    expect(1 + accepted.length + joinedDirectly.length).toBe(10);
    // A refused accept left its invitation pending and opened no room.
    expect(await countRows(t.db, 'chat_rooms')).toBe(rooms + accepted.length);
    const pending = await t.db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('activity_id', '=', activity.id)
      .where('status', '=', 'PENDING')
      .executeTakeFirstOrThrow();
    expect(Number(pending.n)).toBe(full.length);
  });
});
