import type { Activity, ActivityParticipant } from '@icebreaker/sdk';
import { Link } from 'react-router';
import { Avatar, Button, ErrorNotice, Loading } from '../../ui';
import { useParticipants, usePeople } from './queries';

const copy = {
  JOINED: { title: 'Participants', empty: 'Nobody has joined yet.' },
  WAITLISTED: { title: 'Waitlist', empty: 'Nobody is waiting.' },
} as const;

interface Shared {
  activity: Activity;
  userId: number | undefined;
}

/** One page of people, with their names and pictures read in one request. */
function ParticipantPage({ activity, userId, participants }: Shared & { participants: ActivityParticipant[] }) {
  const people = usePeople(participants.map((p) => p.userId));
  return participants.map((participant) => {
    const person = people.data?.get(participant.userId);
    return (
      <li key={participant.userId}>
        {person && <Avatar user={person} size={32} />}
        {participant.userId === userId ? (
          <span>You</span>
        ) : (
          <Link to={`/people/${participant.userId}`}>{person?.displayName ?? 'Someone'}</Link>
        )}
        {participant.userId === activity.creatorId && <span className="pill">Organiser</span>}
        {participant.waitlistPosition !== null && <span className="hint">#{participant.waitlistPosition} in line</span>}
      </li>
    );
  });
}

/** Who has joined (in the order they did), or who waits (first in line first), a page at a time. */
export function ParticipantList({ activity, status, userId }: Shared & { status: ActivityParticipant['status'] }) {
  const participants = useParticipants(activity.id, status);
  const pages = participants.data?.pages ?? [];
  const { title, empty } = copy[status];
  const headingId = `participants-${status.toLowerCase()}`;

  return (
    <section className="participant-list" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {participants.isPending && <Loading />}
      <ErrorNotice error={participants.error} />
      {participants.isSuccess && pages[0]?.items.length === 0 && <p className="hint">{empty}</p>}
      {pages.length > 0 && pages[0]!.items.length > 0 && (
        <ol className="list participant-list__items">
          {pages.map((page, index) => (
            <ParticipantPage key={index} activity={activity} userId={userId} participants={page.items} />
          ))}
        </ol>
      )}
      {participants.hasNextPage && (
        <Button
          variant="secondary"
          busy={participants.isFetchingNextPage}
          onClick={() => void participants.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </section>
  );
}
