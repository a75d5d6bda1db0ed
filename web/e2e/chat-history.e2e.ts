import { createIcebreaker, type Icebreaker } from '@icebreaker/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { openPerson, type Person } from './people';
import { startServer, type RunningServer } from './server';

const BERLIN = { latitude: 52.52, longitude: 13.405 };
/** More than the room page loads at first (100), and fewer than two minutes' message budget of two people. */
const MESSAGES = 130;

describe('a long conversation in the web app', () => {
  let server: RunningServer;
  let browser: Browser;
  let cleo: Person;
  const clients: Icebreaker[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    cleo = await openPerson(browser, server.url, 'Cleo Hart', BERLIN);
  });
  afterAll(async () => {
    if (cleo?.errors.length) console.warn(cleo.errors.join('\n'));
    await Promise.all(clients.map((client) => client.close()));
    await browser?.close();
    await server?.stop();
    if (server?.problems.length) console.warn(server.problems.join('\n'));
  });

  it('loads earlier messages on request, each once and in order', async () => {
    const [me, dan] = [createIcebreaker({ baseUrl: server.url }), createIcebreaker({ baseUrl: server.url })];
    clients.push(me, dan);
    await me.register({ email: cleo.email, password: cleo.password, displayName: cleo.name });
    await dan.register({ email: `dan.${Date.now()}@example.com`, password: cleo.password, displayName: 'Dan Moss' });
    const room = await me.api.chat.createChatRoom({ body: { participant2Id: dan.userId! } });
    for (let n = 1; n <= MESSAGES; n++) {
      const sender = n % 2 === 0 ? me : dan;
      await sender.api.chat.sendChatMessage({ body: { chatRoomId: room.id, content: `Message number ${n}` } });
    }

    const { page } = cleo;
    await page.goto('/login');
    await page.getByLabel('Email').fill(cleo.email);
    await page.getByLabel('Password').fill(cleo.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Nearby', level: 1 }).waitFor();
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
});
