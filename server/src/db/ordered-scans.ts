/**
 * Planner settings under which PostgreSQL walks a GiST index in distance
 * order (a KNN scan) instead of a bitmap scan and a sort of every candidate.
 * Applied per transaction on a shared connection, or per session on the
 * ordered-scan pool.
 */
export const ORDERED_SCAN_SETTINGS = { enable_seqscan: 'off', enable_bitmapscan: 'off', enable_sort: 'off' } as const;
