import { createIcebreaker } from '@icebreaker/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { openPerson, signUp, type Person } from './people';
import { startServer, type RunningServer } from './server';

/** Two people about 700 m apart in Berlin. */
const ALEX_AT = { latitude: 52.52, longitude: 13.405 };
const BEA_AT = { latitude: 52.5245, longitude: 13.4125 };
/** The activity starts this soon: the invitation is answered before, the ratings after. */
const STARTS_IN_MS = 75_000;

describe('two people meet through the web app', () => {
  let server: RunningServer;
  let browser: Browser;
  let alex: Person;
  let bea: Person;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    alex = await openPerson(browser, server.url, 'Alex Stone', ALEX_AT);
    bea = await openPerson(browser, server.url, 'Bea Rivers', BEA_AT);
  });
  afterAll(async () => {
    const pageErrors = [...(alex?.errors ?? []), ...(bea?.errors ?? [])];
    if (pageErrors.length) console.warn(pageErrors.join('\n'));
    await browser?.close();
    await server?.stop();
    if (server?.problems.length) console.warn(server.problems.join('\n'));
  });

  it('finds, invites, chats live and offline, rates and collects name cards', async () => {
    await signUp(bea, 'climbing, coffee');
    await signUp(alex, 'climbing, board games');
    // Bea has shared her position (the nearby page asks for it on arrival).
    await bea.page
      .getByRole('heading', { name: /Nobody nearby|km/ })
      .first()
      .waitFor();

    const title = 'Bouldering at the hall';
    const activity = await createActivitySoon(server.url, alex, title);

    // Alex finds Bea nearby, under a distance bucket, and opens her profile.
    await alex.page.reload();
    const beaLink = alex.page.getByRole('link', { name: /Bea Rivers/ });
    await beaLink.waitFor();
    await expect(alex.page.getByRole('region', { name: /km/ }).first().isVisible()).resolves.toBe(true);
    await alex.screenshot('nearby');
    await beaLink.click();
    await alex.page.getByRole('heading', { name: 'Bea Rivers', level: 1 }).waitFor();

    // Bea watches her inbox while the invitation is sent.
    await bea.page.getByRole('link', { name: /Inbox/ }).click();
    await bea.page.getByText('No invitations yet').waitFor();

    const invite = alex.page.getByRole('form', { name: 'Invite Bea Rivers' });
    await invite.getByLabel('Activity').selectOption(String(activity.id));
    await invite.getByLabel('Message').fill('Fancy some climbing?');
    await invite.getByLabel('Ice-breaker question').fill('What was your first climb?');
    await alex.screenshot('person');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await alex.page.getByText('Invitation sent').waitFor();

    // It appears for Bea at once, with its question and a countdown to its expiry.
    const received = bea.page.getByRole('listitem', { name: 'Invitation from Alex Stone' });
    await received.waitFor();
    await received.getByText('What was your first climb?').waitFor();
    await received
      .getByRole('timer')
      .getByText(/Expires in/)
      .waitFor();
    await bea.screenshot('inbox');
    await received.getByRole('button', { name: 'Accept' }).click();
    await received.getByText('Accepted').waitFor();

    // Alex sees the answer live in the invitations he sent.
    await alex.page.getByRole('link', { name: /Inbox/ }).click();
    await alex.page.getByRole('tab', { name: 'Sent' }).click();
    await alex.page.getByRole('listitem', { name: 'Invitation to Bea Rivers' }).getByText('Accepted').waitFor();

    // Both open their chat.
    await received.getByRole('link', { name: 'Open chat' }).click();
    await alex.page.getByRole('link', { name: /Chats/ }).click();
    await alex.page.getByRole('link', { name: 'Chat with Bea Rivers' }).waitFor();
    await alex.screenshot('chats');
    await alex.page.getByRole('link', { name: 'Chat with Bea Rivers' }).click();
    const alexMessages = alex.page.getByRole('list', { name: 'Messages with Bea Rivers' });
    const beaMessages = bea.page.getByRole('list', { name: 'Messages with Alex Stone' });
    await alexMessages.waitFor();
    await beaMessages.waitFor();

    // Bea sees Alex typing, then his message; Alex sees she read it.
    const alexBox = alex.page.getByLabel('Message', { exact: true });
    await alexBox.pressSequentially('Hi Bea, see you at the wall!', { delay: 30 });
    await bea.page.getByText('Alex Stone is typing…').waitFor();
    await bea.screenshot('chat-typing');
    await alexBox.press('Enter');
    await beaMessages.getByText('Hi Bea, see you at the wall!').waitFor();
    await alexMessages.getByRole('listitem').filter({ hasText: 'Hi Bea' }).getByLabel('Read').waitFor();
    await bea.page.getByLabel('Message', { exact: true }).fill('Great, I will bring chalk.');
    await bea.page.getByLabel('Message', { exact: true }).press('Enter');
    await alexMessages.getByText('Great, I will bring chalk.').waitFor();
    await alex.screenshot('chat');

    // Offline, Alex's message waits as pending; back online it is sent, and Bea gets it once.
    await alex.context.setOffline(true);
    await alexBox.fill('Sent from the tunnel');
    await alexBox.press('Enter');
    await alexMessages
      .getByRole('listitem')
      .filter({ hasText: 'Sent from the tunnel' })
      .getByText('Pending…')
      .waitFor();
    await alex.screenshot('chat-offline');
    await alex.context.setOffline(false);
    await beaMessages.getByText('Sent from the tunnel').waitFor({ timeout: 60_000 });
    await alexMessages
      .getByRole('listitem')
      .filter({ hasText: 'Sent from the tunnel' })
      .getByLabel(/Sent|Read/)
      .waitFor();
    await bea.page.waitForTimeout(1500);
    expect(await beaMessages.getByText('Sent from the tunnel').count()).toBe(1);

    // Once the activity has started, each rates the other and collects the other's name card.
    await waitUntil(activity.startsAt);
    for (const [rater, rated] of [
      [alex, bea],
      [bea, alex],
    ] as const) {
      await rater.page.goto(`/chats`);
      await rater.page.getByRole('link', { name: `Chat with ${rated.name}` }).click();
      await rater.page.getByRole('link', { name: 'View profile' }).click();
      const form = rater.page.getByRole('form', { name: `Rate ${rated.name} for ${title}` });
      await form.getByLabel('5 stars').check({ force: true });
      await form.getByLabel('Comment (optional)').fill('Lovely climbing partner.');
      await form.getByRole('button', { name: 'Send rating' }).click();
      await rater.page.getByText('Rating sent').waitFor();
      await rater.page.getByRole('button', { name: 'Collect name card' }).click();
      await rater.page.getByText('Name card collected').waitFor();
      await rater.screenshot(rater === alex ? 'person-after-meeting' : 'person-after-meeting-bea');
    }
    await alex.page.goto('/cards');
    await alex.page.getByText('Bea Rivers').first().waitFor();
    await alex.screenshot('name-cards');
    await alex.page.goto('/meetups');
    await alex.page.getByText(title).first().waitFor();
    await alex.screenshot('activities');

    await alex.page.getByRole('link', { name: 'Me', exact: true }).click();
    await alex.page.getByRole('form', { name: 'Your profile' }).waitFor();
    await alex.screenshot('me');
    await alex.page.getByRole('button', { name: 'Sign out' }).click();
    await alex.page.getByRole('heading', { name: 'Log in' }).waitFor();
    await alex.screenshot('login');
  });
});

/** Alex's activity starting in a little over a minute (the form picks whole minutes, so the test makes it directly). */
async function createActivitySoon(
  baseUrl: string,
  person: Person,
  title: string,
): Promise<{ id: number; startsAt: number }> {
  const ib = createIcebreaker({ baseUrl });
  try {
    await ib.login(person.email, person.password);
    const start = Date.now() + STARTS_IN_MS;
    const { id } = await ib.api.activities.createActivity({
      body: {
        title,
        description: 'Easy routes, all levels welcome.',
        location: 'Boulderhalle Mitte',
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + 2 * 3600_000).toISOString(),
        maxParticipants: 4,
        tags: ['climbing'],
      },
    });
    return { id, startsAt: start };
  } finally {
    await ib.close();
  }
}

async function waitUntil(time: number): Promise<void> {
  const wait = time - Date.now() + 1000;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
