import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isoTimestamp, parseTimestamptz } from '../../src/db/timestamps.js';

const general = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (value: string) => Date;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A timestamptz written the way PostgreSQL writes it in ISO style. */
function written(date: Date, fractionDigits: number, offsetHours: number): string {
  const local = new Date(date.getTime() + offsetHours * 3_600_000);
  const micros = pad(local.getUTCMilliseconds() * 1000 + (((date.getTime() % 7) + 7) % 7) * 111, 6);
  const fraction = fractionDigits === 0 ? '' : `.${micros.slice(0, fractionDigits)}`;
  const offset = `${offsetHours < 0 ? '-' : '+'}${pad(Math.abs(offsetHours), 2)}`;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)} ` +
    `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}` +
    `${fraction}${offset}`
  );
}

/**
 * 20,000 timestamps between the years 100 and 9999 from a seeded generator,
 * written with every fraction length in turn and the whole-hour offset
 * `offset` picks for the n-th.
 */
function* writtenAtRandom(seed: number, offset: (random: () => number, n: number) => number): Generator<string> {
  const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < 20_000; n++) {
    const date = new Date(Date.UTC(100, 0, 1) + random() * (Date.UTC(9999, 11, 31) - Date.UTC(100, 0, 1)));
    yield written(date, n % 7, offset(random, n));
  }
}

describe('parseTimestamptz', () => {
  it('reads what the general parser reads, for every fraction length and whole-hour offset', () => {
    for (const text of writtenAtRandom(42, (random) => Math.floor(random() * 27) - 12)) {
      expect(parseTimestamptz(text).getTime(), text).toBe(general(text).getTime());
    }
  });

  it.each([
    '2026-11-29 09:00:00+00',
    '2026-11-29 09:00:00.5+00',
    '2026-11-29 09:00:00.123456-07',
    '2024-02-29 23:59:59.999999+14',
    '0099-12-31 23:00:00+00',
    '0044-03-15 12:00:00+00 BC',
    '2026-11-29 09:00:00+05:30',
    '1900-01-01 00:00:00+00:09:21',
    '12026-11-29 09:00:00+00',
    'infinity',
    '-infinity',
  ])('%s reads as the general parser reads it', (text) => {
    expect(parseTimestamptz(text)).toEqual(general(text));
  });
});

describe('isoTimestamp', () => {
  it('writes what the general parser reads, as an ISO string, for every fraction length and whole-hour offset', () => {
    // Mostly UTC, as sessions usually write times, and every other offset too.
    const offset = (random: () => number, n: number) => (n % 3 === 0 ? Math.floor(random() * 27) - 12 : 0);
    for (const text of writtenAtRandom(7, offset)) {
      expect(isoTimestamp(text), text).toBe(general(text).toISOString());
    }
  });

  it.each([
    '2026-11-29 09:00:00+00',
    '2026-11-29 09:00:00.5+00',
    '2026-11-29 09:00:00.12+00',
    '2026-11-29 09:00:00.999999+00',
    '2026-11-29 09:00:00.123456-07',
    '2026-11-29 09:00:00+05:30',
    '0099-12-31 23:00:00+00',
    '0044-03-15 12:00:00+00 BC',
    '12026-11-29 09:00:00+00',
  ])('%s is the ISO text of what the general parser reads', (text) => {
    expect(isoTimestamp(text)).toBe(general(text).toISOString());
  });

  it('refuses what no Date can hold, as the API would', () => {
    expect(() => isoTimestamp('infinity')).toThrow();
  });
});
