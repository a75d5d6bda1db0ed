/**
 * GET /users/nearby over many located users on PostgreSQL: the HTTP route
 * under autocannon, and the route's own SQL under pgbench, in the same run.
 *
 *   npm run bench:nearby            (BENCH_USERS, BENCH_SECONDS, BENCH_CONNECTIONS to change the load)
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../server/src/db/schema.js';
import { migrateToLatest } from '../../server/src/db/migrator.js';
import { cellCentre, cellOf } from '../../server/src/modules/locations/grid.js';
import { nearbyQuery } from '../../server/src/modules/locations/repository.js';
import { recreateDatabase } from './lib/database.js';
import { httpLoad } from './lib/http-load.js';
import { pgbench } from './lib/pgbench.js';
import { startServer } from './lib/server-process.js';
import { inlineParameters } from './lib/sql-literal.js';
import { table } from './lib/stats.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const VIEWERS = 20;
const RADIUS = 5000;
const LIMIT = 20;
// Spread evenly over a metropolitan disc 60 km across (100,000 users: ~35 per km², ~9 per cell).
const CENTRE = { lat: 52.52, lon: 13.405 };
const SPREAD_DEGREES = 0.27;

function randomPoint(): { lat: number; lon: number } {
  const r = Math.sqrt(Math.random()) * SPREAD_DEGREES;
  const a = Math.random() * 2 * Math.PI;
  return {
    lat: CENTRE.lat + r * Math.sin(a),
    lon: CENTRE.lon + (r * Math.cos(a)) / Math.cos((CENTRE.lat * Math.PI) / 180),
  };
}

async function seed(db: Kysely<DB>, count: number): Promise<void> {
  await sql`INSERT INTO users (email, password_hash, display_name, interests)
    SELECT 'bench' || i || '@example.com', 'x', 'Bench user ' || i, ARRAY['coffee', 'hiking']
    FROM generate_series(1, ${count}) AS i`.execute(db);
  const ids = (await db.selectFrom('users').select('id').orderBy('id').execute()).map((r) => r.id);
  const now = new Date();
  for (let start = 0; start < ids.length; start += 10_000) {
    const rows = ids.slice(start, start + 10_000).map((id) => {
      const p = randomPoint();
      const cell = cellOf(p.lat, p.lon);
      const c = cellCentre(cell);
      return { id, lat: p.lat, lon: p.lon, row: cell.row, col: cell.col, clat: c.lat, clon: c.lon };
    });
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    await sql`INSERT INTO user_positions (user_id, last_latitude, last_longitude, cell_row, cell_col,
        cell_latitude, cell_longitude, last_fix_at, last_seen_at, published_at)
      SELECT v.*, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz FROM (
        SELECT unnest(${col('id')}::int[]), unnest(${col('lat')}::float8[]), unnest(${col('lon')}::float8[]),
               unnest(${col('row')}::int[]), unnest(${col('col')}::int[]),
               unnest(${col('clat')}::float8[]), unnest(${col('clon')}::float8[])) AS v`.execute(db);
  }
  await sql`ANALYZE`.execute(db);
}

async function main(): Promise<void> {
  console.log(
    `Nearby benchmark: ${USERS.toLocaleString('en')} located users, ${SECONDS} s per run, ${CONNECTIONS} connections`,
  );
  const url = await recreateDatabase('icebreaker_bench_nearby');
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
  await migrateToLatest(db);
  const seededAt = Date.now();
  await seed(db, USERS);
  console.log(`seeded in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);

  const server = await startServer({
    DATABASE_URL: url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    RATE_LIMIT_NEARBY_PER_MINUTE: '100000000',
    RATE_LIMIT_REGISTER_PER_MINUTE: '100000',
    RATE_LIMIT_LOCATIONS_PER_MINUTE: '100000',
  });
  try {
    const viewers: { id: number; token: string; point: { lat: number; lon: number } }[] = [];
    for (let i = 0; i < VIEWERS; i += 1) {
      const registered = await fetch(`${server.url}/users/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `viewer${i}@example.com`,
          password: 'benchmark password',
          displayName: `Viewer ${i}`,
        }),
      }).then((r) => r.json() as Promise<{ user: { id: number }; accessToken: string }>);
      const point = randomPoint();
      const located = await fetch(`${server.url}/locations/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${registered.accessToken}` },
        body: JSON.stringify({ latitude: point.lat, longitude: point.lon, accuracy: 10 }),
      });
      if (!located.ok) throw new Error(`location update failed: ${located.status} ${await located.text()}`);
      viewers.push({ id: registered.user.id, token: registered.accessToken, point });
    }
    const requests = viewers.map((v) => ({
      path: `/users/nearby?radius=${RADIUS}&limit=${LIMIT}`,
      headers: { authorization: `Bearer ${v.token}` },
    }));
    const sample = await fetch(`${server.url}${requests[0]!.path}`, { headers: requests[0]!.headers });
    const sampleBody = (await sample.json()) as { items: unknown[] };
    console.log(`sample response: ${sample.status}, ${sampleBody.items.length} users`);

    await httpLoad({ url: server.url, connections: CONNECTIONS, seconds: 2, requests }); // warm-up
    const http = await httpLoad({ url: server.url, connections: CONNECTIONS, seconds: SECONDS, requests });

    // The same statement the route runs, for each viewer, inside the same transaction settings.
    const seenSince = new Date(Date.now() - 60 * 60_000);
    const scripts = viewers.map((v) => {
      const centre = cellCentre(cellOf(v.point.lat, v.point.lon));
      const query = nearbyQuery(db, {
        viewerId: v.id,
        centre,
        radiusMeters: RADIUS,
        seenSince,
        limit: LIMIT,
      }).compile();
      return [
        'BEGIN;',
        "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true);",
        `${inlineParameters(query).replace(/\s+/g, ' ')};`,
        'COMMIT;',
      ].join('\n');
    });
    const database = await pgbench(url, scripts, { clients: CONNECTIONS, threads: 2, seconds: SECONDS });

    console.log('');
    console.log(
      table(
        ['GET /users/nearby', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors'],
        [
          ['HTTP (autocannon)', http.rps, http.p50Ms, http.p99Ms, http.requests, http.non2xx + http.errors],
          ['same SQL (pgbench)', database.tps, database.p50Ms, database.p99Ms, database.transactions, 0],
        ],
      ),
    );
    await mkdir('.bench-results', { recursive: true });
    await writeFile(
      '.bench-results/nearby.json',
      `${JSON.stringify({ users: USERS, seconds: SECONDS, connections: CONNECTIONS, radius: RADIUS, limit: LIMIT, http, pgbench: database }, null, 2)}\n`,
    );
  } finally {
    await server.stop();
    await db.destroy();
  }
}

await main();
