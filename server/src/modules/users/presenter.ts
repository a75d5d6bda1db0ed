import type { UserRow } from '../../db/schema.js';
import type { RatingSummary, User } from './schemas.js';

/** What a profile read knows beyond the row: whether the viewer collected the card, and the visible ratings. */
export interface ProfileExtras {
  cardCollected: boolean;
  ratingSummary?: RatingSummary;
}

/** The columns anyone may see; lists of others (nearby) read only these. */
export const publicUserColumns = ['id', 'display_name', 'bio', 'interests', 'avatar_url', 'created_at'] as const;
export type PublicUserRow = Pick<UserRow, (typeof publicUserColumns)[number]>;

/** What anyone may see of a user. */
export function presentPublicUser(row: PublicUserRow): User {
  return {
    id: row.id,
    displayName: row.display_name,
    bio: row.bio,
    interests: row.interests,
    avatarUrl: row.avatar_url,
    createdAt: row.created_at,
  };
}

/**
 * What a viewer may see of a user: private fields only for the owner; the
 * name card for the owner and for those who collected it.
 */
export function presentUser(row: UserRow, viewerId: number, extras?: ProfileExtras): User {
  const user = presentPublicUser(row);
  if (row.id === viewerId) {
    user.email = row.email;
    user.isDiscoverable = row.is_discoverable;
    user.hideDistance = row.hide_distance;
  }
  if (row.id === viewerId || extras?.cardCollected) {
    user.nameCard = { jobTitle: row.job_title, company: row.company, links: row.contact_links };
  }
  if (extras?.ratingSummary) user.ratingSummary = extras.ratingSummary;
  return user;
}
