import pg from 'pg';

/** The same URL with every connection's search_path set to `schema`, then `public` (for the extensions). */
export function withSearchPath(url: string, schema: string): string {
  const options = encodeURIComponent(`-c search_path=${schema},public`);
  return `${url}${url.includes('?') ? '&' : '?'}options=${options}`;
}

/** Runs statements on the test project's PostgreSQL (DATABASE_URL) with a short-lived connection. */
export async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
