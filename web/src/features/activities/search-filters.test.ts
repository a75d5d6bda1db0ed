import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultFilters,
  endOfLocalDay,
  filtersFromSearchParams,
  filtersToSearchParams,
  startOfLocalDay,
  toListQuery,
} from './search-filters';

const originalZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalZone;
});

describe('activity search filters', () => {
  it('round-trips through the URL, leaving defaults out', () => {
    const filters = { ...defaultFilters, q: 'climb', tags: 'Outdoor, sport', mine: true, withinKm: 5 };
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe('q=climb&tags=outdoor%2Csport&mine=1&within=5');
    expect(filtersFromSearchParams(params)).toEqual({ ...filters, tags: 'outdoor,sport' });
    expect(filtersToSearchParams(defaultFilters).toString()).toBe('');
  });

  it('ignores values a hand-edited URL may carry', () => {
    const filters = filtersFromSearchParams(new URLSearchParams('from=yesterday&within=3&mine=yes'));
    expect(filters).toEqual(defaultFilters);
  });

  it('turns the day window into instants of the viewer’s zone', () => {
    process.env.TZ = 'America/New_York';
    const query = toListQuery({ ...defaultFilters, fromDay: '2026-06-01', toDay: '2026-06-02' }, null);
    expect(query).toEqual({ from: '2026-06-01T04:00:00.000Z', to: '2026-06-03T04:00:00.000Z' });
  });

  it('counts a day with a daylight-saving jump as 23 hours', () => {
    process.env.TZ = 'Europe/Berlin';
    const start = startOfLocalDay('2026-03-29')!;
    const end = endOfLocalDay('2026-03-29')!;
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it('asks for a distance only when the browser gave a position', () => {
    const filters = { ...defaultFilters, withinKm: 10 };
    expect(toListQuery(filters, null)).toEqual({});
    expect(toListQuery(filters, { latitude: 48.85, longitude: 2.35 })).toEqual({
      lat: 48.85,
      lon: 2.35,
      radius: 10_000,
    });
  });

  it('asks for past and cancelled ones, normalised tags and trimmed text', () => {
    const query = toListQuery({ ...defaultFilters, q: '  board games ', tags: ' Chess,,chess, GO ', past: true }, null);
    expect(query).toEqual({ q: 'board games', tags: 'chess,go', active: false });
  });

  it('refuses impossible days', () => {
    expect(startOfLocalDay('2026-02-30')).toBeNull();
    expect(endOfLocalDay('soon')).toBeNull();
  });
});
