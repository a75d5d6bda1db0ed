import { createIcebreaker, type Icebreaker } from '@icebreaker/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { openPerson, type Person } from './people';
import { startServer, type RunningServer } from './server';

const BERLIN = { latitude: 52.52, longitude: 13.405 };
/** More than the room page loads at first (100), and fewer than two minutes' message budget of two people. */
const MESSAGES = 130;

describe('chat history and blocking in the web app', () => {
  let server: RunningServer;
  let browser: Browser;
  let cleo: Person;
  const clients: Icebreaker[] = [];

  let me: Icebreaker;

  /** Someone new, signed up through the SDK. */
  const someone = async (displayName: string): Promise<Icebreaker> => {
    const client = createIcebreaker({ baseUrl: server.url });
    clients.push(client);
    const email = `${displayName.split(' ')[0]!.toLowerCase()}.${Date.now()}@example.com`;
    await client.register({ email, password: cleo.password, displayName });
    return client;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    cleo = await openPerson(browser, server.url, 'Cleo Hart', BERLIN);
    me = createIcebreaker({ baseUrl: server.url });
    clients.push(me);
    await me.register({ email: cleo.email, password: cleo.password, displayName: cleo.name });
    const { page } = cleo;
    await page.goto('/login');
    await page.getByLabel('Email').fill(cleo.email);
    await page.getByLabel('Password').fill(cleo.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Nearby', level: 1 }).waitFor();
  });
  afterAll(async () => {
    if (cleo?.errors.length) console.warn(cleo.errors.join('\n'));
    await Promise.all(clients.map((client) => client.close()));
    await browser?.close();
    await server?.stop();
    if (server?.problems.length) console.warn(server.problems.join('\n'));
  });

  it('loads earlier messages on request, each once and in order', async () => {
    const dan = await someone('Dan Moss');
    const room = await me.api.chat.createChatRoom({ body: { participant2Id: dan.userId! } });
    for (let n = 1; n <= MESSAGES; n++) {
      const sender = n % 2 === 0 ? me : dan;
      await sender.api.chat.sendChatMessage({ body: { chatRoomId: room.id, content: `Message number ${n}` } });
    }

    const { page } = cleo;
    await page.goto(`/chats/${room.id}`);

    const messages = page.getByRole('list', { name: 'Messages with Dan Moss' });
    await messages.getByText(`Message number ${MESSAGES}`, { exact: true }).waitFor();
    const bubbles = messages.locator('li[data-seq]');
    expect(await bubbles.count()).toBe(100);

    await page.getByRole('button', { name: 'Load earlier messages' }).click();
    await messages.getByText('Message number 1', { exact: true }).waitFor();
    const seqs = await bubbles.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-seq'))));
    expect(seqs).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    await expect(page.getByRole('button', { name: 'Load earlier messages' }).count()).resolves.toBe(0);
    await cleo.screenshot('chat-history');
  });

  it('blocks someone from their profile and unblocks them from settings', async () => {
    const eli = await someone('Eli Grant');
    await me.api.chat.createChatRoom({ body: { participant2Id: eli.userId! } });
    const { page } = cleo;
    await page.goto(`/people/${eli.userId}`);
    await page.getByRole('link', { name: 'Message' }).waitFor();

    await page.getByRole('button', { name: 'Block Eli Grant' }).click();
    await page.getByRole('group', { name: 'Confirm block' }).getByRole('button', { name: 'Yes, block' }).click();
    await page.getByText('You blocked Eli Grant.').waitFor();
    expect(await page.getByRole('link', { name: 'Message' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Invite Eli Grant' }).count()).toBe(0);
    // The block is the server's: Eli can no longer open Cleo's profile.
    await expect(eli.api.users.getUser({ id: me.userId! })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await page.getByRole('navigation').getByRole('link', { name: 'Me', exact: true }).click();
    const blocked = page.getByRole('region', { name: 'Blocked people' });
    await blocked.getByRole('link', { name: 'Eli Grant' }).waitFor();
    await cleo.screenshot('blocked-people');
    await blocked.getByRole('button', { name: 'Unblock Eli Grant' }).click();
    await blocked.getByText('You have not blocked anyone.').waitFor();
    await expect(eli.api.users.getUser({ id: me.userId! })).resolves.toMatchObject({ displayName: 'Cleo Hart' });
  });
});
