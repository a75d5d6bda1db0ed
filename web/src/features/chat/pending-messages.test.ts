import type { ChatMessage, OutboxItem } from '@icebreaker/sdk';
import { describe, expect, it } from 'vitest';
import { pendingMessagesFor } from './pending-messages';

const item = (id: string, chatRoomId: number, state: OutboxItem['state'] = 'pending'): OutboxItem => ({
  id,
  kind: 'chat.message',
  input: { chatRoomId, content: `text ${id}` },
  createdAt: '2026-06-01T12:00:00.000Z',
  state,
  attempts: state === 'pending' ? 0 : 1,
  ...(state === 'failed' ? { error: { status: 422, code: 'RULE_VIOLATED', detail: 'No' } } : {}),
});
const delivered = (clientMessageId: string | null, seq: number): ChatMessage => ({
  id: seq,
  chatRoomId: 7,
  senderId: 1,
  content: 'x',
  messageType: 'TEXT',
  seq,
  isRead: false,
  clientMessageId,
  createdAt: '2026-06-01T12:00:00.000Z',
});

describe('pendingMessagesFor', () => {
  it("shows the room's waiting messages in the order they were written", () => {
    const items = [item('a', 7), item('b', 8), item('c', 7, 'sending')];
    expect(pendingMessagesFor(7, items, []).map((m) => [m.clientMessageId, m.state])).toEqual([
      ['a', 'pending'],
      ['c', 'sending'],
    ]);
  });

  it('shows a message the server already has only once, as delivered', () => {
    const items = [item('a', 7, 'sending'), item('b', 7)];
    expect(pendingMessagesFor(7, items, [delivered('a', 1), delivered(null, 2)]).map((m) => m.clientMessageId)).toEqual(
      ['b'],
    );
  });

  it('leaves out other writes and says why a refused message failed', () => {
    const read: OutboxItem = { ...item('r', 7), kind: 'chat.read', input: { chatRoomId: 7, lastReadSeq: 3 } };
    const [failed] = pendingMessagesFor(7, [read, item('f', 7, 'failed')], []);
    expect(failed).toMatchObject({ clientMessageId: 'f', state: 'failed', problem: 'RULE_VIOLATED' });
  });
});
