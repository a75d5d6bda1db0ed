import type { Migration } from 'kysely/migration';
import * as foundation from './0001-foundation.js';
import * as realtimeChat from './0002-realtime-chat.js';
import * as chatParticipant1Index from './0003-chat-participant1-index.js';
import * as activitiesInvitations from './0004-activities-invitations.js';
import * as connectionsRatings from './0005-connections-ratings.js';
import * as nearbyCells from './0006-nearby-cells.js';

/** Every migration, in order. Names are permanent once released. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-realtime-chat': realtimeChat,
  '0003-chat-participant1-index': chatParticipant1Index,
  '0004-activities-invitations': activitiesInvitations,
  '0005-connections-ratings': connectionsRatings,
  '0006-nearby-cells': nearbyCells,
};
