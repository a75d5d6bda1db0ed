import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sessionOptions } from '../../../server/src/db/session-options.js';
import { percentile } from './stats.js';

const run = promisify(execFile);

export interface PgbenchResult {
  tps: number;
  p50Ms: number;
  p99Ms: number;
  transactions: number;
  failed: number;
}

/**
 * Runs a SQL script through pgbench (the database's own load generator) and
 * reads per-transaction latencies from its log, so percentiles compare with
 * the HTTP figures.
 */
export async function pgbench(
  url: string,
  /** One or more scripts; pgbench picks among them at random, equally weighted. */
  scripts: string[],
  options: {
    clients: number;
    threads: number;
    /** Run for this long, or run `transactions` per client. */
    seconds?: number;
    transactions?: number;
    /** Variables every client starts with (`--define`). */
    defines?: Record<string, string | number>;
    /** Settings every session starts with, as the server's pools give them (`PGOPTIONS`). */
    settings?: Record<string, string>;
    /** pgbench's protocol: `simple` (its default) or `prepared` (as the server runs its statements). */
    protocol?: 'simple' | 'prepared';
  },
): Promise<PgbenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'icebreaker-pgbench-'));
  try {
    const files: string[] = [];
    for (const [i, script] of scripts.entries()) {
      const file = join(dir, `script-${i}.sql`);
      await writeFile(file, script);
      files.push(`--file=${file}@1`);
    }
    const { stdout } = await run(
      'pgbench',
      [
        '--no-vacuum',
        `--protocol=${options.protocol ?? 'simple'}`,
        `--client=${options.clients}`,
        `--jobs=${options.threads}`,
        options.transactions === undefined
          ? `--time=${options.seconds ?? 10}`
          : `--transactions=${options.transactions}`,
        ...Object.entries(options.defines ?? {}).map(([name, value]) => `--define=${name}=${value}`),
        ...files,
        '--log',
        `--log-prefix=${join(dir, 'log')}`,
        url,
      ],
      {
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          PGOPTIONS: sessionOptions(options.settings ?? {}),
        },
      },
    );
    const latenciesMs: number[] = [];
    for (const name of await readdir(dir)) {
      if (!name.startsWith('log')) continue;
      for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
        // client_id transaction_no time(us) script_no time_epoch time_us
        const micros = Number(line.split(' ')[2]);
        if (Number.isFinite(micros)) latenciesMs.push(micros / 1000);
      }
    }
    latenciesMs.sort((a, b) => a - b);
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? 0);
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    return {
      tps,
      p50Ms: percentile(latenciesMs, 50),
      p99Ms: percentile(latenciesMs, 99),
      transactions: latenciesMs.length,
      failed,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Keeps a reference script beside the results, to read or rerun by hand (`pgbench -f`). */
export async function keepScript(name: string, script: string): Promise<void> {
  await mkdir('.bench-results', { recursive: true });
  await writeFile(join('.bench-results', `${name}.pgbench.sql`), `${script}\n`);
}
