import type { ChatMessage } from '@icebreaker/sdk';
import { codeMessage } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import type { PendingMessage } from './pending-messages';

export function DeliveredBubble({ message, mine }: { message: ChatMessage; mine: boolean }) {
  return (
    <li className={`bubble ${mine ? 'bubble-mine' : 'bubble-theirs'}`} data-seq={message.seq}>
      {message.messageType === 'IMAGE' ? (
        <img src={message.content} alt="Photo" className="bubble-image" />
      ) : (
        <p>{message.content}</p>
      )}
      <span className="bubble-meta">
        <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
        {mine && (
          <span className="receipt" aria-label={message.isRead ? 'Read' : 'Sent'}>
            {message.isRead ? '✓✓ Read' : '✓ Sent'}
          </span>
        )}
      </span>
    </li>
  );
}

export function PendingBubble({
  message,
  onRetry,
  onDiscard,
}: {
  message: PendingMessage;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const failed = message.state === 'failed';
  return (
    <li className={`bubble bubble-mine bubble-pending${failed ? ' bubble-failed' : ''}`}>
      <p>{message.content}</p>
      <span className="bubble-meta">
        {failed ? (
          <>
            <span>Not sent. {message.problem ? codeMessage(message.problem) : ''}</span>
            <button type="button" className="link-button" onClick={onRetry}>
              Retry
            </button>
            <button type="button" className="link-button" onClick={onDiscard}>
              Delete
            </button>
          </>
        ) : (
          <span className="receipt">Pending…</span>
        )}
      </span>
    </li>
  );
}
