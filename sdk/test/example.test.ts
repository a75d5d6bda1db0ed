import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.close());

it('the chat example runs against a server, as the README says', async () => {
  const example = fileURLToPath(new URL('../examples/chat.mjs', import.meta.url));
  // The example imports the built package, which the test setup has just built.
  const { stdout } = await promisify(execFile)(process.execPath, [example, server.url], { timeout: 20_000 });
  expect(stdout).toContain('Bob got #1 from Alice: Hi Bob! Fancy a coffee near the station?');
  expect(stdout).toContain('Alice got #2 from Bob: Hi Alice, gladly. In ten minutes?');
  expect(stdout).toContain('Bob got #3 from Alice: Perfect, see you there.');
  expect(stdout).toContain("Alice's room shows Perfect, see you there.");
});
