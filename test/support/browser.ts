import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'test-results',
  'screenshots',
);

/**
 * Debian's Chromium, headless, with every background connection off: the machines this runs
 * on reach no network but loopback.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  }
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      ...extraArgs,
    ],
  });
}

/** Signs a demo user in through the real form and waits for the home page. */
export async function signInPage(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill('archipel-demo');
  await page.locator('button[type=submit]').click();
  await page.waitForURL(`${baseUrl}/`);
}
