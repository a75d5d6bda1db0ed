/**
 * The benchmark suite: every scenario in turn against PostgreSQL (and Redis),
 * one table of figures beside their reference and target, and the same as
 * JSON in .bench-results/suite.json.
 *
 *   npm run bench                       (from the repository root; builds the server first)
 *   BENCH_ONLY=chat,nearby npm run bench
 *   BENCH_SCALE=smoke npm run bench     (tiny sizes, to check the suite works)
 */
import { cpus, totalmem } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { suiteTable, type ScenarioResult } from './lib/report.js';
import { smoke } from './lib/scale.js';
import { acceptStormScenario } from './scenarios/accept-storm.js';
import { chatScenario } from './scenarios/chat.js';
import { connectionsScenario } from './scenarios/connections.js';
import { eveningRushScenario } from './scenarios/evening-rush.js';
import { historyScenario } from './scenarios/history.js';
import { nearbyScenario } from './scenarios/nearby.js';

const scenarios: Record<string, () => Promise<ScenarioResult>> = {
  chat: chatScenario,
  connections: connectionsScenario,
  nearby: nearbyScenario,
  accept: acceptStormScenario,
  history: historyScenario,
  rush: eveningRushScenario,
};

const only = (process.env.BENCH_ONLY ?? Object.keys(scenarios).join(',')).split(',').map((s) => s.trim());
for (const name of only) {
  if (!(name in scenarios)) throw new Error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);
}

function machine(): Record<string, string | number> {
  const postgres = (() => {
    try {
      return execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgresClient: postgres,
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  console.log(
    `Benchmark suite (${smoke ? 'smoke scale: the figures mean nothing' : 'full scale'}): ${only.join(', ')}`,
  );
  const results: ScenarioResult[] = [];
  const failures: { scenario: string; error: string }[] = [];
  for (const name of only) {
    const began = performance.now();
    console.log(`\n▶ ${name}`);
    try {
      const result = await scenarios[name]!();
      results.push(result);
      console.log(`  done in ${((performance.now() - began) / 1000).toFixed(0)} s`);
    } catch (error) {
      // One broken scenario must not cost the figures of the others.
      console.error(`  ${name} failed:`, error);
      failures.push({ scenario: name, error: String(error) });
    }
  }
  console.log('');
  for (const r of results) console.log(`${r.scenario}: ${r.setup}`);
  console.log('');
  console.log(suiteTable(results));
  const notes = results.flatMap((r) => r.notes.map((n) => `${r.scenario}: ${n}`));
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
  for (const f of failures) console.log(`\n${f.scenario} FAILED: ${f.error}`);
  await mkdir('.bench-results', { recursive: true });
  await writeFile(
    '.bench-results/suite.json',
    `${JSON.stringify({ startedAt, scale: smoke ? 'smoke' : 'full', machine: machine(), results, failures }, null, 2)}\n`,
  );
  console.log('\nWritten to bench/.bench-results/suite.json');
  if (failures.length > 0) process.exitCode = 1;
}

await main();
