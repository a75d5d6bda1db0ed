import { afterEach, describe, expect, it } from 'vitest';
import { fromDateTimeLocal, toDateTimeLocal } from './datetime-local';

const originalZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalZone;
});

describe('datetime-local conversion', () => {
  it.each([
    ['UTC', '2026-05-01T18:30', '2026-05-01T18:30:00.000Z'],
    ['Europe/Paris', '2026-05-01T18:30', '2026-05-01T16:30:00.000Z'],
    ['America/New_York', '2026-01-15T09:00', '2026-01-15T14:00:00.000Z'],
    ['Asia/Kolkata', '2026-05-01T00:15', '2026-04-30T18:45:00.000Z'],
    ['Pacific/Chatham', '2026-12-31T23:59', '2026-12-31T10:14:00.000Z'],
  ])('reads a wall-clock time in %s as the instant it names', (zone, local, iso) => {
    process.env.TZ = zone;
    expect(fromDateTimeLocal(local)?.toISOString()).toBe(iso);
    expect(toDateTimeLocal(iso)).toBe(local);
  });

  it('shows the same instant as different wall-clock times in different zones', () => {
    const instant = '2026-07-04T23:30:00.000Z';
    process.env.TZ = 'America/Los_Angeles';
    expect(toDateTimeLocal(instant)).toBe('2026-07-04T16:30');
    process.env.TZ = 'Australia/Sydney';
    expect(toDateTimeLocal(instant)).toBe('2026-07-05T09:30');
  });

  it('refuses a time skipped when clocks go forward instead of moving it by an hour', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(fromDateTimeLocal('2026-03-29T02:30')).toBeNull();
    expect(fromDateTimeLocal('2026-03-29T03:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('accepts a time repeated when clocks go back', () => {
    process.env.TZ = 'Europe/Berlin';
    const instant = fromDateTimeLocal('2026-10-25T02:30');
    expect(instant).not.toBeNull();
    expect(toDateTimeLocal(instant!)).toBe('2026-10-25T02:30');
  });

  it('refuses empty, malformed and impossible values', () => {
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('tomorrow')).toBeNull();
    expect(fromDateTimeLocal('2026-02-30T10:00')).toBeNull();
    expect(fromDateTimeLocal('2026-05-01T24:30')).toBeNull();
    expect(toDateTimeLocal('not a date')).toBe('');
  });

  it('keeps seconds a browser may add', () => {
    process.env.TZ = 'UTC';
    expect(fromDateTimeLocal('2026-05-01T18:30:15')?.toISOString()).toBe('2026-05-01T18:30:15.000Z');
  });
});
