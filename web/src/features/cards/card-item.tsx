import type { Connection } from '@icebreaker/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useIcebreaker } from '../../app/icebreaker-context';
import { Avatar, Button, ErrorNotice, RelativeTime } from '../../ui';
import { NameCard } from './name-card';
import { cardKeys } from './queries';

/** One collected card: who, their details, when you collected it; removing it asks first. */
export function CardItem({ connection }: { connection: Connection }) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const { user } = connection;
  const remove = useMutation({
    mutationFn: () => ib.api.connections.deleteConnection({ id: connection.id }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: cardKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['users', user.id] }),
      ]);
    },
  });

  return (
    <article className="card card-item" aria-label={`Name card of ${user.displayName}`}>
      <header className="card-item__header">
        <Avatar user={user} />
        <div>
          <h2>
            <Link to={`/people/${user.id}`}>{user.displayName}</Link>
          </h2>
          <p className="hint">
            Collected <RelativeTime iso={connection.collectedAt} />
          </p>
        </div>
      </header>
      <NameCard card={user.nameCard} />
      {confirming ? (
        <div className="notice confirm" role="group" aria-label={`Remove the name card of ${user.displayName}?`}>
          <p>Remove {user.displayName}’s name card? You will no longer see their details.</p>
          <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
            Remove
          </Button>
          <Button variant="secondary" disabled={remove.isPending} onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      ) : (
        <Button
          variant="secondary"
          onClick={() => setConfirming(true)}
          aria-label={`Remove ${user.displayName}’s name card`}
        >
          Remove
        </Button>
      )}
      <ErrorNotice error={remove.error} />
    </article>
  );
}
