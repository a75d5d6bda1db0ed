import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { DB } from '../../../server/src/db/schema.js';

/**
 * Runs `work` on a database handle that records every statement it sends,
 * with its parameters, in order: the reference replays what the server's own
 * code issued rather than a hand-written copy of it.
 */
export async function captureStatements(
  url: string,
  work: (db: Kysely<DB>) => Promise<unknown>,
): Promise<CompiledQuery[]> {
  const statements: CompiledQuery[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    log: (event) => {
      if (event.level === 'query') statements.push(event.query);
    },
  });
  try {
    await work(db);
  } finally {
    await db.destroy();
  }
  return statements;
}
