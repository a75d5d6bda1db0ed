/**
 * `BENCH_SCALE=smoke` shrinks every scenario to tiny sizes and short runs, to
 * check the suite end to end in a few minutes; the figures then mean nothing.
 */
export const smoke = (process.env.BENCH_SCALE ?? 'full') === 'smoke';
if (!['full', 'smoke'].includes(process.env.BENCH_SCALE ?? 'full'))
  throw new Error('BENCH_SCALE must be full or smoke');

/** A number from the environment, or the default of the current scale. */
export function setting(name: string, full: number, smokeValue: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return smoke ? smokeValue : full;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

/** A comma-separated list of numbers from the environment, or the default of the current scale. */
export function listSetting(name: string, full: number[], smokeValue: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return smoke ? smokeValue : full;
  const values = raw.split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new Error(`${name} must list positive numbers`);
  return values;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
