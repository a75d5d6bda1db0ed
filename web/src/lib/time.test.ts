import { describe, expect, it } from 'vitest';
import { formatRelative, formatRemaining } from './time';

const at = (iso: string) => new Date(iso).getTime();

describe('formatRemaining', () => {
  const until = '2026-06-01T12:00:00.000Z';
  it.each([
    ['2026-06-01T11:59:48.000Z', '12 s'],
    ['2026-06-01T11:59:47.500Z', '13 s'],
    ['2026-06-01T11:57:51.000Z', '2 min 09 s'],
    ['2026-06-01T07:55:00.000Z', '4 h 05 min'],
    ['2026-05-30T09:00:00.000Z', '2 d 3 h'],
  ])('at %s says %s', (now, text) => {
    expect(formatRemaining(until, at(now))).toBe(text);
  });

  it('is null once the time has come', () => {
    expect(formatRemaining(until, at(until))).toBeNull();
    expect(formatRemaining(until, at('2026-06-01T12:00:01.000Z'))).toBeNull();
  });
});

describe('formatRelative', () => {
  it('says "just now" for the last few seconds, then minutes, hours and days', () => {
    const now = at('2026-06-01T12:00:00.000Z');
    expect(formatRelative('2026-06-01T11:59:30.000Z', now)).toBe('just now');
    expect(formatRelative('2026-06-01T11:55:00.000Z', now)).toMatch(/5 minutes ago/);
    expect(formatRelative('2026-06-01T15:00:00.000Z', now)).toMatch(/in 3 hours/);
    expect(formatRelative('2026-05-31T12:00:00.000Z', now)).toMatch(/yesterday|1 day ago/);
  });
});
