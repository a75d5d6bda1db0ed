import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { DB } from './schema.js';

/** Stands in for a value while the query is compiled; its place in the parameters names the value. */
class Slot {
  constructor(readonly name: string) {}
}

/** Gives the stand-in of a named value, typed as the value so the builder type-checks as usual. */
export type Param<P> = <K extends keyof P & string>(name: K) => P[K];

/**
 * A query built with Kysely and compiled once, then run with each call's
 * values: building and compiling a query tree costs tens of microseconds of
 * CPU per call, more than PostgreSQL spends on a short indexed read. For the
 * hottest reads only; anything that changes the text (a direction, a
 * missing filter, a literal) is a shape of its own, so callers keep one
 * `ReusableQuery` per shape.
 *
 * `build` gets `param(name)` for every value that changes between calls;
 * anything else it uses is fixed into the compiled query. Both of our
 * dialects compile PostgreSQL's SQL, so the first handle's compilation
 * serves every handle and transaction.
 */
export class ReusableQuery<P extends Record<string, unknown>, R> {
  private compiled?: CompiledQuery<R>;

  constructor(private readonly build: (db: Kysely<DB>, param: Param<P>) => Compilable<R>) {}

  async execute(db: Kysely<DB>, values: P): Promise<R[]> {
    const query = (this.compiled ??= this.compile(db));
    const bound = query.parameters.map((p) => (p instanceof Slot ? values[p.name] : p));
    return (await db.executeQuery<R>({ ...query, parameters: bound })).rows;
  }

  private compile(db: Kysely<DB>): CompiledQuery<R> {
    const used = new Set<string>();
    const query = this.build(db, ((name: string) => {
      used.add(name);
      return new Slot(name);
    }) as Param<P>).compile();
    const placed = new Set(query.parameters.filter((p) => p instanceof Slot).map((p) => p.name));
    const lost = [...used].filter((name) => !placed.has(name));
    // A stand-in written into the text (sql.lit, say) would run every call with it.
    if (lost.length > 0) throw new Error(`Reusable query parameters not sent as parameters: ${lost.join(', ')}`);
    return query;
  }
}
