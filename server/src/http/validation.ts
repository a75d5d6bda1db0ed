import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    // Unknown fields are an error, never silently dropped.
    removeAdditional: false,
    allErrors: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Half of a surrogate pair without the other half. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string): boolean => text.includes('\u0000') || loneSurrogate.test(text);

/**
 * The JSON Pointer of the first string (value or key) that no column can
 * store as sent: a NUL, or half of a surrogate pair, which would otherwise be
 * replaced silently on the way to the database.
 */
export function badTextAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return unstorable(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key}`;
    if (unstorable(key)) return at;
    const found = badTextAt(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Schema validation, then a check that every string is text a column can hold. */
function withTextCheck(validate: Validator): Validator {
  const checked: Validator = (data) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const at = badTextAt(data);
    checked.errors =
      at === undefined
        ? null
        : [
            {
              instancePath: at,
              schemaPath: '#',
              keyword: 'text',
              params: {},
              message: 'must not contain NUL or unpaired surrogates',
            },
          ];
    return at === undefined;
  };
  return checked;
}

/**
 * Bodies are validated strictly (a string is never turned into a number);
 * path, query and headers arrive as text and are coerced.
 */
export function buildValidatorCompiler(externalSchemas: Record<string, unknown>): FastifySchemaCompiler<unknown> {
  // The route schemas reach the compiler one HTTP part at a time.
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  for (const schema of Object.values(externalSchemas)) {
    strict.addSchema(schema as object);
    coercing.addSchema(schema as object);
  }
  return ({ schema, httpPart }) =>
    withTextCheck((httpPart === 'body' ? strict : coercing).compile(schema as object) as Validator);
}
