import type { Api } from '../http/api.js';
import type { components } from '../generated/schema.generated.js';

type Schemas = components['schemas'];
type InvitationCreate = NonNullable<Parameters<Api['invitations']['createInvitation']>[0]>['body'];

/** The writes the outbox keeps, and what each needs. */
export interface OutboxWrites {
  'chat.message': { chatRoomId: number; content: string; messageType?: 'TEXT' | 'IMAGE' };
  'chat.read': { chatRoomId: number; lastReadSeq: number };
  'invitation.create': InvitationCreate;
  'invitation.accept': { invitationId: number };
  'invitation.decline': { invitationId: number };
  'invitation.cancel': { invitationId: number };
}

/** What the server answers to each. */
export interface OutboxResults {
  'chat.message': Schemas['ChatMessage'];
  'chat.read': Schemas['ChatReadPointer'];
  'invitation.create': Schemas['Invitation'];
  'invitation.accept': Schemas['Invitation'];
  'invitation.decline': Schemas['Invitation'];
  'invitation.cancel': Schemas['Invitation'];
}

export type OutboxKind = keyof OutboxWrites;

/**
 * Sends one write. Each is safe to repeat: messages carry their key as
 * `clientMessageId`, new invitations as `Idempotency-Key`; read pointers only
 * move forward; answering an invitation again returns it unchanged.
 */
export function deliver<K extends OutboxKind>(
  api: Api,
  kind: K,
  key: string,
  input: OutboxWrites[K],
): Promise<OutboxResults[K]> {
  const write = { kind, input } as { [P in OutboxKind]: { kind: P; input: OutboxWrites[P] } }[OutboxKind];
  const sent = (() => {
    switch (write.kind) {
      case 'chat.message':
        return api.chat.sendChatMessage({ body: { ...write.input, clientMessageId: key } });
      case 'chat.read':
        return api.chat.markChatRoomRead({
          id: write.input.chatRoomId,
          body: { lastReadSeq: write.input.lastReadSeq },
        });
      case 'invitation.create':
        return api.invitations.createInvitation({ body: write.input, headers: { 'idempotency-key': key } });
      case 'invitation.accept':
        return api.invitations.acceptInvitation({ id: write.input.invitationId });
      case 'invitation.decline':
        return api.invitations.declineInvitation({ id: write.input.invitationId });
      case 'invitation.cancel':
        return api.invitations.cancelInvitation({ id: write.input.invitationId });
    }
  })();
  return sent as Promise<OutboxResults[K]>;
}
