export { Icebreaker, createIcebreaker, type IcebreakerOptions } from './icebreaker.js';
export type {
  Api,
  ApiClient,
  CallOptions,
  OperationId,
  OperationInput,
  OperationMethod,
  OperationOutput,
} from './http/api.js';
export {
  ApiError,
  NetworkError,
  SignedOutError,
  isTransient,
  type ErrorCode,
  type FieldError,
  type Problem,
} from './http/errors.js';
export { errorStatuses } from './generated/error-codes.generated.js';
export { operationGroups } from './generated/operations.generated.js';
export type { components, operations, paths } from './generated/schema.generated.js';
export type { AuthSession, Session, SessionManager, SignOutReason } from './http/session.js';
export type { BackoffOptions } from './lib/backoff.js';
export type { Outbox, OutboxEvents, OutboxItem } from './outbox/outbox.js';
export type { OutboxKind, OutboxResults, OutboxWrites } from './outbox/writes.js';
export type { RealtimeClient, RealtimeEvents } from './realtime/client.js';
export type {
  ConnectionStatus,
  DurableEvents,
  DurableEventType,
  EphemeralEvents,
  PresenceState,
  RealtimeEvent,
} from './realtime/events.js';
export type { WebSocketConstructor } from './realtime/socket.js';
export { IndexedDbStorage, type IndexedDbStorageOptions } from './storage/indexeddb.js';
export { MemoryStorage, type KeyValueStorage } from './storage/storage.js';

import type { components } from './generated/schema.generated.js';
type Schemas = components['schemas'];
export type User = Schemas['User'];
export type ChatMessage = Schemas['ChatMessage'];
export type ChatRoom = Schemas['ChatRoom'];
export type ChatReadPointer = Schemas['ChatReadPointer'];
export type Activity = Schemas['Activity'];
export type ActivityParticipant = Schemas['ActivityParticipant'];
export type Invitation = Schemas['Invitation'];
export type Block = Schemas['Block'];
export type NameCard = Schemas['NameCard'];
export type Connection = Schemas['Connection'];
export type Rating = Schemas['Rating'];
