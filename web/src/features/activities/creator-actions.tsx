import type { Activity } from '@icebreaker/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useIcebreaker } from '../../app/icebreaker-context';
import { Button, ErrorNotice } from '../../ui';
import { activityKeys } from './queries';

/** Edit, and cancel after a confirmation: cancelling tells everyone and cannot be undone. */
export function CreatorActions({ activity }: { activity: Activity }) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => ib.api.activities.cancelActivity({ id: activity.id }),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
  });

  return (
    <section className="actions creator-actions" aria-label="Organiser">
      <Link className="button button-secondary" to={`/meetups/${activity.id}/edit`}>
        Edit
      </Link>
      {confirming ? (
        <div className="notice confirm" role="group" aria-label="Confirm cancellation">
          <p>
            Cancel “{activity.title}”? Everyone who joined or waits is told, and pending invitations are withdrawn. This
            cannot be undone.
          </p>
          <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate()}>
            Yes, cancel it
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)} disabled={cancel.isPending}>
            Keep it
          </Button>
        </div>
      ) : (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Cancel activity
        </Button>
      )}
      <ErrorNotice error={cancel.error} />
    </section>
  );
}
