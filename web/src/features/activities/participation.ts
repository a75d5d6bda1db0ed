import type { Activity, ActivityParticipant } from '@icebreaker/sdk';

/** Where an activity stands in time, for the viewer's clock. */
export type ActivityPhase = 'cancelled' | 'over' | 'running' | 'upcoming';

export function activityPhase(activity: Activity, now: Date): ActivityPhase {
  if (!activity.isActive) return 'cancelled';
  if (new Date(activity.endTime).getTime() <= now.getTime()) return 'over';
  if (new Date(activity.startTime).getTime() <= now.getTime()) return 'running';
  return 'upcoming';
}

/** The viewer's own place: creator, joined, waiting (with their position), or not there. */
export type MyPlace =
  { kind: 'creator' } | { kind: 'joined' } | { kind: 'waitlisted'; position: number } | { kind: 'none' };

export function myPlace(activity: Activity, me: number, participant: ActivityParticipant | undefined): MyPlace {
  if (activity.creatorId === me) return { kind: 'creator' };
  if (participant?.status === 'JOINED') return { kind: 'joined' };
  if (participant?.status === 'WAITLISTED') return { kind: 'waitlisted', position: participant.waitlistPosition ?? 1 };
  return { kind: 'none' };
}

/** What the viewer can do about their place, and how to say it. */
export type PlaceAction =
  | { kind: 'join'; label: 'Join' }
  | { kind: 'waitlist'; label: 'Join the waitlist' }
  | { kind: 'leave'; label: 'Leave' | 'Leave the waitlist' }
  | { kind: 'none' };

export const placesLeft = (activity: Activity): number =>
  Math.max(0, activity.maxParticipants - activity.currentParticipants);

/**
 * Join while there is room, the waitlist when it is full, leave when there —
 * all only while the activity is open (not cancelled, not over). The creator
 * has no place to give up: they cancel instead.
 */
export function placeAction(activity: Activity, place: MyPlace, now: Date): PlaceAction {
  const phase = activityPhase(activity, now);
  if (phase === 'cancelled' || phase === 'over') return { kind: 'none' };
  switch (place.kind) {
    case 'creator':
      return { kind: 'none' };
    case 'joined':
      return { kind: 'leave', label: 'Leave' };
    case 'waitlisted':
      return { kind: 'leave', label: 'Leave the waitlist' };
    case 'none':
      return placesLeft(activity) > 0
        ? { kind: 'join', label: 'Join' }
        : { kind: 'waitlist', label: 'Join the waitlist' };
  }
}

/** One line about the viewer's place, or null when there is nothing to say. */
export function describePlace(place: MyPlace): string | null {
  switch (place.kind) {
    case 'creator':
      return 'You organise this activity.';
    case 'joined':
      return 'You have joined.';
    case 'waitlisted':
      return place.position === 1
        ? 'You are first on the waitlist: the next free place is yours.'
        : `You are number ${place.position} on the waitlist.`;
    case 'none':
      return null;
  }
}

/** "3 of 8 places taken · 5 places left", "Full (8 of 8)"; no places left to speak of once it is closed. */
export function describeCapacity(activity: Activity, now: Date): string {
  const { currentParticipants: taken, maxParticipants: max } = activity;
  const phase = activityPhase(activity, now);
  if (phase === 'cancelled' || phase === 'over') return `${taken} of ${max} places taken`;
  if (taken >= max) return `Full (${taken} of ${max})`;
  const left = max - taken;
  return `${taken} of ${max} places taken · ${left} ${left === 1 ? 'place' : 'places'} left`;
}
