import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createActivity, createUsers, join, seatsOf, type Actor } from '../activities/helpers.js';
import { countRows, invitationClient, invite, type Invitation } from './helpers.js';

let t: TestApp;
let api: ReturnType<typeof invitationClient>;
beforeAll(async () => {
  t = await startTestApp();
  api = invitationClient(t);
});
afterAll(() => t.close());

/** Alice's activity of two places (hers and one more), with pending invitations to bob and dave; carol is free. */
async function scene() {
  const [alice, bob, carol, dave] = (await createUsers(t, 4)) as [Actor, Actor, Actor, Actor];
  const activity = await createActivity(t, alice, { maxParticipants: 2 });
  const invitation = await invite(t, alice, bob, activity.id);
  const other = await invite(t, alice, dave, activity.id);
  return { alice, bob, carol, dave, activity, invitation, other };
}

/** What a refused accept must leave as it was. */
async function state(activityId: number) {
  return {
    seats: await seatsOf(t.db, activityId),
    rooms: await countRows(t.db, 'chat_rooms'),
    events: await countRows(t.db, 'events'),
    pending: (
      await t.db.selectFrom('invitations').select('id').where('status', '=', 'PENDING').orderBy('id').execute()
    ).map((r) => r.id),
  };
}

const settled = (promise: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('accepting while others hold the activity', () => {
  it('ends with one seat when a receiver accepts two invitations to the same activity at once', async () => {
    const s = await scene();
    await t.db.updateTable('activities').set({ max_participants: 3 }).where('id', '=', s.activity.id).execute();
    const [carolsOwn] = (await createUsers(t, 1)) as [Actor];
    await join(t, carolsOwn, s.activity.id);
    const second = await invite(t, carolsOwn, s.bob, s.activity.id);
    const answers = await Promise.all([api.accept(s.bob, s.invitation.id), api.accept(s.bob, second.id)]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    const seats = await seatsOf(t.db, s.activity.id);
    expect(seats.current).toBe(3);
    expect(seats.joined).toEqual([s.alice.id, carolsOwn.id, s.bob.id]);
  });
});

describe.runIf(process.env.TEST_DATABASE === 'postgres')('accepting while the activity is locked', () => {
  it('refuses an accept of an activity already full with 409 ACTIVITY_FULL without waiting for its lock', async () => {
    const s = await scene();
    await join(t, s.carol, s.activity.id);
    const before = await state(s.activity.id);
    await t.db.transaction().execute(async (trx) => {
      await sql`SELECT 1 FROM activities WHERE id = ${s.activity.id} FOR UPDATE`.execute(trx);
      const answer = api.accept(s.bob, s.invitation.id);
      expect(await settled(answer, 5_000)).toBe(true);
      const res = await answer;
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('ACTIVITY_FULL');
    });
    expect(await state(s.activity.id)).toEqual(before);
  });

  it('makes an accept that may succeed wait for the lock, and refuses it if the place went meanwhile', async () => {
    const s = await scene();
    const before = await state(s.activity.id);
    let answer: Promise<Awaited<ReturnType<typeof api.accept>>> | undefined;
    await t.db.transaction().execute(async (trx) => {
      await sql`SELECT 1 FROM activities WHERE id = ${s.activity.id} FOR UPDATE`.execute(trx);
      // Carol takes the last place while the accept waits.
      answer = api.accept(s.bob, s.invitation.id);
      expect(await settled(answer, 300)).toBe(false);
      await trx.updateTable('activities').set({ current_participants: 2 }).where('id', '=', s.activity.id).execute();
      await trx
        .insertInto('activity_participants')
        .values({
          activity_id: s.activity.id,
          user_id: s.carol.id,
          status: 'JOINED',
          joined_at: new Date(),
          created_at: new Date(),
        })
        .execute();
    });
    const res = await answer!;
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ACTIVITY_FULL');
    const after = await state(s.activity.id);
    expect(after.seats.joined).toEqual([s.alice.id, s.carol.id]);
    expect({ ...after, seats: undefined }).toEqual({ ...before, seats: undefined });
  });

  it('gives the place to an accept that waited for the lock when it is still free', async () => {
    const s = await scene();
    let answer: Promise<Awaited<ReturnType<typeof api.accept>>> | undefined;
    await t.db.transaction().execute(async (trx) => {
      await sql`SELECT 1 FROM activities WHERE id = ${s.activity.id} FOR UPDATE`.execute(trx);
      answer = api.accept(s.bob, s.invitation.id);
      expect(await settled(answer, 300)).toBe(false);
    });
    const res = await answer!;
    expect(res.statusCode).toBe(200);
    expect(res.json<Invitation>().status).toBe('ACCEPTED');
    expect((await seatsOf(t.db, s.activity.id)).joined).toEqual([s.alice.id, s.bob.id]);
  });
});
