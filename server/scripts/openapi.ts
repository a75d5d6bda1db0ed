/**
 * Writes (`write`) or checks (`check`) the committed OpenAPI document, which
 * is generated from the route schemas and must never drift from them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';

const target = fileURLToPath(new URL('../openapi.json', import.meta.url));

export async function generateOpenApi(): Promise<string> {
  // The document needs the routes, not a database: this pool never connects.
  const database = await openDatabase({ kind: 'postgres', url: 'postgres://unused.invalid/none', poolSize: 1 });
  const app = await buildApp({ config: { ...loadConfig({}), jwtSecret: 'x'.repeat(32) }, database });
  const document = {
    'x-generated': 'Generated from the route schemas by `npm run openapi`. Do not edit.',
    ...app.swagger(),
  };
  await app.close();
  await database.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

const mode = process.argv[2];
const fresh = await generateOpenApi();
if (mode === 'write') {
  await writeFile(target, fresh);
  console.log('Wrote openapi.json');
} else {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== fresh) {
    console.error('openapi.json is out of date with the route schemas: run `npm run openapi` and commit it.');
    process.exit(1);
  }
  console.log('openapi.json matches the route schemas');
}
