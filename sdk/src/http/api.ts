import createClient, { type Client } from 'openapi-fetch';
import { operationGroups } from '../generated/operations.generated.js';
import type { operations, paths } from '../generated/schema.generated.js';
import { ApiError } from './errors.js';
import type { FetchLike } from './transport.js';

type Groups = typeof operationGroups;
export type OperationId = { [G in keyof Groups]: keyof Groups[G] }[keyof Groups] & keyof operations;

type Present<T> = [Exclude<T, undefined>] extends [never] ? false : true;
type Params<O, Where extends string> = O extends { parameters: { [K in Where]?: infer P } }
  ? Exclude<P, undefined>
  : never;
type PathPart<O> = Present<Params<O, 'path'>> extends true ? Params<O, 'path'> : unknown;
type QueryPart<O> =
  Present<Params<O, 'query'>> extends true
    ? O extends { parameters: { query: object } }
      ? Params<O, 'query'>
      : Partial<Params<O, 'query'>>
    : unknown;
type HeaderPart<O> = Present<Params<O, 'header'>> extends true ? { headers?: Params<O, 'header'> } : unknown;
type BodyPart<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? { body?: B }
    : unknown;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * What one operation takes: its path and query parameters as fields, its
 * JSON body as `body`, its header parameters (`idempotency-key`) as `headers`.
 */
export type OperationInput<Id extends keyof operations> = Simplify<
  PathPart<operations[Id]> & QueryPart<operations[Id]> & HeaderPart<operations[Id]> & BodyPart<operations[Id]>
>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SuccessBodies<O> = O extends { responses: infer R }
  ? { [S in keyof R]: S extends SuccessStatus ? JsonContent<R[S]> : never }[keyof R]
  : never;
/** What one operation resolves to: its success body, or void for 204. */
export type OperationOutput<Id extends keyof operations> = [SuccessBodies<operations[Id]>] extends [never]
  ? void
  : SuccessBodies<operations[Id]>;

export interface CallOptions {
  signal?: AbortSignal;
}

/** Nothing required: the input may be left out. */
export type OperationMethod<Id extends keyof operations> =
  Record<never, never> extends OperationInput<Id>
    ? (input?: OperationInput<Id>, options?: CallOptions) => Promise<OperationOutput<Id>>
    : (input: OperationInput<Id>, options?: CallOptions) => Promise<OperationOutput<Id>>;

/** `api.chat.sendChatMessage(...)`: one method per operation, grouped by the module (OpenAPI tag) it belongs to. */
export type Api = {
  [G in keyof Groups]: { [Id in keyof Groups[G] & keyof operations]: OperationMethod<Id> };
};

export interface ApiClient {
  api: Api;
  /** The typed openapi-fetch client underneath, for calls by path: `http.GET('/users/{id}', ...)`. */
  http: Client<paths>;
  call<Id extends OperationId>(id: Id, input?: OperationInput<Id>, options?: CallOptions): Promise<OperationOutput<Id>>;
}

interface Operation {
  method: string;
  path: string;
}

const byId = new Map<string, Operation & { group: string }>(
  Object.entries(operationGroups).flatMap(([group, ops]) =>
    Object.entries(ops as Record<string, Operation>).map(([id, op]) => [id, { ...op, group }] as const),
  ),
);

/** `call(id, ...)` through the methods of `api`, so it behaves exactly as they do. */
export function callThrough(api: Api): ApiClient['call'] {
  type Untyped = Record<string, Record<string, (input?: unknown, options?: CallOptions) => Promise<unknown>>>;
  return ((id: string, input?: unknown, options?: CallOptions) => {
    const group = byId.get(id)?.group;
    if (group === undefined) throw new Error(`Unknown operation ${id}`);
    return (api as unknown as Untyped)[group]![id]!(input, options);
  }) as ApiClient['call'];
}

/**
 * Builds the typed methods from the generated operation table, so a route
 * added to the server is a method here as soon as the types are regenerated.
 * Every method resolves to the success body or throws ApiError (or
 * NetworkError when there was no answer).
 */
export function createApiClient(baseUrl: string, fetchImpl: FetchLike): ApiClient {
  const http = createClient<paths>({ baseUrl, fetch: fetchImpl });

  async function call(id: string, input: Record<string, unknown> = {}, options: CallOptions = {}): Promise<unknown> {
    const operation = byId.get(id);
    if (!operation) throw new Error(`Unknown operation ${id}`);
    const { body, headers, ...rest } = input;
    const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const path: Record<string, unknown> = {};
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) {
      if (pathNames.includes(key)) path[key] = value;
      else if (value !== undefined) query[key] = value;
    }
    const request = http.request as unknown as (
      method: string,
      url: string,
      init: Record<string, unknown>,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const result = await request(operation.method, operation.path, {
      params: { path, query, header: headers },
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!result.response.ok) throw await ApiError.fromResponse(result.response, result.error ?? null);
    return result.data;
  }

  const api = Object.fromEntries(
    Object.entries(operationGroups).map(([group, ops]) => [
      group,
      Object.fromEntries(
        Object.keys(ops).map((id) => [
          id,
          (input?: Record<string, unknown>, options?: CallOptions) => call(id, input, options),
        ]),
      ),
    ]),
  ) as unknown as Api;

  return { api, http, call: call as ApiClient['call'] };
}
