import type { CompiledQuery } from 'kysely';

/**
 * Inlines a compiled query's parameters as SQL literals, so pgbench runs the
 * very statement the server sends (pgbench scripts take no bind values).
 */
export function inlineParameters(query: CompiledQuery): string {
  let text = query.sql;
  for (let i = query.parameters.length; i >= 1; i -= 1) {
    text = text.replaceAll(`$${i}`, literal(query.parameters[i - 1]));
  }
  return text;
}

function literal(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString()}'::timestamptz`;
  if (value === null || value === undefined) return 'NULL';
  return `'${String(value).replaceAll("'", "''")}'`;
}
