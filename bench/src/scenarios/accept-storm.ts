/**
 * An invitation accept storm: one activity with C places, N pending
 * invitations to distinct users, every receiver accepting at once over HTTP.
 * Exactly C must succeed. The reference replays the server's own accept
 * transaction (captured statement by statement) through pgbench on a twin
 * activity in the same database.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../../server/src/context.js';
import type { DB } from '../../../server/src/db/schema.js';
import { acceptInvitation } from '../../../server/src/modules/invitations/responses.js';
import { postJson, type BenchUser } from '../lib/api.js';
import { captureStatements } from '../lib/capture.js';
import { freshDatabase } from '../lib/database.js';
import { keepScript, pgbench } from '../lib/pgbench.js';
import { cpuSeconds } from '../lib/process-stats.js';
import { pgbenchFigures, type ScenarioResult } from '../lib/report.js';
import { setting } from '../lib/scale.js';
import { seedUsers } from '../lib/seed-users.js';
import { startServer } from '../lib/server-process.js';
import { inlineParameters } from '../lib/sql-literal.js';
import { percentile } from '../lib/stats.js';

const CAPACITY = setting('BENCH_ACCEPT_CAPACITY', 100, 10);
const INVITATIONS = setting('BENCH_ACCEPT_INVITATIONS', 1_000, 100);
const CLIENTS = setting('BENCH_CONNECTIONS', 10, 4);
/** Invitation ids start far above every user id, so a captured id cannot be mistaken for another. */
const FIRST_INVITATION_ID = 10_000_000;
const HOUR = 3_600_000;

interface Prepared {
  activityId: number;
  creator: BenchUser;
  invited: { invitationId: number; receiver: BenchUser }[];
}

/** A creator's activity with CAPACITY places besides the creator's, and INVITATIONS pending invitations. */
async function prepare(baseUrl: string, db: Kysely<DB>, secret: string, label: string): Promise<Prepared> {
  const [creator, ...receivers] = await seedUsers(db, secret, label, INVITATIONS + 1);
  const now = Date.now();
  const activity = await postJson<{ id: number }>(
    `${baseUrl}/activities/`,
    {
      title: 'Board games night',
      startTime: new Date(now + HOUR).toISOString(),
      endTime: new Date(now + 4 * HOUR).toISOString(),
      maxParticipants: CAPACITY + 1,
    },
    creator!.token,
  );
  // One at a time, so invitation ids follow receiver ids and the replay can derive one from the other.
  const invited: Prepared['invited'] = [];
  for (const receiver of receivers) {
    const invitation = await postJson<{ id: number }>(
      `${baseUrl}/invitations/`,
      { receiverId: receiver.id, activityId: activity.id, iceBreakerQuestion: 'Which game do you never lose?' },
      creator!.token,
    );
    invited.push({ invitationId: invitation.id, receiver });
  }
  return { activityId: activity.id, creator: creator!, invited };
}

async function accepted(db: Kysely<DB>, activityId: number): Promise<{ seated: number; accepted: number }> {
  const { rows } = await sql<{ seated: number; accepted: string }>`
    SELECT a.current_participants AS seated,
      (SELECT count(*) FROM invitations i WHERE i.activity_id = a.id AND i.status = 'ACCEPTED') AS accepted
    FROM activities a WHERE a.id = ${activityId}`.execute(db);
  return { seated: Number(rows[0]!.seated) - 1, accepted: Number(rows[0]!.accepted) };
}

/** A statement wrapped so that pgbench sets `:name` to whether it found a free place in the activity. */
const seatsLeft = (statement: string, name: string): string =>
  `WITH seen AS (${statement}) SELECT count(*) FILTER (WHERE current_participants < max_participants) AS ${name} FROM seen \\gset`;

/**
 * The server's accept as a pgbench script: the statements its code issued
 * for one real accept, with the invitation and receiver as variables. It
 * branches where the server does: a read that shows the activity full
 * refuses before any transaction; otherwise the transaction locks the
 * activity and reads the invitation, and rolls back there if the locked row
 * shows it full, as the server's does with ACTIVITY_FULL.
 */
function acceptScript(statements: string[], uidOffset: number, first: number): string {
  // The captured list holds the read the server makes first, then the transaction's own begin and commit.
  const begin = statements.findIndex((s) => /^begin$/i.test(s));
  const lock = statements.findIndex((s) => /^select .* from "activities" .* for no key update$/i.test(s));
  if (begin !== 1 || lock !== begin + 1) throw new Error('the captured accept is not read, begin, lock activity');
  const line = (s: string): string => (/^(begin|commit)$/i.test(s) ? `${s.toUpperCase()};` : `${s};`);
  return [
    `\\set inv ${first} + :client_id + :step * :clients`,
    `\\set uid :inv + ${uidOffset}`,
    '\\set step :step + 1',
    seatsLeft(statements[0]!, 'open'),
    '\\if :open',
    line(statements[begin]!),
    seatsLeft(statements[lock]!, 'locked_open'),
    line(statements[lock + 1]!),
    '\\if :locked_open',
    ...statements.slice(lock + 2).map(line),
    '\\else',
    'ROLLBACK;',
    '\\endif',
    '\\endif',
  ].join('\n');
}

export async function acceptStormScenario(): Promise<ScenarioResult> {
  const { url, db } = await freshDatabase('accept');
  await sql`SELECT setval('invitations_id_seq', ${FIRST_INVITATION_ID}::bigint)`.execute(db);
  const secret = randomBytes(32).toString('hex');
  const server = await startServer({
    DATABASE_URL: url,
    JWT_SECRET: secret,
    RATE_LIMIT_INVITATIONS_PER_MINUTE: '100000000',
  });
  try {
    const storm = await prepare(server.url, db, secret, 'storm');
    const twin = await prepare(server.url, db, secret, 'twin');

    // Every receiver at once; latency from the common start.
    const refusals = new Map<string, number>();
    const latencies: number[] = [];
    let succeeded = 0;
    const cpuBefore = cpuSeconds(server.pid);
    const start = performance.now();
    await Promise.all(
      storm.invited.map(async ({ invitationId, receiver }) => {
        const response = await fetch(`${server.url}/invitations/${invitationId}/accept`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${receiver.token}` },
        });
        const body = (await response.json()) as { code?: string };
        latencies.push(performance.now() - start);
        if (response.ok) succeeded += 1;
        else {
          const code = `${response.status} ${body.code ?? '?'}`;
          refusals.set(code, (refusals.get(code) ?? 0) + 1);
        }
      }),
    );
    const serverCpuMs = ((cpuSeconds(server.pid) - cpuBefore) * 1000) / INVITATIONS;
    const seconds = Math.max(...latencies) / 1000;
    latencies.sort((a, b) => a - b);
    const stored = await accepted(db, storm.activityId);

    // The reference: capture the server's accept of the twin's first invitation, replay it for the others.
    const [first, ...rest] = twin.invited;
    // The accept needs only the database, a clock and a bus to ring (nobody listens here).
    const captured = await captureStatements(url, (capture) =>
      acceptInvitation(
        { db: capture, clock: { now: () => new Date() }, bus: { publish: async () => {} } } as unknown as AppContext,
        { userId: first!.receiver.id, sessionId: '' },
        first!.invitationId,
      ),
    );
    const variables = new Map<unknown, string>([
      [first!.invitationId, 'inv'],
      [first!.receiver.id, 'uid'],
    ]);
    const statements = captured.map((s) => inlineParameters(s, variables));
    const uidOffset = rest[0]!.receiver.id - rest[0]!.invitationId;
    if (rest.some((r) => r.receiver.id - r.invitationId !== uidOffset)) {
      throw new Error('twin invitations and receivers are not in step');
    }
    const perClient = Math.floor(rest.length / CLIENTS);
    const script = acceptScript(statements, uidOffset, rest[0]!.invitationId);
    await keepScript('accept-storm', script);
    const reference = await pgbench(url, [script], {
      clients: CLIENTS,
      threads: 2,
      transactions: perClient,
      defines: { step: 0, clients: CLIENTS },
    });
    const twinStored = await accepted(db, twin.activityId);
    const codes = [...refusals].map(([code, n]) => `${n}× ${code}`).join(', ') || 'none';
    return {
      scenario: 'accept storm',
      setup:
        `one activity with ${CAPACITY} places, ${INVITATIONS.toLocaleString('en')} pending invitations to distinct users, ` +
        `all PUT /invitations/{id}/accept at once; pgbench: the server's accept transaction (${captured.length} statements, ` +
        `captured from its code) replayed for ${(perClient * CLIENTS).toLocaleString('en')} invitations of a twin activity by ${CLIENTS} clients`,
      rows: [
        {
          label: `${INVITATIONS.toLocaleString('en')} accepts for ${CAPACITY} places`,
          figures: {
            'accepts/s': INVITATIONS / seconds,
            p50: `${percentile(latencies, 50).toFixed(0)} ms`,
            p99: `${percentile(latencies, 99).toFixed(0)} ms`,
            succeeded,
            refused: codes,
            stored: `${stored.seated} seated, ${stored.accepted} accepted`,
            'server CPU/accept': `${serverCpuMs.toFixed(2)} ms`,
          },
          reference: {
            label: 'pgbench',
            figures: {
              ...pgbenchFigures(reference),
              stored: `${twinStored.seated} seated`,
            },
          },
          // The 2× bound is for read routes; for this write the reference is shown, not judged.
          target: `exactly ${CAPACITY} succeed`,
          met: succeeded === CAPACITY && stored.seated === CAPACITY && stored.accepted === CAPACITY,
        },
      ],
      notes: [
        'Accepts/s = invitations / time until the last answer; latency from the common start, so it includes queueing.',
        'The replay reuses the captured chat-room id in its final update (the room it inserts is new each time).',
      ],
    };
  } finally {
    await server.stop();
    await db.destroy();
  }
}
