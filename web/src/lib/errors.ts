import { ApiError, NetworkError, type ErrorCode } from '@icebreaker/sdk';

/** A friendly sentence for each stable problem code the server can send. */
const messages: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Some of what you entered is not valid. Please check the form.',
  MALFORMED_JSON: 'The app sent something the server could not read. Please reload the page.',
  INVALID_CURSOR: 'This list is out of date. Please reload it.',
  UNAUTHENTICATED: 'Please sign in to continue.',
  INVALID_CREDENTIALS: 'That email and password do not match. Please try again.',
  INVALID_TOKEN: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_MET: 'You can only do that with someone you have met through a chat or an activity.',
  NOT_FOUND: 'We could not find that. It may have been removed.',
  ROUTE_NOT_FOUND: 'That is not available. Please update the app.',
  METHOD_NOT_ALLOWED: 'That is not available. Please update the app.',
  EMAIL_TAKEN: 'An account with this email already exists. Try signing in instead.',
  CONFLICT: 'That changed in the meantime. Please reload and try again.',
  IDEMPOTENCY_KEY_REUSED: 'That was already sent with different content. Please try again.',
  ACTIVITY_FULL: 'This activity is full.',
  ACTIVITY_CLOSED: 'This activity is cancelled or already over.',
  CAPACITY_BELOW_PARTICIPANTS: 'More people have already joined than that. Choose a larger number.',
  ALREADY_PARTICIPANT: 'You are already taking part in this activity.',
  NOT_PARTICIPANT: 'You are not taking part in this activity.',
  ALREADY_INVITED: 'You have already invited this person to this activity.',
  INVITATION_EXPIRED: 'This invitation has expired.',
  INVITATION_NOT_PENDING: 'This invitation has already been answered or cancelled.',
  ALREADY_CONNECTED: 'You already have this name card.',
  ACTIVITY_NOT_STARTED: 'You can rate people once the activity has started.',
  ALREADY_RATED: 'You have already rated this person for this activity.',
  RATING_CLOSED: 'Rating for this activity is closed.',
  PAYLOAD_TOO_LARGE: 'That is too long. Please shorten it.',
  UNSUPPORTED_MEDIA_TYPE: 'The app sent something the server could not read. Please reload the page.',
  RULE_VIOLATED: 'That is not allowed.',
  CANNOT_BLOCK_SELF: 'You cannot block yourself.',
  IMPOSSIBLE_SPEED: 'Your location jumped too far too fast. Please try again in a moment.',
  LOCATION_REQUIRED: 'Share your location first to see who is nearby.',
  QUERY_TOO_FAR: 'You can only search around where you are.',
  RATE_LIMITED: 'You are going a bit fast. Please wait a moment and try again.',
  INTERNAL: 'Something went wrong on our side. Please try again.',
  SERVICE_UNAVAILABLE: 'The service is busy right now. Please try again in a moment.',
};

const offline = 'You appear to be offline. Check your connection and try again.';
const unknown = 'Something went wrong. Please try again.';

export function problemMessage(error: unknown): string {
  if (error instanceof NetworkError) return offline;
  if (error instanceof ApiError) return codeMessage(error.code, error.status);
  return unknown;
}

/** The sentence for a problem code kept without its error (a refused outbox item). */
export function codeMessage(code: string, status?: number): string {
  const known = (messages as Record<string, string | undefined>)[code];
  if (known) return known;
  return status !== undefined && status >= 500 ? messages.INTERNAL : unknown;
}

/** The server's message about one field of a refused form (`body.email`), if any. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(`body.${field}`) : undefined;
}
