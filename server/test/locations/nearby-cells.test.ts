import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { migrations } from '../../src/db/migrations/index.js';
import { cellOf } from '../../src/modules/locations/grid.js';
import { insertUsers, registerUser, type TestUser } from '../helpers/factories.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { allNearbyPages, placeUsers, postFix } from './helpers.js';
import { offset } from './nearby-data.js';

let t: TestApp;
let viewer: TestUser;
const home = { lat: 45.4642, lon: 9.19 };

beforeAll(async () => {
  const defaults = loadConfig({});
  t = await startTestApp({
    rateLimits: { ...defaults.rateLimits, locationsPerMinute: 10_000, nearbyPerMinute: 10_000 },
  });
  viewer = await registerUser(t.app);
  await postFix(t.app, viewer, { latitude: home.lat, longitude: home.lon, accuracy: 5 });
});
afterAll(() => t.close());

const cellKey = (c: { row: number; col: number }) => `${c.row}:${c.col}`;

async function recordedCells(): Promise<string[]> {
  const rows = await t.db.selectFrom('position_cells').select(['cell_row', 'cell_col']).execute();
  return rows.map((r) => cellKey({ row: r.cell_row, col: r.cell_col })).sort();
}

async function nearbyIds(radius = 20_000): Promise<number[]> {
  return (await allNearbyPages(t.app, viewer, { radius, limit: 100 })).items.map((i) => i.user.id);
}

describe('the inhabited cells that nearby searches walk', () => {
  it('records each published cell once, whether the API or a bulk insert wrote the position', async () => {
    const spots = [offset(home, 3000, 0), offset(home, 3010, 5), offset(home, -4000, 2500)];
    const ids = await insertUsers(t.db, 3);
    await placeUsers(
      t.db,
      ids.map((id, i) => ({ id, ...spots[i]!, seenAt: t.clock.now() })),
    );
    const expected = new Set([home, ...spots].map((p) => cellKey(cellOf(p.lat, p.lon))));
    expect(await recordedCells()).toEqual([...expected].sort());
    expect((await nearbyIds()).sort((a, b) => a - b)).toEqual(ids);
  });

  it('finds a user at the cell they moved to, and no longer at the one they left', async () => {
    const mover = await registerUser(t.app);
    const before = offset(home, 1500, -1500);
    const after = offset(home, -9000, 9000);
    expect((await postFix(t.app, mover, { latitude: before.lat, longitude: before.lon })).statusCode).toBe(201);
    expect(await nearbyIds(3000)).toContain(mover.id);

    t.clock.advance(10 * 60_000);
    expect((await postFix(t.app, mover, { latitude: after.lat, longitude: after.lon })).statusCode).toBe(201);
    await postFix(t.app, viewer, { latitude: home.lat, longitude: home.lon, accuracy: 5 });
    expect(await recordedCells()).toContain(cellKey(cellOf(after.lat, after.lon)));
    expect(await nearbyIds(3000)).not.toContain(mover.id);
    expect(await nearbyIds(20_000)).toContain(mover.id);
  });

  it('are rebuilt from the stored positions when the migration runs on existing data', async () => {
    const migrator = new Migrator({
      db: t.db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
      migrationTableSchema: (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(t.db)).rows[0]!.s,
    });
    const positions = await t.db.selectFrom('user_positions').select(['cell_row', 'cell_col']).execute();
    const inhabited = new Set(positions.map((p) => cellKey({ row: p.cell_row!, col: p.cell_col! })));
    const found = await nearbyIds();
    expect((await migrator.migrateTo('0005-connections-ratings')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    // The cell the mover left is gone: only cells someone is in now.
    expect(await recordedCells()).toEqual([...inhabited].sort());
    expect(await nearbyIds()).toEqual(found);
  });
});
