import type { AppContext } from '../../context.js';
import { listRoomPartnerIds } from '../../modules/chat/repository.js';

/**
 * Tells a user's chat partners that their first socket on this instance
 * opened or their last one closed. Ephemeral, like typing. With several
 * instances a user with sockets on two of them is reported offline when
 * either side's last socket closes; a shared per-user socket count would fix
 * that.
 */
export async function announcePresence(ctx: AppContext, userId: number, status: 'online' | 'offline'): Promise<void> {
  const partners = await listRoomPartnerIds(ctx.db, userId);
  if (partners.length === 0) return;
  await ctx.bus.publish({
    kind: 'ephemeral',
    userIds: partners,
    frame: { type: 'presence', data: { userId, status, lastSeenAt: ctx.clock.now().toISOString() } },
  });
}
