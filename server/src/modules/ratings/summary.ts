import type { RatingSummary } from '../users/schemas.js';

/**
 * The mean to two decimals, halves rounded up. From the integer sum, so that
 * every route that shows a summary rounds the same way.
 */
export function summarize(count: number, sum: number): RatingSummary {
  return { average: count === 0 ? null : Math.round((sum * 100) / count) / 100, count };
}
