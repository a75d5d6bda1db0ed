import type { AppContext } from '../../context.js';
import type { Actor } from '../../modules/auth/tokens.js';
import { markRead, requireParticipant, sendMessage } from '../../modules/chat/service.js';
import type { ClientFrame, ServerFrame } from './frames.js';

export type ChatFrame = Extract<ClientFrame, { type: 'typing' | 'read' | 'message.send' }>;

/**
 * Spends one unit of the sender's message budget, the one POST /chat/messages/
 * spends too; RATE_LIMITED when it is gone.
 */
export function spendMessageBudget(ctx: AppContext, actor: Actor): Promise<void> {
  return ctx.limiter.enforce([{ key: `messages:user:${actor.userId}`, max: ctx.config.rateLimits.messagesPerMinute }]);
}

/**
 * What a client may do over the socket besides REST. Rule violations throw
 * AppError like the REST routes do; the connection answers them as error frames.
 */
export async function handleChatFrame(ctx: AppContext, actor: Actor, frame: ChatFrame): Promise<ServerFrame | null> {
  switch (frame.type) {
    case 'typing': {
      const { chatRoomId } = frame.data;
      const { otherUserId } = await requireParticipant(ctx, actor, chatRoomId);
      // Ephemeral: never stored, never replayed; clients expire it on their own.
      await ctx.bus.publish({
        kind: 'ephemeral',
        userIds: [otherUserId],
        frame: { type: 'typing', data: { chatRoomId, userId: actor.userId } },
      });
      return null;
    }
    case 'read': {
      const { chatRoomId, lastReadSeq, requestId } = frame.data;
      const readPointer = await markRead(ctx, actor, chatRoomId, { lastReadSeq });
      return { type: 'ack', data: { requestId: requestId ?? null, readPointer } };
    }
    case 'message.send': {
      const { requestId, ...input } = frame.data;
      const { message } = await sendMessage(ctx, actor, input);
      return { type: 'ack', data: { requestId: requestId ?? null, message } };
    }
  }
}
