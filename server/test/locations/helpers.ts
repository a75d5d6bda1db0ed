import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { cellCentre, cellOf, type Point } from '../../src/modules/locations/grid.js';
import type { TestUser } from '../helpers/factories.js';

export interface Placement extends Point {
  id: number;
  seenAt: Date;
}

/** Positions straight into the table, published at the cell of the point (for bulk data). */
export async function placeUsers(db: Kysely<DB>, placements: Placement[]): Promise<void> {
  if (placements.length === 0) return;
  const rows = placements.map((p) => {
    const cell = cellOf(p.lat, p.lon);
    const centre = cellCentre(cell);
    return {
      user_id: p.id,
      last_latitude: p.lat,
      last_longitude: p.lon,
      last_fix_at: p.seenAt,
      last_seen_at: p.seenAt,
      cell_row: cell.row,
      cell_col: cell.col,
      cell_latitude: centre.lat,
      cell_longitude: centre.lon,
      published_at: p.seenAt,
    };
  });
  await db.insertInto('user_positions').values(rows).execute();
}

export function postFix(
  app: FastifyInstance,
  user: TestUser,
  fix: { latitude: number; longitude: number; accuracy?: number; recordedAt?: string; userId?: number },
) {
  return app.inject({ method: 'POST', url: '/locations/', headers: user.auth, payload: fix });
}

export async function rowCounts(db: Kysely<DB>): Promise<{ locations: number; positions: number }> {
  const count = async (table: 'locations' | 'user_positions') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { locations: await count('locations'), positions: await count('user_positions') };
}

export interface NearbyItem {
  user: { id: number } & Record<string, unknown>;
  distance: { label: string; minMeters: number; maxMeters: number | null } | null;
}

/** Every page of a nearby search, checking that each page is well-formed. */
export async function allNearbyPages(
  app: FastifyInstance,
  user: TestUser,
  query: Record<string, string | number>,
): Promise<{ items: NearbyItem[]; pages: number }> {
  const items: NearbyItem[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
    if (cursor) params.set('cursor', cursor);
    const res = await app.inject({ method: 'GET', url: `/users/nearby?${params}`, headers: user.auth });
    if (res.statusCode !== 200) throw new Error(`nearby failed: ${res.statusCode} ${res.body}`);
    const body = res.json<{ items: NearbyItem[]; nextCursor: string | null }>();
    items.push(...body.items);
    cursor = body.nextCursor;
    pages += 1;
    if (pages > 1000) throw new Error('too many pages');
  } while (cursor);
  return { items, pages };
}

/** A small seeded generator, so a failing random layout can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
