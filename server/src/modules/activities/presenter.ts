import type { ActivityRow } from './repository.js';
import type { Activity, Participant } from './schemas.js';
import type { ParticipantRow } from './seats.js';

export function presentActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    creatorId: row.creator_id,
    title: row.title,
    description: row.description,
    location: row.location,
    latitude: row.latitude,
    longitude: row.longitude,
    startTime: row.start_time,
    endTime: row.end_time,
    maxParticipants: row.max_participants,
    currentParticipants: row.current_participants,
    tags: row.tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    isActive: row.is_active,
  };
}

export function presentParticipant(row: ParticipantRow, waitlistPosition: number | null): Participant {
  return {
    activityId: row.activity_id,
    userId: row.user_id,
    status: row.status,
    joinedAt: row.joined_at,
    waitlistPosition: row.status === 'WAITLISTED' ? waitlistPosition : null,
  };
}
