import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Statements with parameters go to PostgreSQL as named prepared statements:
 * a connection parses each distinct statement once and keeps its plan
 * (PostgreSQL plans again only where the values make a custom plan worth
 * it). Sent unnamed instead (pg's default for a query with parameters),
 * every execution parses, plans and frees its plan again: a history page cost
 * PostgreSQL more than twice the CPU.
 *
 * Names are given per distinct SQL text, up to `limit` of them per process;
 * later texts go unnamed. Lists of values therefore go as one array
 * parameter (`= any($1)`), not as `in ($1, $2, …)`, whose text changes with
 * the list's length. pg parses a name on a connection the first time the
 * connection runs it.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly limit = 500) {}

  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.limit) {
      name = `ib${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }
}

/**
 * PostgreSQL refuses to run a prepared statement whose result columns a
 * schema change altered (a migration by a newer instance, say). Such a
 * connection is closed instead of returned to the pool, so the next query
 * prepares afresh on a new one.
 */
const isStaleStatement = (error: unknown): boolean =>
  (error as { code?: string }).code === '0A000' &&
  String((error as Error).message).includes('cached plan must not change result type');

/** A pg pool as Kysely sees it, whose connections run statements with parameters as named ones. */
export class NamedStatementPool implements PostgresPool {
  private readonly clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly names: StatementNames,
  ) {}

  get options(): object {
    return this.pool.options;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    let wrapped = this.clients.get(client);
    if (!wrapped) {
      wrapped = this.wrap(client);
      this.clients.set(client, wrapped);
    }
    return wrapped;
  }

  end(): Promise<void> {
    return this.pool.end();
  }

  private wrap(client: pg.PoolClient): PostgresPoolClient {
    const { names } = this;
    let stale = false;
    return {
      query: (async <R>(text: string, values: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
        const name = values.length > 0 ? names.nameOf(text) : undefined;
        try {
          const config = name ? { name, text, values: values as unknown[] } : { text, values: values as unknown[] };
          return (await client.query(config)) as unknown as PostgresQueryResult<R>;
        } catch (error) {
          if (isStaleStatement(error)) stale = true;
          throw error;
        }
      }) as PostgresPoolClient['query'],
      release: (destroy?: boolean) => {
        if (stale) this.clients.delete(client);
        client.release(destroy || stale);
      },
    };
  }
}
