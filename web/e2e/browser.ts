import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Chromium from the system (Debian's by default; CHROMIUM_PATH for
 * another). Playwright gives each launch a fresh temporary profile, and each
 * context its own storage, so two contexts are two separate people.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
