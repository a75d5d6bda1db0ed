import type { User } from '@icebreaker/sdk';
import { describe, expect, it } from 'vitest';
import { commonInterests, groupByDistance, HIDDEN_DISTANCE, type NearbyPerson } from './distance-groups';

const user = (id: number, interests: string[]): User => ({
  id,
  displayName: `User ${id}`,
  bio: '',
  interests,
  avatarUrl: null,
  createdAt: '2026-06-01T12:00:00.000Z',
});
const near = (id: number, label: string | null, min = 0, interests: string[] = []): NearbyPerson => ({
  user: user(id, interests),
  distance: label === null ? null : { label, minMeters: min, maxMeters: min + 1000 },
});

describe('groupByDistance', () => {
  it('groups by bucket, nearest first, keeps the order inside a bucket and puts hidden distances last', () => {
    const people = [
      near(4, null),
      near(1, '1–2 km', 1000),
      near(2, '< 1 km', 0),
      near(3, '1–2 km', 1000),
      near(5, '< 1 km', 0),
    ];
    const groups = groupByDistance(people);
    expect(groups.map((g) => [g.label, g.people.map((p) => p.user.id)])).toEqual([
      ['< 1 km', [2, 5]],
      ['1–2 km', [1, 3]],
      [HIDDEN_DISTANCE, [4]],
    ]);
  });

  it('keeps only people who share the chosen interest, whatever its case', () => {
    const people = [
      near(1, '< 1 km', 0, ['Climbing']),
      near(2, '< 1 km', 0, ['chess']),
      near(3, null, 0, ['climbing']),
    ];
    expect(groupByDistance(people, 'climbing').flatMap((g) => g.people.map((p) => p.user.id))).toEqual([1, 3]);
    expect(groupByDistance(people, 'surfing')).toEqual([]);
  });
});

describe('commonInterests', () => {
  it('lists every interest once, the most common first', () => {
    const people = [near(1, null, 0, ['chess', 'Climbing']), near(2, null, 0, ['climbing']), near(3, null, 0, ['art'])];
    expect(commonInterests(people)).toEqual(['climbing', 'art', 'chess']);
  });
});
