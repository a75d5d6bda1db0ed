import { Link } from 'react-router';
import { useUserId } from '../../app/icebreaker-context';
import { displayNameOf, usePeople } from '../../lib/people';
import { Avatar, EmptyState, ErrorNotice, Loading, Page, RelativeTime } from '../../ui';
import { partnerOf, useChatRooms } from './use-chat-rooms';

export function ChatsPage() {
  const userId = useUserId();
  const rooms = useChatRooms();
  const people = usePeople((rooms.data ?? []).map((room) => partnerOf(room, userId)));

  return (
    <Page title="Chats">
      {rooms.isPending ? (
        <Loading />
      ) : rooms.error ? (
        <ErrorNotice error={rooms.error} />
      ) : rooms.data.length === 0 ? (
        <EmptyState title="No chats yet">
          <p>A chat opens when someone accepts your invitation, or you accept theirs.</p>
          <Link to="/">See who is nearby</Link>
        </EmptyState>
      ) : (
        <ul className="list room-list">
          {rooms.data.map((room) => {
            const partnerId = partnerOf(room, userId);
            const partner = people.get(partnerId);
            const name = displayNameOf(people, partnerId);
            const last = room.lastMessage;
            return (
              <li key={room.id}>
                <Link to={`/chats/${room.id}`} className="room-link" aria-label={`Chat with ${name}`}>
                  {partner ? <Avatar user={partner} /> : <span className="avatar" />}
                  <span className="room-summary">
                    <span className="room-name">{name}</span>
                    <span className="room-last muted">
                      {last
                        ? `${last.senderId === userId ? 'You: ' : ''}${last.messageType === 'IMAGE' ? 'Photo' : last.content}`
                        : 'No messages yet'}
                    </span>
                  </span>
                  <span className="room-meta">
                    {room.lastMessageAt && <RelativeTime iso={room.lastMessageAt} />}
                    {room.unreadCount > 0 && (
                      <span className="badge" aria-label={`${room.unreadCount} unread`}>
                        {room.unreadCount}
                      </span>
                    )}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
