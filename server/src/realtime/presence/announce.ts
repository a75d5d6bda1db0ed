import type { AppContext } from '../../context.js';
import { listRoomPartnerIds } from '../../modules/chat/repository.js';
import type { PresenceChange } from './tracker.js';

/** Tells the user's chat partners, on every instance. Ephemeral like typing: not stored, not replayed. */
export async function announcePresence(ctx: AppContext, change: PresenceChange): Promise<void> {
  const { userId, status, lastSeenAt } = change;
  const partners = await listRoomPartnerIds(ctx.db, userId);
  if (partners.length === 0) return;
  await ctx.bus.publish({
    kind: 'ephemeral',
    userIds: partners,
    frame: { type: 'presence', data: { userId, status, lastSeenAt: lastSeenAt.toISOString() } },
  });
}
