import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useIcebreaker } from '../../app/icebreaker-context';
import { useNow } from '../../lib/use-now';
import { formatRelative } from '../../lib/time';
import { Avatar, EmptyState, ErrorNotice, Loading, Page } from '../../ui';
import { chatKeys } from './chat-cache';
import { Composer } from './composer';
import { EarlierMessages } from './earlier-messages';
import { DeliveredBubble, PendingBubble } from './message-bubbles';
import { pendingMessagesFor } from './pending-messages';
import { partnerOf } from './use-chat-rooms';
import { useOutboxItems } from './use-outbox-items';
import { usePresence } from './use-presence';
import { useEarlierMessages, useMarkRead, useRoomMessages } from './use-room-messages';
import { useTypingUsers } from './use-typing-users';

export function ChatRoomPage() {
  const roomId = Number(useParams().roomId);
  if (!Number.isSafeInteger(roomId) || roomId <= 0) {
    return (
      <Page title="Chat">
        <EmptyState title="This chat does not exist">
          <Link to="/chats">Back to your chats</Link>
        </EmptyState>
      </Page>
    );
  }
  return <ChatRoom roomId={roomId} />;
}

function ChatRoom({ roomId }: { roomId: number }) {
  const ib = useIcebreaker();
  const room = useQuery({
    queryKey: chatKeys.room(roomId),
    queryFn: ({ signal }) => ib.api.chat.getChatRoom({ id: roomId }, { signal }),
  });
  const partnerId = room.data ? partnerOf(room.data, ib.userId) : null;
  const partner = useQuery({
    queryKey: ['users', partnerId],
    queryFn: ({ signal }) => ib.api.users.getUser({ id: partnerId! }, { signal }),
    enabled: partnerId !== null,
  });
  const messages = useRoomMessages(roomId);
  const delivered = messages.data ?? [];
  const pending = pendingMessagesFor(roomId, useOutboxItems(), delivered);
  const typing = useTypingUsers(roomId);
  const earlier = useEarlierMessages(roomId, delivered);
  useMarkRead(roomId, delivered);

  const end = useRef<HTMLDivElement>(null);
  const count = delivered.length + pending.length;
  // Follows new messages at the bottom; earlier pages loaded at the top leave the view where it is.
  const newest = `${delivered.at(-1)?.id}:${pending.length}`;
  useEffect(() => {
    // Braces: newer browsers return a promise from scrollIntoView, and an effect may only return a cleanup.
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [newest, typing.length]);

  const name = partner.data?.displayName ?? 'Chat';
  if (room.error) {
    return (
      <Page title="Chat">
        <ErrorNotice error={room.error}>
          <Link to="/chats">Back to your chats</Link>
        </ErrorNotice>
      </Page>
    );
  }
  return (
    <Page title={name} actions={partnerId !== null && <PartnerStatus userId={partnerId} />}>
      <div className="chat">
        <Link to={partnerId ? `/people/${partnerId}` : '/chats'} className="chat-partner">
          {partner.data && <Avatar user={partner.data} size={32} />}
          <span>View profile</span>
        </Link>
        {messages.isPending ? (
          <Loading label="Loading messages…" />
        ) : messages.error ? (
          <ErrorNotice error={messages.error} />
        ) : (
          <>
            <EarlierMessages
              hasEarlier={earlier.hasEarlier}
              loading={earlier.load.isPending}
              error={earlier.load.error}
              onLoad={() => earlier.load.mutate()}
            />
            <ol className="messages" aria-label={`Messages with ${name}`} aria-live="polite">
              {count === 0 && <li className="muted">Say hello! Your ice-breaker question is a good start.</li>}
              {delivered.map((message) => (
                <DeliveredBubble key={message.id} message={message} mine={message.senderId === ib.userId} />
              ))}
              {pending.map((message) => (
                <PendingBubble
                  key={message.clientMessageId}
                  message={message}
                  onRetry={() => void ib.outbox.retry(message.clientMessageId)}
                  onDiscard={() => void ib.outbox.discard(message.clientMessageId)}
                />
              ))}
            </ol>
          </>
        )}
        <p className="typing" aria-live="polite">
          {typing.length > 0 ? `${name} is typing…` : ''}
        </p>
        <div ref={end} />
        <Composer roomId={roomId} />
      </div>
    </Page>
  );
}

function PartnerStatus({ userId }: { userId: number }) {
  const presence = usePresence(userId);
  const now = useNow(30_000);
  if (!presence) return null;
  return (
    <span className={`presence presence-${presence.status}`}>
      {presence.status === 'online' ? 'Online' : `Last seen ${formatRelative(presence.lastSeenAt, now)}`}
    </span>
  );
}
