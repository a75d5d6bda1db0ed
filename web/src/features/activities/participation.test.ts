import type { Activity, ActivityParticipant } from '@icebreaker/sdk';
import { describe, expect, it } from 'vitest';
import { activityPhase, describeCapacity, describePlace, myPlace, placeAction } from './participation';

const now = new Date('2026-05-01T12:00:00.000Z');

const activity = (changes: Partial<Activity> = {}): Activity => ({
  id: 7,
  creatorId: 1,
  title: 'Chess in the park',
  description: '',
  location: '',
  latitude: null,
  longitude: null,
  startTime: '2026-05-01T15:00:00.000Z',
  endTime: '2026-05-01T17:00:00.000Z',
  maxParticipants: 4,
  currentParticipants: 2,
  tags: [],
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-04-01T00:00:00.000Z',
  isActive: true,
  ...changes,
});

const participant = (changes: Partial<ActivityParticipant>): ActivityParticipant => ({
  activityId: 7,
  userId: 2,
  status: 'JOINED',
  joinedAt: '2026-04-02T00:00:00.000Z',
  waitlistPosition: null,
  ...changes,
});

describe('participation', () => {
  it('tells upcoming, running, over and cancelled apart', () => {
    expect(activityPhase(activity(), now)).toBe('upcoming');
    expect(activityPhase(activity({ startTime: '2026-05-01T11:00:00.000Z' }), now)).toBe('running');
    expect(activityPhase(activity({ endTime: '2026-05-01T12:00:00.000Z' }), now)).toBe('over');
    expect(activityPhase(activity({ isActive: false }), now)).toBe('cancelled');
  });

  it('offers a place while there is room and the waitlist once it is full', () => {
    const none = myPlace(activity(), 2, undefined);
    expect(none).toEqual({ kind: 'none' });
    expect(placeAction(activity(), none, now)).toEqual({ kind: 'join', label: 'Join' });
    expect(placeAction(activity({ currentParticipants: 4 }), none, now)).toEqual({
      kind: 'waitlist',
      label: 'Join the waitlist',
    });
  });

  it('lets a participant or someone waiting leave, but not the creator', () => {
    const joined = myPlace(activity(), 2, participant({}));
    expect(placeAction(activity(), joined, now)).toEqual({ kind: 'leave', label: 'Leave' });
    const waiting = myPlace(activity(), 2, participant({ status: 'WAITLISTED', joinedAt: null, waitlistPosition: 3 }));
    expect(waiting).toEqual({ kind: 'waitlisted', position: 3 });
    expect(placeAction(activity(), waiting, now)).toEqual({ kind: 'leave', label: 'Leave the waitlist' });
    const creator = myPlace(activity(), 1, participant({ userId: 1 }));
    expect(creator).toEqual({ kind: 'creator' });
    expect(placeAction(activity(), creator, now)).toEqual({ kind: 'none' });
  });

  it('offers nothing once the activity is cancelled or over', () => {
    const none = myPlace(activity(), 2, undefined);
    expect(placeAction(activity({ isActive: false }), none, now)).toEqual({ kind: 'none' });
    expect(placeAction(activity({ endTime: '2026-05-01T11:00:00.000Z' }), none, now)).toEqual({ kind: 'none' });
  });

  it('describes the place and the capacity in words', () => {
    expect(describePlace({ kind: 'waitlisted', position: 1 })).toBe(
      'You are first on the waitlist: the next free place is yours.',
    );
    expect(describePlace({ kind: 'waitlisted', position: 4 })).toBe('You are number 4 on the waitlist.');
    expect(describePlace({ kind: 'none' })).toBeNull();
    expect(describeCapacity(activity({ currentParticipants: 3 }), now)).toBe('3 of 4 places taken · 1 place left');
    expect(describeCapacity(activity({ currentParticipants: 4 }), now)).toBe('Full (4 of 4)');
    expect(describeCapacity(activity({ currentParticipants: 2, isActive: false }), now)).toBe('2 of 4 places taken');
  });
});
