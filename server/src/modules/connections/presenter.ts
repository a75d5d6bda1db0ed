import { presentUser } from '../users/presenter.js';
import type { ConnectionView } from './repository.js';
import type { Connection } from './schemas.js';

/** A collected card: the connection, and the collected user as its collector sees them, name card included. */
export function presentConnection({ connection, user }: ConnectionView): Connection {
  return {
    id: connection.id,
    collectorId: connection.collector_id,
    collectedId: connection.collected_id,
    meetingId: connection.meeting_id,
    collectedAt: connection.collected_at,
    user: presentUser(user, connection.collector_id, { cardCollected: true }),
  };
}
