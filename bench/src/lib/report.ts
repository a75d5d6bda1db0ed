import type { HttpResult } from './http-load.js';
import type { OpenLoopResult } from './http-open-loop.js';
import type { PgbenchResult } from './pgbench.js';

/** Figures of one measured case, in display order; a number is formatted, a string shown as is. */
export type Figures = Record<string, number | string>;

/** One line of the suite's table: a case, its figures, the reference's figures, and the target it is judged by. */
export interface ResultRow {
  label: string;
  figures: Figures;
  /** The same work done by a reference in the same run (pgbench on the route's SQL), when there is one. */
  reference?: { label: string; figures: Figures };
  target?: string;
  /** Undefined when the row has no target. */
  met?: boolean;
}

export interface ScenarioResult {
  scenario: string;
  /** What ran, in a sentence: sizes, rates, durations. */
  setup: string;
  rows: ResultRow[];
  notes: string[];
}

/** An HTTP load's figures, as the read scenarios print them. */
export const httpFigures = (http: HttpResult): Figures => ({
  'req/s': http.rps,
  p50: `${http.p50Ms} ms`,
  p99: `${http.p99Ms} ms`,
  requests: http.requests,
  errors: http.non2xx + http.errors,
  'server CPU/req': `${http.serverCpuMsPerRequest.toFixed(2)} ms`,
});

/** An open-loop HTTP load's figures: the rate achieved, and latencies from each request's due time. */
export const openLoopFigures = (load: OpenLoopResult): Figures => ({
  'req/s': load.rps,
  p50: `${load.p50Ms} ms`,
  p95: `${load.p95Ms} ms`,
  p99: `${load.p99Ms} ms`,
  requests: load.requests,
  errors: load.errors,
  'server CPU/req': `${load.serverCpuMsPerRequest.toFixed(2)} ms`,
});

/** A pgbench reference's figures. */
export const pgbenchFigures = (reference: PgbenchResult, prepared?: PgbenchResult): Figures => ({
  'tx/s': reference.tps,
  p50: `${reference.p50Ms.toFixed(2)} ms`,
  p99: `${reference.p99Ms.toFixed(2)} ms`,
  ...(prepared ? { 'prepared tx/s': prepared.tps } : {}),
});

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (Number.isInteger(n)) return n.toLocaleString('en');
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(Math.abs(n) >= 10 ? 1 : 2);
}

export const formatFigures = (figures: Figures): string =>
  Object.entries(figures)
    .map(([name, value]) => `${name} ${typeof value === 'number' ? formatNumber(value) : value}`)
    .join(', ');

/** An aligned table that reads as plain text and renders as Markdown. */
export function table(headers: string[], rows: string[][]): string {
  const escape = (cell: string): string => cell.replaceAll('|', '\\|');
  const cells = [headers, ...rows].map((r) => r.map(escape));
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** The suite's one table: scenario, case, figures, reference, target, met. */
export function suiteTable(results: ScenarioResult[]): string {
  const rows = results.flatMap((s) =>
    s.rows.map((r) => [
      s.scenario,
      r.label,
      formatFigures(r.figures),
      r.reference ? `${r.reference.label}: ${formatFigures(r.reference.figures)}` : '—',
      r.target ?? '—',
      r.met === undefined ? '' : r.met ? 'met' : 'NOT MET',
    ]),
  );
  return table(['scenario', 'case', 'figures', 'reference (same run)', 'target', 'met'], rows);
}
