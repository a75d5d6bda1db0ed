import { ApiError } from '@icebreaker/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useIcebreaker, useMe } from '../../app/icebreaker-context';
import { Button, ErrorNotice } from '../../ui';
import { cardKeys, useHasCard } from './queries';

/** Collects someone's name card (once you have met them), or says you hold it already. */
export function CollectCardButton({ userId, userName }: { userId: number; userName: string }) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const me = useMe();
  const hasCard = useHasCard(userId);
  const collect = useMutation({
    mutationFn: async () => {
      try {
        await ib.api.connections.createConnection({ body: { collectedId: userId } });
      } catch (error) {
        // Collected from another tab or device meanwhile: the goal is reached.
        if (!(error instanceof ApiError && error.code === 'ALREADY_CONNECTED')) throw error;
      }
    },
    onSuccess: async () => {
      // The profile now shows their card, and the collection lists it.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['users', userId] }),
        queryClient.invalidateQueries({ queryKey: cardKeys.all }),
      ]);
    },
  });

  if (me.data?.id === userId) return null;
  if (hasCard.data || collect.isSuccess) {
    return (
      <p className="success collect-card" role="status">
        Name card collected
      </p>
    );
  }
  return (
    <div className="collect-card">
      <Button
        busy={collect.isPending}
        disabled={hasCard.isPending}
        title={`Keep ${userName}’s job and contact details in your name cards`}
        onClick={() => collect.mutate()}
      >
        Collect name card
      </Button>
      <ErrorNotice error={collect.error ?? hasCard.error} />
    </div>
  );
}
