import { readFileSync } from 'node:fs';

/** The subset of JSON Schema the route schemas use. */
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  minProperties?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  /** `METHOD path`, as the authorization matrix names it. */
  key: string;
  method: string;
  path: string;
  public: boolean;
  params: Param[];
  body?: Schema;
}

interface RawOperation {
  security?: unknown[];
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const document = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema> };
};

/** The schema with every `$ref` replaced by what it names. */
export function inline(schema: Schema): Schema {
  if (schema.$ref) return inline(document.components.schemas[schema.$ref.split('/').pop()!]!);
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, inline(v)]));
  }
  if (schema.items) out.items = inline(schema.items);
  if (schema.anyOf) out.anyOf = schema.anyOf.map(inline);
  return out;
}

export const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => {
    const body = op.requestBody?.content['application/json']?.schema;
    return {
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      public: Array.isArray(op.security) && op.security.length === 0,
      params: (op.parameters ?? []).map((p) => ({ ...p, required: p.required ?? false, schema: inline(p.schema) })),
      ...(body ? { body: inline(body) } : {}),
    };
  }),
);

const knownPatterns: Record<string, string> = {
  '^[0-9]{1,10}(,[0-9]{1,10}){0,99}$': '2147483647',
  '^[^,]{1,32}(,[^,]{1,32}){0,9}$': 'tag',
  '\\S': 'a',
};

/**
 * A value the schema accepts. Ids are the largest there can be, so that a
 * request made of valid parts names nothing that exists.
 */
export function validValue(schema: Schema): unknown {
  if (schema.anyOf) return validValue(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.format === 'uri') return 'https://example.com/a';
      if (schema.format === 'date-time') return '2026-06-02T12:00:00.000Z';
      if (schema.pattern && knownPatterns[schema.pattern]) return knownPatterns[schema.pattern];
      return 'k'.repeat(Math.max(1, schema.minLength ?? 1));
    }
    case 'integer':
      return schema.maximum ?? schema.minimum ?? 1;
    case 'number':
      return schema.minimum !== undefined && schema.maximum !== undefined ? (schema.minimum + schema.maximum) / 2 : 0;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => validValue(schema.items ?? {}));
    case 'object': {
      const props = schema.properties ?? {};
      const names = schema.required?.length ? schema.required : Object.keys(props).slice(0, schema.minProperties ?? 0);
      return Object.fromEntries(names.map((name) => [name, validValue(props[name] ?? {})]));
    }
    default:
      return null;
  }
}

export interface Field {
  path: (string | number)[];
  schema: Schema;
}

/** Every field of a body schema, nested objects and array items included. */
export function fieldsOf(schema: Schema, path: (string | number)[] = []): Field[] {
  const object = schema.anyOf?.find((s) => s.type === 'object' || s.type === 'array') ?? schema;
  const own = path.length ? [{ path, schema }] : [];
  if (object.type === 'object' && object.properties) {
    return [...own, ...Object.entries(object.properties).flatMap(([name, sub]) => fieldsOf(sub, [...path, name]))];
  }
  if (object.type === 'array' && object.items) return [...own, ...fieldsOf(object.items, [...path, 0])];
  return own;
}

/** A valid value of `schema` whose field at `path` is `leaf`. */
export function withField(schema: Schema, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const container = schema.anyOf?.find((s) => s.type === 'object' || s.type === 'array') ?? schema;
  if (container.type === 'array') return [withField(container.items ?? {}, rest, leaf)];
  const base = (validValue(container) ?? {}) as Record<string, unknown>;
  return { ...base, [head!]: withField(container.properties?.[head as string] ?? {}, rest, leaf) };
}

export const withoutField = (value: unknown, name: string): unknown => {
  const copy = { ...(value as Record<string, unknown>) };
  delete copy[name];
  return copy;
};
