/**
 * Sums a V8 CPU profile (`BENCH_CPU_PROF`, `node --cpu-prof`) into where the
 * busy time went: by function (self time), and by package or server module
 * (inclusive time), idle time left out.
 *
 *   npm run profile -w bench -- <file.cpuprofile> [--skip-ms=N] [--top=N]
 *
 * `--skip-ms` leaves out the first N ms (start-up and warm-up).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds before each sample. */
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'skip-ms': { type: 'string', default: '0' }, top: { type: 'string', default: '25' } },
});
if (positionals.length !== 1) {
  console.error('usage: profile-summary <file.cpuprofile> [--skip-ms=N] [--top=N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const skipUs = Number(values['skip-ms']) * 1000;
const top = Number(values.top);

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

/** A package name, a server module (`server/…`), a Node.js built-in, or `(native)`. */
function ownerOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const server = /\/server\/dist\/(.+)$/.exec(url);
  if (server) return `server/${server[1]}`;
  return url || '(native)';
}

const selfUs = new Map<number, number>();
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  elapsedUs += delta;
  if (elapsedUs >= skipUs) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
});

const byFunction = new Map<string, number>();
const byOwner = new Map<string, number>();
let busyUs = 0;
let idleUs = 0;
for (const [id, us] of selfUs) {
  const { callFrame } = nodes.get(id)!;
  if (callFrame.functionName === '(idle)') {
    idleUs += us;
    continue;
  }
  busyUs += us;
  const name = `${callFrame.functionName || '(anonymous)'} ${ownerOf(callFrame.url)}:${callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  // Inclusive: every owner on the stack counts the sample once.
  const owners = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = nodes.get(at)!.callFrame;
    if (frame.functionName !== '(root)') owners.add(ownerOf(frame.url));
  }
  for (const owner of owners) byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
}

const ms = (us: number): string => `${(us / 1000).toFixed(0)} ms`;
console.log(`busy ${ms(busyUs)}, idle ${ms(idleUs)}`);
for (const [title, table] of [
  ['self time by function', byFunction],
  ['inclusive time by package or module', byOwner],
] as const) {
  console.log(`\n${title}`);
  for (const [name, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / busyUs).toFixed(1).padStart(6)} %  ${name}`);
  }
}
