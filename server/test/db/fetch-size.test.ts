import { describe, expect, it } from 'vitest';
import { fetchRows } from '../../src/db/fetch-size.js';

describe('fetch rows for a page', () => {
  it('is one more than the page for the common sizes, and at least that for others', () => {
    expect([10, 20, 50, 100].map(fetchRows)).toEqual([11, 21, 51, 101]);
    for (let limit = 1; limit <= 150; limit++) expect(fetchRows(limit)).toBeGreaterThan(limit);
    expect(new Set(Array.from({ length: 100 }, (_, i) => fetchRows(i + 1))).size).toBe(4);
  });

  it('refuses a size that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => fetchRows(bad)).toThrow(RangeError);
  });
});
