import type { User } from '@icebreaker/sdk';

export interface NearbyPerson {
  user: User;
  distance: { label: string; minMeters: number; maxMeters: number | null } | null;
}

export interface DistanceGroup {
  label: string;
  people: NearbyPerson[];
}

export const HIDDEN_DISTANCE = 'Distance hidden';

/**
 * People grouped under their distance bucket ("< 1 km", "1–2 km", ...), the
 * nearest bucket first, keeping the server's order inside each; people who
 * hide their distance come last. With `interest`, only people who share it.
 */
export function groupByDistance(people: readonly NearbyPerson[], interest?: string): DistanceGroup[] {
  const wanted = interest?.toLowerCase();
  const groups = new Map<string, { min: number; people: NearbyPerson[] }>();
  for (const person of people) {
    if (wanted && !person.user.interests.some((i) => i.toLowerCase() === wanted)) continue;
    const label = person.distance?.label ?? HIDDEN_DISTANCE;
    const min = person.distance?.minMeters ?? Number.POSITIVE_INFINITY;
    const group = groups.get(label) ?? { min, people: [] };
    group.people.push(person);
    groups.set(label, group);
  }
  return [...groups.entries()]
    .sort(([, a], [, b]) => a.min - b.min)
    .map(([label, group]) => ({ label, people: group.people }));
}

/** Every interest among the people, the most common first (ties alphabetical). */
export function commonInterests(people: readonly NearbyPerson[]): string[] {
  const counts = new Map<string, number>();
  for (const { user } of people) {
    for (const interest of new Set(user.interests.map((i) => i.toLowerCase()))) {
      counts.set(interest, (counts.get(interest) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([interest]) => interest);
}
