import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

/**
 * A fingerprint of every table of the test's schema: its row count and a hash
 * of all its rows, so any insert, update or delete shows. The test data is
 * small, so hashing whole tables is cheap.
 */
export async function databaseDigest(db: Kysely<DB>, except: string[] = []): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
    ORDER BY table_name`.execute(db);
  const digest: Record<string, string> = {};
  for (const { name } of tables.rows.filter((table) => !except.includes(table.name))) {
    const row = await sql<{ n: string | number; hash: string | null }>`
      SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash
      FROM ${sql.table(name)} AS t`.execute(db);
    digest[name] = `${row.rows[0]?.n}:${row.rows[0]?.hash ?? '-'}`;
  }
  return digest;
}
