import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useIcebreaker } from '../../app/icebreaker-context';
import { formatDateTime } from '../../lib/time';
import { Button, ErrorNotice, Field, Loading } from '../../ui';
import { iceBreakerSuggestions } from './ice-breakers';

/** Activities the viewer has joined that have not started: the ones they can invite someone to. */
function useUpcomingActivities() {
  const ib = useIcebreaker();
  return useQuery({
    queryKey: ['activities', 'mine', 'upcoming'],
    queryFn: async ({ signal }) => {
      const { items } = await ib.api.activities.listActivities({ mine: true, limit: 100 }, { signal });
      const now = Date.now();
      return items
        .filter((a) => a.isActive && new Date(a.startTime).getTime() > now)
        .sort((a, b) => a.startTime.localeCompare(b.startTime));
    },
  });
}

export function InviteForm({ userId, userName }: { userId: number; userName: string }) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const activities = useUpcomingActivities();
  const [activityId, setActivityId] = useState('');
  const [message, setMessage] = useState('');
  const [question, setQuestion] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const suggestionsId = useId();
  const invite = useMutation({
    mutationFn: (chosenActivityId: number) =>
      ib.api.invitations.createInvitation({
        body: {
          receiverId: userId,
          activityId: chosenActivityId,
          message: message.trim() || null,
          iceBreakerQuestion: question.trim() || null,
        },
        // A retry of the same submission creates nothing twice.
        headers: { 'idempotency-key': idempotencyKey },
      }),
    onSuccess: () => {
      setMessage('');
      setQuestion('');
      setIdempotencyKey(crypto.randomUUID());
      return queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });

  if (activities.isPending) return <Loading label="Loading your activities…" />;
  if (activities.error) return <ErrorNotice error={activities.error} />;
  const selected = activityId || String(activities.data[0]?.id ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(Number(selected));
  };

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite {userName}</h2>
      {activities.data.length === 0 ? (
        <p>
          You have no upcoming activity to invite {userName} to. <Link to="/meetups/new">Create an activity</Link>
        </p>
      ) : (
        <form className="form" onSubmit={submit} aria-label={`Invite ${userName}`}>
          <Field label="Activity">
            <select value={selected} onChange={(e) => setActivityId(e.target.value)} required>
              {activities.data.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title} · {formatDateTime(a.startTime)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Message">
            <textarea rows={2} maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} />
          </Field>
          <Field label="Ice-breaker question" hint="Something fun to start the conversation">
            <input
              list={suggestionsId}
              maxLength={300}
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
            />
          </Field>
          <datalist id={suggestionsId}>
            {iceBreakerSuggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <ErrorNotice error={invite.error} />
          {invite.isSuccess && (
            <p className="success" role="status">
              Invitation sent. <Link to="/inbox">See your invitations</Link>
            </p>
          )}
          <Button type="submit" busy={invite.isPending}>
            Send invitation
          </Button>
          <p className="muted">
            Or <Link to="/meetups/new">create a new activity</Link> first.
          </p>
        </form>
      )}
    </section>
  );
}
