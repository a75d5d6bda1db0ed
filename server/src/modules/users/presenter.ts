import type { UserRow } from '../../db/schema.js';
import type { User } from './schemas.js';

/** What a viewer may see of a user: private fields only for the owner. */
export function presentUser(row: UserRow, viewerId: number): User {
  const user: User = {
    id: row.id,
    displayName: row.display_name,
    bio: row.bio,
    interests: row.interests,
    avatarUrl: row.avatar_url,
    createdAt: row.created_at,
  };
  if (row.id === viewerId) {
    user.email = row.email;
    user.isDiscoverable = row.is_discoverable;
    user.hideDistance = row.hide_distance;
    user.nameCard = { jobTitle: row.job_title, company: row.company, links: row.contact_links };
  }
  return user;
}
