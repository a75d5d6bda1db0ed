/**
 * The one catalogue of errors a client can see. Services throw `AppError`
 * with one of these codes; the error handler turns it into problem+json.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  INVALID_CURSOR: { status: 400, title: 'The pagination cursor is not valid' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  INVALID_CREDENTIALS: { status: 401, title: 'The email or password is wrong' },
  INVALID_TOKEN: { status: 401, title: 'The token is invalid or has expired' },
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  NOT_MET: { status: 403, title: 'You and this user have not met' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  EMAIL_TAKEN: { status: 409, title: 'This email is already registered' },
  CONFLICT: { status: 409, title: 'The request conflicts with the current state' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'This idempotency key was used for a different request' },
  ACTIVITY_FULL: { status: 409, title: 'The activity has no free place' },
  ACTIVITY_CLOSED: { status: 409, title: 'The activity is cancelled or over' },
  CAPACITY_BELOW_PARTICIPANTS: { status: 409, title: 'maxParticipants cannot be lower than the places taken' },
  ALREADY_PARTICIPANT: { status: 409, title: 'This user already takes part in the activity' },
  NOT_PARTICIPANT: { status: 409, title: 'You do not take part in this activity' },
  ALREADY_INVITED: { status: 409, title: 'A pending invitation to this activity already exists' },
  INVITATION_EXPIRED: { status: 409, title: 'The invitation has expired' },
  INVITATION_NOT_PENDING: { status: 409, title: 'The invitation was already answered or cancelled' },
  ALREADY_CONNECTED: { status: 409, title: "You already collected this user's name card" },
  ACTIVITY_NOT_STARTED: { status: 409, title: 'The activity has not started yet' },
  ALREADY_RATED: { status: 409, title: 'You already rated this user for this activity' },
  RATING_CLOSED: { status: 409, title: 'Their rating of you for this activity is already visible' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The content type is not supported' },
  RULE_VIOLATED: { status: 422, title: 'The request breaks a rule' },
  CANNOT_BLOCK_SELF: { status: 422, title: 'You cannot block yourself' },
  IMPOSSIBLE_SPEED: { status: 422, title: 'This position implies an impossible speed' },
  LOCATION_REQUIRED: { status: 422, title: 'Share your location first' },
  QUERY_TOO_FAR: { status: 422, title: 'The search point is too far from your own position' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Something went wrong on our side' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'The service is temporarily unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string = errorCatalogue[code].title,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.status = errorCatalogue[code].status;
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} was not found`);
export const forbidden = (detail = 'You may only act as yourself'): AppError => new AppError('FORBIDDEN', detail);
