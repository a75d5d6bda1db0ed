import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { NamedStatementPool, StatementNames } from './named-statements.js';
import { ORDERED_SCAN_SETTINGS } from './ordered-scans.js';
import type { DB } from './schema.js';
import { sessionOptions } from './session-options.js';
import { parseTimestamptz } from './timestamps.js';

export interface Database {
  db: Kysely<DB>;
  /**
   * PostgreSQL only: a pool of its own whose sessions leave an ordered index
   * scan as the only cheap plan (see ORDERED_SCAN_SETTINGS), so such a query
   * is one round trip instead of a transaction of four. Absent for PGlite.
   */
  orderedScans?: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** The embedded engine, when there is one (tests dump and load its data folder). */
  pglite?: PGlite;
  /** PostgreSQL's connection pool, for metrics; PGlite has none. */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export type DatabaseOptions =
  | {
      kind: 'postgres';
      url: string;
      poolSize: number;
      poolIdleSeconds?: number;
      /** Named prepared statements (see NamedStatementPool); on unless a pooler in between cannot keep them. */
      preparedStatements?: boolean;
      searchPath?: string;
    }
  /** `dataDir` is a folder, or `memory://` for a throwaway database. */
  | { kind: 'pglite'; dataDir: string; loadDataDir?: Blob };

interface PoolOptions {
  url: string;
  size: number;
  /** pg's own default (10 s) closes connections between the bursts of a steady load. */
  idleSeconds: number;
  settings: Record<string, string>;
}

function createPool({ url, size, idleSeconds, settings }: PoolOptions): pg.Pool {
  const options = sessionOptions(settings);
  const pool = new pg.Pool({
    connectionString: url,
    types: { getTypeParser: typeParsers },
    max: size,
    idleTimeoutMillis: idleSeconds * 1000,
    ...(options ? { options } : {}),
  });
  // A connection PostgreSQL drops (a restart, a failover) emits 'error',
  // which crashes the process unless someone listens: the pool does only
  // while the connection is idle, not while a transaction holds it between
  // two queries. A dead connection fails its query (the caller answers 503)
  // and is discarded on release; the next query opens a fresh one.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const searchPath: Record<string, string> = options.searchPath ? { search_path: options.searchPath } : {};
    const pooled = { url: options.url, size: options.poolSize, idleSeconds: options.poolIdleSeconds ?? 300 };
    const pool = createPool({ ...pooled, settings: searchPath });
    // Connections open on demand and close after the idle time, like the main pool's.
    const orderedPool = createPool({ ...pooled, settings: { ...searchPath, ...ORDERED_SCAN_SETTINGS } });
    const names = options.preparedStatements === false ? undefined : new StatementNames();
    const dialectOf = (p: pg.Pool) => new PostgresDialect({ pool: names ? new NamedStatementPool(p, names) : p });
    const db = new Kysely<DB>({ dialect: dialectOf(pool) });
    const orderedScans = new Kysely<DB>({ dialect: dialectOf(orderedPool) });
    return {
      db,
      orderedScans,
      kind: 'postgres',
      poolStats: () => ({
        total: pool.totalCount + orderedPool.totalCount,
        idle: pool.idleCount + orderedPool.idleCount,
        waiting: pool.waitingCount + orderedPool.waitingCount,
      }),
      close: async () => {
        await Promise.all([db.destroy(), orderedScans.destroy()]);
      },
    };
  }
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    extensions: { cube, earthdistance },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * bigint columns (sequences, counts) arrive as numbers, as PGlite gives them;
 * they stay far below 2^53. timestamptz columns take a faster parser.
 */
const parseInt8 = (value: string): number => Number(value);
const typeParsers = ((oid: number, format?: 'text' | 'binary') => {
  if (format !== 'binary' && oid === pg.types.builtins.INT8) return parseInt8;
  if (format !== 'binary' && oid === pg.types.builtins.TIMESTAMPTZ) return parseTimestamptz;
  return pg.types.getTypeParser(oid, format);
}) as typeof pg.types.getTypeParser;
