import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useIcebreaker } from '../../app/icebreaker-context';
import { Button } from '../../ui';
import { addMessage } from './chat-cache';

const MAX_LENGTH = 4000;

/** Writes a message; it goes through the outbox, so it is kept and sent later when offline. */
export function Composer({ roomId }: { roomId: number }) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');

  const send = async () => {
    const content = text.trim();
    if (!content) return;
    setText('');
    const item = await ib.outbox.sendMessage({ chatRoomId: roomId, content });
    // Refusals stay in the outbox as failed and are shown on the bubble.
    const message = await ib.outbox.whenSent(item).catch(() => null);
    if (message) addMessage(queryClient, message);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Send a message">
      <label htmlFor="composer-text" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-text"
        rows={1}
        maxLength={MAX_LENGTH}
        placeholder="Write a message"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          ib.realtime.typing(roomId);
        }}
        onKeyDown={onKeyDown}
      />
      <Button type="submit" disabled={!text.trim()}>
        Send
      </Button>
    </form>
  );
}
