import type { Invitation } from '@icebreaker/sdk';
import { useQuery } from '@tanstack/react-query';
import { useIcebreaker, useUserId } from '../../app/icebreaker-context';
import { useNow } from '../../lib/use-now';

export const invitationKeys = { list: ['invitations', 'list'] as const };

/** The invitations the user sent and received (the most recent 100), newest first. */
export function useInvitations() {
  const ib = useIcebreaker();
  const userId = useUserId();
  return useQuery({
    queryKey: invitationKeys.list,
    queryFn: async ({ signal }) => (await ib.api.invitations.listInvitations({ limit: 100 }, { signal })).items,
    enabled: userId !== null,
  });
}

export function isLive(invitation: Invitation, now: number): boolean {
  return invitation.status === 'PENDING' && new Date(invitation.expiresAt).getTime() > now;
}

/** Invitations waiting for the user's answer, for the navigation badge. */
export function usePendingReceivedCount(): number {
  const userId = useUserId();
  const { data } = useInvitations();
  const now = useNow(15_000);
  return data?.filter((i) => i.receiverId === userId && isLive(i, now)).length ?? 0;
}
