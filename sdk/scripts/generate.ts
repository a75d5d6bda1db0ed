/**
 * Writes (`write`) or checks (`check`) the SDK's generated files: the types
 * of the server's committed OpenAPI document, the table of its operations
 * grouped by tag, and the server's error codes. `check` fails when any
 * committed file differs from what the current server would generate.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3, type OperationObject } from 'openapi-typescript';
import { errorCatalogue } from '../../server/src/http/errors.js';

const documentPath = fileURLToPath(new URL('../../server/openapi.json', import.meta.url));
const generatedDir = new URL('../src/generated/', import.meta.url);

const header = (source: string): string =>
  `// Generated from ${source} by \`npm run generate -w sdk\`. Do not edit.\n` +
  '// `npm run check:generated -w sdk` (part of `npm test`) fails when it drifts.\n\n';

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

async function schemaTypes(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(document, { alphabetize: true, silent: true });
  return header('server/openapi.json') + astToString(ast);
}

/** Every operation with a JSON (or empty) success response, by tag; the WebSocket upgrade has none. */
function operationTable(document: OpenAPI3): string {
  const groups = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const operation = (item as Record<string, OperationObject | undefined>)[method];
      if (!operation?.operationId) continue;
      const statuses = Object.keys(operation.responses ?? {}).map(Number);
      if (!statuses.some((s) => s >= 200 && s < 300)) continue;
      const tag = operation.tags?.[0] ?? 'other';
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      const line = `    ${operation.operationId}: { method: '${method}', path: '${path}', public: ${isPublic} },`;
      groups.set(tag, [...(groups.get(tag) ?? []), line]);
    }
  }
  const body = [...groups].map(([tag, lines]) => `  ${tag}: {\n${lines.join('\n')}\n  },`).join('\n');
  return (
    header('server/openapi.json') +
    '/** Every REST operation of the server, by OpenAPI tag: method, path template, and whether it needs no token. */\n' +
    `export const operationGroups = {\n${body}\n} as const;\n`
  );
}

function errorCodes(): string {
  const entries = Object.entries(errorCatalogue)
    .map(([code, { status }]) => `  ${code}: ${status},`)
    .join('\n');
  return (
    header("the server's error catalogue (server/src/http/errors.ts)") +
    '/** Every stable `code` a problem response may carry, with its HTTP status. */\n' +
    `export const errorStatuses = {\n${entries}\n} as const;\n\n` +
    'export type ErrorCode = keyof typeof errorStatuses;\n'
  );
}

const document = JSON.parse(await readFile(documentPath, 'utf8')) as OpenAPI3;
const files: Record<string, string> = {
  'schema.generated.ts': await schemaTypes(document),
  'operations.generated.ts': operationTable(document),
  'error-codes.generated.ts': errorCodes(),
};

const mode = process.argv[2];
if (mode === 'write') {
  for (const [name, text] of Object.entries(files)) await writeFile(new URL(name, generatedDir), text);
  console.log(`Wrote ${Object.keys(files).join(', ')}`);
} else {
  const stale: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const committed = await readFile(new URL(name, generatedDir), 'utf8').catch(() => '');
    if (committed !== text) stale.push(name);
  }
  if (stale.length > 0) {
    console.error(
      `The SDK's generated files are out of date with the server (${stale.join(', ')}): ` +
        'run `npm run generate -w sdk` and commit them.',
    );
    process.exit(1);
  }
  console.log("The SDK's generated files match the server");
}
