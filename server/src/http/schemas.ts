import { Type, type TSchema } from 'typebox';

/** RFC 9457 problem details, with our stable `code` and field errors. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String(),
    code: Type.String({ description: 'Stable machine-readable error code', examples: ['VALIDATION_FAILED'] }),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
        description: 'The offending fields, for validation errors',
      }),
    ),
  },
  { $id: 'Problem', title: 'Problem', additionalProperties: true },
);

export const ProblemRef = Type.Ref('Problem');

const problemDescriptions: Record<number, string> = {
  400: 'Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR)',
  401: 'Missing or invalid access token',
  403: 'Not yours',
  404: 'Missing, or invisible to you',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Unsupported content type',
  422: 'A rule is violated',
  429: 'Rate limited',
};

/** Problem responses for the given statuses, for a route's `response` schema. */
export function problems(...statuses: number[]): Record<number, ProblemResponse> {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: problemDescriptions[s] ?? 'Error',
        content: { 'application/problem+json': { schema: ProblemRef } },
      },
    ]),
  );
}

interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: TSchema } };
}

/** Ids are PostgreSQL `integer`s: anything outside this range names nobody. */
export const MAX_ID = 2_147_483_647;

export const isId = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_ID;

export const IdSchema = (description?: string) =>
  Type.Integer({ minimum: 1, maximum: MAX_ID, ...(description ? { description } : {}) });

export const IdParams = Type.Object({ id: IdSchema() }, { additionalProperties: false });

export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size (at most 100)' });
export const CursorParam = Type.String({
  minLength: 1,
  maxLength: 512,
  description: 'Opaque cursor from `nextCursor`',
});

export const PageQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(CursorParam) });

export function Page<T extends TSchema>(item: T, title: string) {
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], {
        description: 'Cursor of the next page, or null at the end',
      }),
    },
    { title },
  );
}

export const DateTime = Type.String({ format: 'date-time' });
