import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverRoot } from './server-process.js';

const flagsModule = join(serverRoot, 'src', 'v8-flags.ts');

/**
 * Keeps objects of one literal site alive across young-generation collections,
 * as in-flight requests do, with V8 tracing its pretenuring decisions; gives
 * the number of decision rounds it printed.
 */
function pretenuringRounds(importFlags: boolean): number {
  const program = `${importFlags ? `await import(${JSON.stringify(flagsModule)});` : ''}
    const live = [];
    const row = (i) => ({ id: i, text: 'row ' + i });
    for (let i = 0; i < 2_000_000; i++) {
      live.push(row(i));
      if (live.length > 200_000) live.splice(0, 100_000);
    }`;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--trace-pretenuring-statistics', '--input-type=module', '-e', program],
    { cwd: serverRoot, encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((line) => line.includes('pretenuring:')).length;
}

describe('the server process V8 flags', () => {
  it('turn off allocation-site pretenuring, which V8 otherwise runs on such a load', () => {
    expect(pretenuringRounds(false)).toBeGreaterThan(0);
    expect(pretenuringRounds(true)).toBe(0);
  });
});
