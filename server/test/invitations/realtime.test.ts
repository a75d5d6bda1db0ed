import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvitationSweeper } from '../../src/modules/invitations/sweeper.js';
import { createActivity, createUsers, eventsOf, type Actor } from '../activities/helpers.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';
import { startGateway, TestSocket, type Gateway } from '../realtime/gateway-client.js';
import { invitationClient, invite, type Invitation } from './helpers.js';

const HOUR = 3_600_000;

describe('invitations in real time', () => {
  let gw: Gateway;
  let world: Pick<TestApp, 'app' | 'db' | 'clock' | 'config'>;
  let api: ReturnType<typeof invitationClient>;
  const later = (hours: number): string => new Date(gw.clock.now().getTime() + hours * HOUR).toISOString();
  const sweeper = (batchSize?: number) => new InvitationSweeper(gw.ctx, gw.app.log, batchSize);

  beforeAll(async () => {
    gw = await startGateway({ accessTokenTtlSeconds: 365 * 86_400 });
    // The gateway's config carries its signing secret, like a test app's.
    world = { app: gw.app, db: gw.db, clock: gw.clock, config: gw.ctx.config as TestApp['config'] };
    api = invitationClient(gw);
  });
  afterAll(() => gw.close());

  const connect = async (user: TestUser): Promise<TestSocket> => {
    const socket = await TestSocket.withToken(gw.url, user.accessToken);
    await socket.waitForType('ready');
    return socket;
  };

  // Sockets need real sessions: these two register.
  const scene = async () => {
    const [alice, bob] = [await registerUser(gw.app), await registerUser(gw.app)];
    const activity = await createActivity(world, alice, { startTime: later(48), endTime: later(50) });
    return { alice, bob, activity };
  };

  it("delivers the invitation to the receiver's socket, and the accept to the sender's", async () => {
    const { alice, bob, activity } = await scene();
    const [a, b] = [await connect(alice), await connect(bob)];
    const invitation = await invite(gw, alice, bob, activity.id);
    const created = await b.waitForType('invitation.created');
    expect(created.data).toEqual(invitation);
    expect(created.cursor).toEqual(expect.any(Number));

    const accepted = (await api.accept(bob, invitation.id)).json<Invitation>();
    const update = await a.waitFor((f) => f.type === 'invitation.updated');
    expect(update.data).toEqual(accepted);
    expect(update.data.status).toBe('ACCEPTED');
    expect((await a.waitForType('chatroom.created')).data).toMatchObject({ id: accepted.chatRoomId });
    expect((await a.waitForType('participant.joined')).data).toMatchObject({ participant: { userId: bob.id } });
    a.close();
    b.close();
  });

  it('lets the sweeper mark expired invitations and announce them to both, live', async () => {
    const { alice, bob, activity } = await scene();
    const invitation = await invite(gw, alice, bob, activity.id, { expiresAt: later(1) });
    const b = await connect(bob);
    expect(await sweeper().sweep()).toBe(0);
    gw.clock.advance(HOUR);
    expect(await sweeper().sweep()).toBeGreaterThanOrEqual(1);
    const expired = await b.waitForType('invitation.expired');
    expect(expired.data).toEqual({ ...invitation, status: 'EXPIRED' });
    expect(await eventsOf(gw.db, alice.id, 'invitation.expired')).toHaveLength(1);
    expect(await sweeper().sweep()).toBe(0);
    b.close();
  });

  it('announces each expiry once when several sweepers race', async () => {
    const [alice, ...receivers] = (await createUsers(world, 31)) as Actor[];
    const activity = await createActivity(world, alice!, {
      startTime: later(48),
      endTime: later(50),
      maxParticipants: 40,
    });
    const invitations = [];
    for (const receiver of receivers)
      invitations.push(await invite(gw, alice!, receiver, activity.id, { expiresAt: later(1) }));
    gw.clock.advance(HOUR);
    const counts = await Promise.all([sweeper(4).sweep(), sweeper(4).sweep(), sweeper(4).sweep()]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(30);
    const announced = await eventsOf(gw.db, alice!.id, 'invitation.expired');
    expect(announced.map((e) => (e.data as Invitation).id).sort((x, y) => x - y)).toEqual(
      invitations.map((i) => i.id).sort((x, y) => x - y),
    );
    for (const receiver of receivers) expect(await eventsOf(gw.db, receiver.id, 'invitation.expired')).toHaveLength(1);
  });
});
