import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useParams } from 'react-router';
import { useIcebreaker } from '../../app/icebreaker-context';
import { BlockPerson, useBlocks } from '../blocks';
import { CollectCardButton } from '../cards';
import { partnerOf, useChatRooms } from '../chat';
import { RatePerson, RatingSummary } from '../ratings';
import { Avatar, EmptyState, ErrorNotice, Loading, Page } from '../../ui';
import { InviteForm } from './invite-form';
import { NameCardView } from './name-card-view';

export function PersonPage() {
  const ib = useIcebreaker();
  const userId = Number(useParams().userId);
  const valid = Number.isSafeInteger(userId) && userId > 0;
  const person = useQuery({
    queryKey: ['users', userId],
    queryFn: ({ signal }) => ib.api.users.getUser({ id: userId }, { signal }),
    enabled: valid,
  });
  const rooms = useChatRooms();
  const room = rooms.data?.find((r) => partnerOf(r, ib.userId) === userId);
  const blocked = useBlocks().data?.some((block) => block.userId === userId) ?? false;

  if (valid && userId === ib.userId) return <Navigate to="/me" replace />;
  if (!valid || person.error) {
    return (
      <Page title="Person">
        {person.error ? <ErrorNotice error={person.error} /> : <EmptyState title="This person does not exist" />}
        <Link to="/">Back to people nearby</Link>
      </Page>
    );
  }
  if (person.isPending) return <Loading />;
  const user = person.data;

  return (
    <Page title={user.displayName}>
      <section className="profile">
        <Avatar user={user} size={72} />
        <div>
          {user.bio && <p>{user.bio}</p>}
          {user.interests.length > 0 && (
            <p className="tags" aria-label="Interests">
              {user.interests.map((i) => (
                <span key={i} className="tag">
                  {i}
                </span>
              ))}
            </p>
          )}
          {user.ratingSummary && <RatingSummary summary={user.ratingSummary} />}
        </div>
      </section>
      <div className="actions">
        {room && !blocked && (
          <Link className="button button-secondary" to={`/chats/${room.id}`}>
            Message
          </Link>
        )}
        <CollectCardButton userId={user.id} userName={user.displayName} />
      </div>
      {user.nameCard && <NameCardView card={user.nameCard} />}
      {!blocked && <InviteForm userId={user.id} userName={user.displayName} />}
      <RatePerson userId={user.id} userName={user.displayName} />
      <BlockPerson userId={user.id} userName={user.displayName} blocked={blocked} />
    </Page>
  );
}
