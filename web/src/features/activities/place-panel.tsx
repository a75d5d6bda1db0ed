import type { Activity, ActivityParticipant } from '@icebreaker/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useIcebreaker } from '../../app/icebreaker-context';
import { Button, ErrorNotice } from '../../ui';
import { describePlace, myPlace, placeAction } from './participation';
import { activityKeys } from './queries';

/** The viewer's place in the activity, and the one button that changes it. */
export function PlacePanel({
  activity,
  userId,
  participant,
  now,
}: {
  activity: Activity;
  userId: number;
  participant: ActivityParticipant | null;
  now: Date;
}) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const place = myPlace(activity, userId, participant ?? undefined);
  const action = placeAction(activity, place, now);

  const change = useMutation({
    mutationFn: async (kind: 'join' | 'leave') => {
      if (kind === 'join') return ib.api.activities.joinActivity({ id: activity.id });
      return { activity: await ib.api.activities.leaveActivity({ id: activity.id }), participant: null };
    },
    onSuccess: (result) => {
      queryClient.setQueryData(activityKeys.detail(activity.id), result.activity);
      queryClient.setQueryData(activityKeys.myPlace(activity.id, userId), result.participant);
      // Lists and participants refresh in the background; the button is free again at once.
      void queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
  });

  const sentence = describePlace(place);
  return (
    <section className="card place-panel" aria-label="Your place">
      {sentence && <p>{sentence}</p>}
      {action.kind !== 'none' && (
        <Button
          variant={action.kind === 'leave' ? 'secondary' : 'primary'}
          busy={change.isPending}
          onClick={() => change.mutate(action.kind === 'leave' ? 'leave' : 'join')}
        >
          {action.label}
        </Button>
      )}
      {action.kind === 'waitlist' && <p className="hint">It is full. Join the waitlist to get the next free place.</p>}
      <ErrorNotice error={change.error} />
    </section>
  );
}
