/**
 * GET /users/nearby over many located users on PostgreSQL: the HTTP route
 * closed loop under autocannon (throughput, against the route's own SQL
 * under pgbench in the same run) and open loop at a fixed rate (latency).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { ORDERED_SCAN_SETTINGS } from '../../../server/src/db/ordered-scans.js';
import type { DB } from '../../../server/src/db/schema.js';
import { cellCentre, cellOf } from '../../../server/src/modules/locations/grid.js';
import { nearbyQuery } from '../../../server/src/modules/locations/repository.js';
import { postJson } from '../lib/api.js';
import { seededDatabase, withoutSecondaryIndexes } from '../lib/database.js';
import { httpLoad } from '../lib/http-load.js';
import { httpOpenLoop } from '../lib/http-open-loop.js';
import { pgbench } from '../lib/pgbench.js';
import { httpFigures, openLoopFigures, pgbenchFigures, type ScenarioResult } from '../lib/report.js';
import { setting } from '../lib/scale.js';
import { seedUsers } from '../lib/seed-users.js';
import { startServer } from '../lib/server-process.js';
import { inlineParameters } from '../lib/sql-literal.js';

const USERS = setting('BENCH_USERS', 1_000_000, 10_000);
const SECONDS = setting('BENCH_NEARBY_SECONDS', 15, 3);
const CONNECTIONS = setting('BENCH_CONNECTIONS', 10, 4);
/**
 * The open-loop rate: a million users of whom a tenth search about seven
 * times in the evening's busiest hour make ~200 searches a second.
 */
const RATE = setting('BENCH_NEARBY_RATE', 200, 50);
/** Keep-alive connections the open loop may use; requests beyond them wait, and the wait counts. */
const OPEN_LOOP_CONNECTIONS = 64;
const VIEWERS = 20;
const RADIUS = 5000;
const LIMIT = 20;
/** A reused seed keeps its positions' times, so "seen recently" must reach back far enough. */
const RECENT_MINUTES = 60 * 24 * 365;
const TARGET_P99_MS = 20;
// Spread evenly over a metropolitan disc 60 km across (1,000,000 users: ~350 per km², ~90 per cell).
const CENTRE = { lat: 52.52, lon: 13.405 };
const SPREAD_DEGREES = 0.27;

export function randomPoint(): { lat: number; lon: number } {
  const r = Math.sqrt(Math.random()) * SPREAD_DEGREES;
  const a = Math.random() * 2 * Math.PI;
  return {
    lat: CENTRE.lat + r * Math.sin(a),
    lon: CENTRE.lon + (r * Math.cos(a)) / Math.cos((CENTRE.lat * Math.PI) / 180),
  };
}

/**
 * `count` users (one statement) with a position each, written by arrays of
 * 50,000 rows; the published cell comes from the server's own grid code.
 */
export async function seedLocatedUsers(db: Kysely<DB>, count: number): Promise<void> {
  await sql`INSERT INTO users (email, password_hash, display_name, interests)
    SELECT 'located' || i || '@example.com', 'not a hash', 'Located user ' || i, ARRAY['coffee', 'hiking']
    FROM generate_series(1, ${count}::int) AS i`.execute(db);
  const ids = (await db.selectFrom('users').select('id').orderBy('id').execute()).map((r) => r.id);
  await withoutSecondaryIndexes(db, 'user_positions', () => seedPositions(db, ids).then(() => undefined));
}

/** A position seen now for each of these users, at a random point of the disc; returns the points. */
export async function seedPositions(db: Kysely<DB>, userIds: number[]): Promise<{ lat: number; lon: number }[]> {
  const now = new Date();
  const points: { lat: number; lon: number }[] = [];
  for (let start = 0; start < userIds.length; start += 50_000) {
    const rows = userIds.slice(start, start + 50_000).map((id) => {
      const p = randomPoint();
      points.push(p);
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
  return points;
}

export async function nearbyScenario(): Promise<ScenarioResult> {
  const { url, db, seedNote } = await seededDatabase(
    'nearby',
    `located users: ${USERS}`,
    `${USERS.toLocaleString('en')} users`,
    (d) => seedLocatedUsers(d, USERS),
  );
  const secret = randomBytes(32).toString('hex');
  const server = await startServer({
    DATABASE_URL: url,
    JWT_SECRET: secret,
    NEARBY_RECENT_MINUTES: String(RECENT_MINUTES),
    RATE_LIMIT_NEARBY_PER_MINUTE: '100000000',
    RATE_LIMIT_LOCATIONS_PER_MINUTE: '100000',
  });
  try {
    const viewers = (await seedUsers(db, secret, 'viewer', VIEWERS)).map((v) => ({ ...v, point: randomPoint() }));
    for (const v of viewers) {
      await postJson(
        `${server.url}/locations/`,
        { latitude: v.point.lat, longitude: v.point.lon, accuracy: 10 },
        v.token,
      );
    }
    const requests = viewers.map((v) => ({
      path: `/users/nearby?radius=${RADIUS}&limit=${LIMIT}`,
      headers: { authorization: `Bearer ${v.token}` },
    }));
    await httpLoad({ url: server.url, connections: CONNECTIONS, seconds: 2, requests }); // warm-up
    const http = await httpLoad({
      url: server.url,
      connections: CONNECTIONS,
      seconds: SECONDS,
      requests,
      serverPid: server.pid,
    });
    const openLoopAt = (seconds: number) =>
      httpOpenLoop({
        url: server.url,
        rate: RATE,
        seconds,
        requests: viewers.map((v) => ({ path: `/users/nearby?radius=${RADIUS}&limit=${LIMIT}`, token: v.token })),
        serverPid: server.pid,
        connections: OPEN_LOOP_CONNECTIONS,
        drainSeconds: 5,
      });
    // Like each chat rate: 2 s at the rate first, not counted, so the window starts from the steady state
    // rather than from the backlog the closed loop left behind.
    await openLoopAt(2);
    const open = await openLoopAt(SECONDS);

    // The statement the route runs, for each viewer, in sessions with the planner settings of the server's pool.
    const seenSince = new Date(Date.now() - RECENT_MINUTES * 60_000);
    const scripts = viewers.map((v) => {
      const centre = cellCentre(cellOf(v.point.lat, v.point.lon));
      const query = nearbyQuery(db, { viewerId: v.id, centre, radiusMeters: RADIUS, seenSince, limit: LIMIT });
      return `${inlineParameters(query.compile())};`;
    });
    const run = { clients: CONNECTIONS, threads: 2, seconds: SECONDS, settings: ORDERED_SCAN_SETTINGS };
    const reference = await pgbench(url, scripts, run);
    const prepared = await pgbench(url, scripts, { ...run, protocol: 'prepared' });
    return {
      scenario: 'nearby search',
      setup:
        `${USERS.toLocaleString('en')} located users over a disc 60 km across, GET /users/nearby?radius=${RADIUS}&limit=${LIMIT} ` +
        `for ${VIEWERS} viewers after 2 s warm-up: ${CONNECTIONS} connections closed loop for ${SECONDS} s (autocannon), ` +
        `then open loop at ${RATE} req/s for 2 s of warm-up and ${SECONDS} s, latency from each request's due time ` +
        `(by default 200 req/s, a million users' busiest hour: a tenth of them searching about seven times); ` +
        `pgbench: the route's compiled SQL in sessions with the server pool's planner settings, with as many clients ` +
        `as the closed loop for as long, in its default (simple) protocol, judged, and with statements prepared ` +
        `(\`-M prepared\`, as the server runs them), shown`,
      rows: [
        {
          label: `${USERS.toLocaleString('en')} users, HTTP closed loop`,
          figures: httpFigures(http),
          reference: {
            label: 'pgbench',
            figures: pgbenchFigures(reference, prepared),
          },
          target: 'req/s ≥ ½ pgbench',
          met: http.rps >= reference.tps / 2 && http.non2xx + http.errors === 0,
        },
        {
          label: `${USERS.toLocaleString('en')} users, HTTP open loop at ${RATE} req/s`,
          figures: openLoopFigures(open),
          target: `p99 ≤ ${TARGET_P99_MS} ms`,
          met: open.p99Ms <= TARGET_P99_MS && open.errors === 0,
        },
      ],
      notes: [seedNote],
    };
  } finally {
    await server.stop();
    await db.destroy();
  }
}
