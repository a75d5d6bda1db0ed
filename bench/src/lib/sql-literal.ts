import type { CompiledQuery } from 'kysely';

/**
 * Inlines a compiled query's parameters as SQL literals, so pgbench runs the
 * very statement the server sends (pgbench scripts take no bind values).
 * A parameter (or array element) equal to a key of `variables` becomes that
 * pgbench variable (`:name`) instead, so one captured statement can replay
 * with other ids.
 */
export function inlineParameters(query: CompiledQuery, variables: Map<unknown, string> = new Map()): string {
  let text = query.sql;
  for (let i = query.parameters.length; i >= 1; i -= 1) {
    text = text.replaceAll(`$${i}`, literal(query.parameters[i - 1], variables));
  }
  return text.replace(/\s+/g, ' ');
}

function literal(value: unknown, variables: Map<unknown, string>): string {
  const variable = variables.get(value);
  if (variable !== undefined) return `:${variable}`;
  if (Array.isArray(value)) return `'{${value.map((v) => arrayElement(v, variables)).join(',')}}'`;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString()}'::timestamptz`;
  if (value === null || value === undefined) return 'NULL';
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** An element of an array literal `'{…}'`: strings double-quoted, variables substituted as text. */
function arrayElement(value: unknown, variables: Map<unknown, string>): string {
  const variable = variables.get(value);
  if (variable !== undefined) return `:${variable}`;
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return `"${value.toISOString()}"`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll("'", "''")}"`;
}
