import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));

export interface Person {
  name: string;
  email: string;
  password: string;
  context: BrowserContext;
  page: Page;
  /** Errors the page logged or threw, shown when the test fails. */
  errors: string[];
  /** Saves what this person sees now as screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
}

/** A person with their own browser context (own storage), on a phone-sized screen, standing at a place. */
export async function openPerson(
  browser: Browser,
  baseURL: string,
  name: string,
  at: { latitude: number; longitude: number },
): Promise<Person> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    geolocation: { ...at, accuracy: 20 },
    permissions: ['geolocation'],
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${name}: ${message.text()}`);
  });
  await mkdir(screenshotDir, { recursive: true });
  const slug = name.toLowerCase().split(' ')[0];
  return {
    name,
    email: `${slug}.${Date.now()}@example.com`,
    password: 'correct horse battery staple',
    context,
    page,
    errors,
    screenshot: async (screen) => {
      await page.screenshot({ path: `${screenshotDir}${screen}.png`, fullPage: true });
    },
  };
}

export async function signUp(person: Person, interests: string): Promise<void> {
  const { page } = person;
  await page.goto('/signup');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByLabel('Interests').fill(interests);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: 'Nearby', level: 1 }).waitFor();
}
