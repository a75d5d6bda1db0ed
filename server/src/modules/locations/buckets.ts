export interface DistanceBucket {
  label: string;
  minMeters: number;
  /** Null for the open-ended last bucket. */
  maxMeters: number | null;
}

/** Kilometre edges: 1 km steps to 10 km, where precision matters for meeting up, then coarser. */
const EDGES_KM = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 30, 50, 100];

const BUCKETS: DistanceBucket[] = [
  { label: '< 1 km', minMeters: 0, maxMeters: 1000 },
  ...EDGES_KM.slice(1).map((upper, i) => ({
    label: `${EDGES_KM[i]}–${upper} km`,
    minMeters: EDGES_KM[i]! * 1000,
    maxMeters: upper * 1000,
  })),
  { label: '> 100 km', minMeters: 100_000, maxMeters: null },
];

/** The bucket holding a distance; buckets are half-open, [minMeters, maxMeters). */
export function bucketOf(meters: number): DistanceBucket {
  const bucket = BUCKETS.find((b) => b.maxMeters === null || meters < b.maxMeters)!;
  return { ...bucket };
}

export const distanceBuckets: readonly DistanceBucket[] = BUCKETS;
