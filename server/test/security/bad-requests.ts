import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import {
  fieldsOf,
  validValue,
  withField,
  withoutField,
  type Operation,
  type Param,
  type Schema,
} from './openapi-operations.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// The server's own settings: bodies strict, path and query coerced from text.
const strict = addFormats(new Ajv({ coerceTypes: false, strict: false, removeAdditional: false }));
const coercing = addFormats(new Ajv({ coerceTypes: 'array', strict: false, removeAdditional: false }));

export interface BadRequest {
  /** What is wrong with it, for the failure message. */
  kind: string;
  /** False for oddities a route may ignore (an unknown query parameter): those only must not fail or write. */
  mustRefuse: boolean;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const bodyValid = (schema: Schema, value: unknown): boolean => strict.validate(schema, value);
const paramValid = (param: Param, raw: string): boolean =>
  coercing.validate({ type: 'object', properties: { v: param.schema } }, { v: raw });

/** Characters no text field should store: NUL, and halves of surrogate pairs. */
const badCharacter = fc.constantFrom('\u0000', '\ud800', '\udfff', '\u0000\ud83d', 'x\ude00y', '\u007f\u0000');
/** Text around a bad character, so patterns like "not only blanks" still hold. */
const badUnicodeText = fc.tuple(fc.string({ maxLength: 3 }), badCharacter).map(([s, bad]) => `k${s}${bad}`);

/** JSON values of every type, to put where the schema wants another. */
const anyJson = fc.oneof(
  fc.constantFrom<unknown>('text', '', 42, -1, 0, 4.5, 1e308, -1e308, 2 ** 53 + 2, true, false, null, [], {}, [1], {
    a: 1,
  }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Strings past a maximum length, some with multi-byte characters. */
const longText = (min: number) =>
  fc
    .tuple(fc.integer({ min: min + 1, max: min + 200 }), fc.constantFrom('x', 'é', '😀', '\u0000'))
    .map(([n, ch]) => ch.repeat(n));

/** Values at and past the numeric edges of a schema. */
function outOfRange(schema: Schema): fc.Arbitrary<unknown> {
  const edges: unknown[] = [1e308, -1e308, 2 ** 53 + 2, -(2 ** 53) - 2, 0.5, -0.5];
  if (schema.minimum !== undefined) edges.push(schema.minimum - 1, schema.minimum - 0.001);
  if (schema.maximum !== undefined) edges.push(schema.maximum + 1, schema.maximum + 0.001);
  return fc.constantFrom(...edges);
}

/** A field's value that breaks its schema in a way the field's type suggests. */
function badLeaf(schema: Schema): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [anyJson];
  const typed = schema.anyOf?.find((s) => s.type !== 'null') ?? schema;
  if (typed.type === 'integer' || typed.type === 'number') options.push(outOfRange(typed));
  if (typed.type === 'string') {
    options.push(
      longText(typed.maxLength ?? 10_000),
      fc.constantFrom('', ' ', '\t\n', 'not an email', '2026-13-45T99:00:00Z'),
    );
  }
  if (typed.type === 'array') options.push(fc.array(anyJson, { minLength: (typed.maxItems ?? 50) + 1, maxLength: 60 }));
  return fc.oneof(...options);
}

const json = (value: unknown): string => JSON.stringify(value);

/** Everything wrong that can happen to a JSON body of this schema: each one breaks it. */
function badBodies(schema: Schema): fc.Arbitrary<{ kind: string; payload: string | Buffer }> {
  const valid = validValue(schema) as Record<string, unknown>;
  const fields = fieldsOf(schema);
  const schemaBroken = fc
    .oneof(
      fc.constant<[string, unknown]>(['empty object', {}]),
      fc.constantFrom<unknown>([], 'a string', 42, null, true).map((v): [string, unknown] => ['not an object', v]),
      fc
        .constantFrom(...(schema.required ?? ['-']))
        .map((name): [string, unknown] => ['missing', withoutField(valid, name)]),
      fc
        .tuple(fc.string({ minLength: 1, maxLength: 20 }), anyJson)
        .filter(([name]) => !(name in (schema.properties ?? {})) && name !== '__proto__' && name !== 'constructor')
        .map(([name, v]): [string, unknown] => ['unknown field', { ...valid, [name]: v }]),
      ...(fields.length
        ? [
            fc
              .constantFrom(...fields)
              .chain((f) =>
                badLeaf(f.schema).map((leaf): [string, unknown] => [
                  `bad ${f.path.join('.')}`,
                  withField(schema, f.path, leaf),
                ]),
              ),
          ]
        : []),
    )
    .filter(([, value]) => !bodyValid(schema, value))
    .map(([kind, value]) => ({ kind, payload: json(value) }));
  const strings = fields.filter(
    (f) => (f.schema.anyOf?.find((s) => s.type === 'string') ?? f.schema).type === 'string',
  );
  const badUnicode = strings.length
    ? [
        fc.tuple(fc.constantFrom(...strings), badUnicodeText).map(([f, text]) => ({
          kind: `bad unicode in ${f.path.join('.')}`,
          payload: json(withField(schema, f.path, text)),
        })),
      ]
    : [];
  return fc.oneof(schemaBroken, ...badUnicode, malformedBody(json(valid)));
}

/** Bodies that are not JSON at all, or not UTF-8. */
function malformedBody(validJson: string): fc.Arbitrary<{ kind: string; payload: string | Buffer }> {
  return fc.oneof(
    fc
      .integer({ min: 1, max: Math.max(1, validJson.length - 1) })
      .map((n) => ({ kind: 'truncated JSON', payload: validJson.slice(0, n) })),
    fc
      .constantFrom(
        '{',
        '}',
        '{"a":}',
        "{'a':1}",
        '{"a":1,}',
        '[1,2',
        'NaN',
        '{"a":NaN}',
        'undefined',
        '\u0000',
        '{"a":"\u0000"}',
      )
      .map((payload) => ({ kind: 'malformed JSON', payload })),
    fc.constant({ kind: 'trailing garbage', payload: `${validJson}x` }),
    fc.constant({ kind: 'deep nesting', payload: `${'['.repeat(20_000)}${']'.repeat(20_000)}` }),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => ({
      kind: 'invalid UTF-8',
      payload: Buffer.concat([Buffer.from('{"'), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(bytes)]),
    })),
  );
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Authorization headers that name no one: each must get 401. */
const badAuthorizations = [
  '',
  'Bearer',
  'Bearer ',
  'Bearer abc',
  'Basic dXNlcjpwYXNzd29yZA==',
  `Bearer ${'a'.repeat(5000)}`,
  `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: '1', sid: 'x' })}.`,
  `Bearer ${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: '1' })}.c2lnbmF0dXJl`,
];

/** Path and query values the parameter's schema refuses, and text no parameter should carry. */
function badParamValue(param: Param): fc.Arbitrary<string> {
  // A query parser keeps a broken percent sequence as literal text, which is harmless; the router refuses it in a path.
  const badText =
    param.in === 'path'
      ? fc.constantFrom('a%00b', '%00', '%ED%A0%80', '%C3%28', '%FF', '%zz', 'a%E2%80')
      : fc.constantFrom('a%00b', '%00', 'k%00%00');
  const s = param.schema;
  const refused = fc
    .oneof(
      fc.constantFrom('abc', '-1', '0', '1.5', '1e400', 'NaN', 'null', 'true', '0x1F', '9'.repeat(30), '%20', '1%2C2'),
      fc.constantFrom(String((s.minimum ?? 0) - 1), String((s.maximum ?? 0) + 1), 'x'.repeat((s.maxLength ?? 600) + 1)),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
    )
    .filter((raw) => raw !== '' && !isDotSegment(param, raw) && !paramValid(param, safeDecode(raw)));
  return fc.oneof(refused, badText);
}

/** "." and ".." in a path are dot segments, which every URL parser resolves away before a request is sent. */
function isDotSegment(param: Param, raw: string): boolean {
  return param.in === 'path' && (raw === '.' || raw === '..');
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A request of the operation with the valid parts filled in and one part broken. */
export function badRequests(
  op: Operation,
  bodyLimitBytes: number,
  forgedTokens: string[] = [],
): fc.Arbitrary<BadRequest> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const query = op.params.filter((p) => p.in === 'query');
  const headers = op.params.filter((p) => p.in === 'header');
  const url = (pathValues: Record<string, string> = {}, qs = ''): string =>
    op.path.replace(
      /\{(\w+)\}/g,
      (_m, name: string) => pathValues[name] ?? String(validValue(pathParams.find((p) => p.name === name)!.schema)),
    ) + (qs ? `?${qs}` : requiredQuery());
  const requiredQuery = (): string => {
    const required = query.filter((p) => p.required);
    return required.length ? `?${required.map((p) => `${p.name}=${String(validValue(p.schema))}`).join('&')}` : '';
  };
  const hasBody = op.method !== 'GET';
  const validBody = op.body ? json(validValue(op.body)) : undefined;
  const base = (kind: string, over: Partial<BadRequest> = {}): BadRequest => ({
    kind,
    mustRefuse: true,
    method: op.method,
    url: url(),
    headers: validBody ? { 'content-type': 'application/json' } : {},
    ...(validBody ? { payload: validBody } : {}),
    ...over,
  });

  const arbitraries: fc.Arbitrary<BadRequest>[] = [];
  if (!hasBody) {
    arbitraries.push(
      // A read that declares query parameters refuses others; one that takes none ignores the query string.
      // Writes get only requests that are wrong.
      fc
        .tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 10 }))
        .filter(([name]) => !query.some((q) => q.name === name))
        .map(([name, value]) =>
          base('unknown query parameter', {
            mustRefuse: query.length > 0,
            url: `${url()}${url().includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
          }),
        ),
      fc.jsonValue({ maxDepth: 2 }).map((value) =>
        base('a body on GET', {
          mustRefuse: false,
          headers: { 'content-type': 'application/json' },
          payload: json(value),
        }),
      ),
    );
  }
  if (!op.public) {
    arbitraries.push(
      fc.constantFrom(...badAuthorizations, ...forgedTokens.map((token) => `Bearer ${token}`)).map((authorization) => {
        const request = base(`authorization ${authorization.slice(0, 30)}`);
        return { ...request, headers: { ...request.headers, authorization } };
      }),
    );
  }
  if (op.body) {
    arbitraries.push(badBodies(op.body).map(({ kind, payload }) => base(kind, { payload })));
  }
  if (hasBody) {
    arbitraries.push(
      fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/jsonx',
          'image/png',
        )
        .map((type) =>
          base(`content type ${type}`, { headers: { 'content-type': type }, payload: validBody ?? 'x=1' }),
        ),
      fc.constantFrom('{"a":"', '[').map((open) =>
        base('body over the limit', {
          headers: { 'content-type': 'application/json' },
          payload: `${open}${'x'.repeat(bodyLimitBytes + 1)}`,
        }),
      ),
    );
  }
  if (pathParams.length) {
    arbitraries.push(
      fc
        .tuple(fc.constantFrom(...pathParams), fc.constantFrom(...pathParams).chain(badParamValue))
        .map(([p, raw]) => base(`path ${p.name}=${raw.slice(0, 40)}`, { url: url({ [p.name]: raw }) })),
    );
  }
  if (query.length) {
    arbitraries.push(
      fc.constantFrom(...query).chain((p) =>
        badParamValue(p).map((raw) => {
          const others = query
            .filter((q) => q.required && q.name !== p.name)
            .map((q) => `${q.name}=${String(validValue(q.schema))}`);
          return base(`query ${p.name}=${raw.slice(0, 40)}`, {
            url: url({}, [...others, `${p.name}=${raw}`].join('&')),
          });
        }),
      ),
    );
  }
  for (const header of headers) {
    arbitraries.push(
      fc
        .constantFrom('has space', 'x'.repeat((header.schema.maxLength ?? 100) + 1), '')
        .filter((v) => !paramValid(header, v))
        .map((value) => {
          const request = base(`header ${header.name}`);
          return { ...request, headers: { ...request.headers, [header.name]: value } };
        }),
    );
  }
  return fc.oneof(...arbitraries);
}
