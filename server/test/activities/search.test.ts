import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { activityClient, createActivity, createUsers, join, type Activity, type Actor } from './helpers.js';

let t: TestApp;
let api: ReturnType<typeof activityClient>;
let alice: Actor;
let bob: Actor;
let carol: Actor;
let viewer: Actor;
const made: Record<string, Activity> = {};

const HOUR = 3_600_000;
const at = (hours: number): string => new Date(Date.parse('2026-06-01T12:00:00.000Z') + hours * HOUR).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  api = activityClient(t);
  [alice, bob, carol, viewer] = (await createUsers(t, 4)) as [Actor, Actor, Actor, Actor];
  // Paris, the Louvre about 3 km from Notre-Dame's neighbour; Lyon far away.
  made.coffee = await createActivity(t, alice, {
    title: 'Morning coffee',
    tags: ['coffee', 'social'],
    startTime: at(1),
    endTime: at(2),
    latitude: 48.8606,
    longitude: 2.3376,
  });
  made.run = await createActivity(t, alice, {
    title: 'Park run',
    description: 'An easy jog',
    tags: ['sport'],
    startTime: at(3),
    endTime: at(4),
    latitude: 48.853,
    longitude: 2.3499,
  });
  made.lyon = await createActivity(t, bob, {
    title: 'Board games',
    location: 'Café Ludique',
    tags: ['games', 'social'],
    startTime: at(5),
    endTime: at(8),
    latitude: 45.764,
    longitude: 4.8357,
  });
  made.nowhere = await createActivity(t, bob, { title: 'Online chat', tags: [], startTime: at(6), endTime: at(7) });
  made.cancelled = await createActivity(t, carol, { title: 'Cancelled picnic', startTime: at(2), endTime: at(3) });
  await api.cancel(carol, made.cancelled.id);
  await join(t, carol, made.run.id);
});
afterAll(() => t.close());

const search = async (query: string, as: Actor = viewer): Promise<number[]> => {
  const res = await api.list(as, query);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Activity[] }>().items.map((a) => a.id);
};
const ids = (...names: string[]): number[] => names.map((n) => made[n]!.id);

describe('GET /activities/', () => {
  it('lists open activities soonest first, without cancelled ones', async () => {
    expect(await search('')).toEqual(ids('coffee', 'run', 'lyon', 'nowhere'));
  });

  it('lists cancelled (and finished) ones with active=false', async () => {
    expect(await search('?active=false')).toEqual(ids('cancelled'));
  });

  it('finds text in the title, description or location, ignoring case', async () => {
    expect(await search('?q=COFFEE')).toEqual(ids('coffee'));
    expect(await search('?q=easy')).toEqual(ids('run'));
    expect(await search('?q=ludique')).toEqual(ids('lyon'));
    expect(await search('?q=%25')).toEqual([]);
  });

  it('matches any of the tags given', async () => {
    expect(await search('?tags=social')).toEqual(ids('coffee', 'lyon'));
    expect(await search('?tags=Sport,games')).toEqual(ids('run', 'lyon'));
  });

  it('keeps activities overlapping a time window', async () => {
    expect(await search(`?from=${at(3.5)}`)).toEqual(ids('run', 'lyon', 'nowhere'));
    expect(await search(`?to=${at(3)}`)).toEqual(ids('coffee'));
    expect(await search(`?from=${at(1.5)}&to=${at(5.5)}`)).toEqual(ids('coffee', 'run', 'lyon'));
  });

  it('finds activities within a distance of a point, leaving out those without coordinates', async () => {
    expect(await search('?lat=48.8606&lon=2.3376&radius=500')).toEqual(ids('coffee'));
    expect(await search('?lat=48.8606&lon=2.3376&radius=5000')).toEqual(ids('coffee', 'run'));
    expect(await search('?lat=48.8606&lon=2.3376')).toEqual(ids('coffee', 'run'));
    expect(await search('?lat=45.76&lon=4.83&radius=100000')).toEqual(ids('lyon'));
  });

  it('filters by creator, by participant, and to your own', async () => {
    expect(await search(`?creatorId=${bob.id}`)).toEqual(ids('lyon', 'nowhere'));
    expect(await search(`?participantId=${carol.id}`)).toEqual(ids('run'));
    expect(await search('?mine=true', carol)).toEqual(ids('run'));
    expect(await search('?mine=true&active=false', carol)).toEqual(ids('cancelled'));
    expect(await search('?mine=true')).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await search(`?tags=social&creatorId=${alice.id}`)).toEqual(ids('coffee'));
  });

  it('pages with an opaque cursor', async () => {
    const first = (await api.list(viewer, '?limit=3')).json<{ items: Activity[]; nextCursor: string }>();
    expect(first.items.map((a) => a.id)).toEqual(ids('coffee', 'run', 'lyon'));
    const second = (await api.list(viewer, `?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [made.nowhere], nextCursor: null });
  });

  it('leaves out activities of a blocked pair', async () => {
    const [dave] = await createUsers(t, 1);
    await t.app.inject({ method: 'POST', url: '/blocks/', headers: bob.auth, payload: { userId: dave!.id } });
    expect(await search('', dave)).toEqual(ids('coffee', 'run'));
  });

  it('drops activities from the open list once they are over', async () => {
    const [erin] = await createUsers(t, 1);
    const soon = await createActivity(t, erin!, { startTime: at(-1), endTime: at(0.1) });
    expect(await search(`?creatorId=${erin!.id}`)).toEqual([soon.id]);
    t.clock.set(at(0.1));
    expect(await search(`?creatorId=${erin!.id}`)).toEqual([]);
    expect(await search(`?creatorId=${erin!.id}&active=false`)).toEqual([soon.id]);
    t.clock.set(at(0));
  });

  it.each([
    ['a latitude without a longitude', '?lat=48.8'],
    ['a radius without a point', '?radius=100'],
    ['a radius too large', '?lat=1&lon=1&radius=1000000'],
    ['a bad time', '?from=yesterday'],
    ['a leap second', '?to=2026-06-30T23:59:60Z'],
    ['a NUL character', '?q=a%00b'],
    ['no tag', '?tags=%20'],
    ['a bad cursor', '?cursor=abc'],
    ['a limit too large', '?limit=101'],
    ['an unknown parameter', '?colour=red'],
  ])('refuses %s with 400', async (_case, query) => {
    const res = await api.list(viewer, query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
