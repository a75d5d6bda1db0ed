import type { ChatMessage } from '@icebreaker/sdk';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  addMessage,
  chatKeys,
  earlierThan,
  hasEarlierMessages,
  insertMessage,
  markReadUpTo,
  mergeMessages,
} from './chat-cache';

const message = (seq: number, senderId = 1, isRead = false): ChatMessage => ({
  id: 100 + seq,
  chatRoomId: 7,
  senderId,
  content: `message ${seq}`,
  messageType: 'TEXT',
  seq,
  isRead,
  clientMessageId: null,
  createdAt: '2026-06-01T12:00:00.000Z',
});

describe('insertMessage', () => {
  it('keeps messages in seq order and each once', () => {
    const list = [message(1), message(3)];
    expect(insertMessage(list, message(2)).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(insertMessage(list, message(4)).map((m) => m.seq)).toEqual([1, 3, 4]);
    expect(insertMessage(list, message(3)).map((m) => m.seq)).toEqual([1, 3]);
  });

  it('never turns a read message back to unread when an older copy arrives', () => {
    expect(insertMessage([message(1, 1, true)], message(1, 1, false))[0]!.isRead).toBe(true);
  });
});

describe('the cached room', () => {
  it('gets live messages only when it is cached', () => {
    const client = new QueryClient();
    addMessage(client, message(1));
    expect(client.getQueryData(chatKeys.messages(7))).toBeUndefined();
    client.setQueryData(chatKeys.messages(7), [message(1)]);
    addMessage(client, message(2));
    expect(client.getQueryData<ChatMessage[]>(chatKeys.messages(7))!.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("marks the viewer's own messages read when the other person reads, and theirs when the viewer does", () => {
    const client = new QueryClient();
    const viewer = 1;
    client.setQueryData(chatKeys.messages(7), [message(1, viewer), message(2, 2), message(3, viewer), message(4, 2)]);
    markReadUpTo(client, { chatRoomId: 7, userId: 2, lastReadSeq: 1 }, viewer);
    const readFlags = () => client.getQueryData<ChatMessage[]>(chatKeys.messages(7))!.map((m) => m.isRead);
    expect(readFlags()).toEqual([true, false, false, false]);
    markReadUpTo(client, { chatRoomId: 7, userId: viewer, lastReadSeq: 4 }, viewer);
    expect(readFlags()).toEqual([true, true, false, true]);
  });
});

describe('earlier pages', () => {
  it('merge with the cached messages in seq order, each once, a read copy winning', () => {
    const cached = [message(4), message(5, 1, true), message(6)];
    const page = [message(3), message(2), message(5, 1, false)];
    const merged = mergeMessages(cached, page);
    expect(merged.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(merged.find((m) => m.seq === 5)!.isRead).toBe(true);
  });

  it('exist until the list starts at the first message', () => {
    expect(hasEarlierMessages([])).toBe(false);
    expect(hasEarlierMessages([message(2), message(3)])).toBe(true);
    expect(hasEarlierMessages([message(1), message(2)])).toBe(false);
  });
});

describe('a refetched latest page', () => {
  it('keeps the earlier pages that reach it, and drops those a gap separates', () => {
    const latest = [message(8), message(7), message(6)];
    expect(earlierThan([message(4), message(5), message(6)], latest).map((m) => m.seq)).toEqual([4, 5]);
    expect(earlierThan([message(3), message(4)], latest)).toEqual([]);
    expect(earlierThan([message(4), message(5)], [])).toEqual([]);
  });
});
