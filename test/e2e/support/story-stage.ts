// The stage of the stroke story: one server on its own database, one Chromium with a fake
// camera and microphone, and one browser context a clinician, each with its own cookies.

import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { launchChromium, screenshotDir } from '../../support/browser';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';

/** Chromium's stand-ins for a camera, a microphone and the permission prompt. */
export const FAKE_MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Clinician {
  email: string;
  context: BrowserContext;
  /** The page the clinician works in; other tabs are opened with `newTab`. */
  page: Page;
  newTab(url: string): Promise<Page>;
}

export interface Stage {
  server: TestServer;
  database: TestDatabase;
  browser: Browser;
  /** Every uncaught error of every page, tagged with the clinician's e-mail. */
  pageErrors: string[];
  signIn(email: string, viewport?: { width: number; height: number }): Promise<Clinician>;
  /** Saves test-results/screenshots/story-<step>-<name>.png. */
  shoot(page: Page, step: number, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function openStage(): Promise<Stage> {
  const database = await createTestDatabase({ migrate: false });
  // One mediasoup worker is enough for two callers and spares the 2-core machine.
  const server = await startTestServer({ DATABASE_URL: database.url, MEDIA_WORKERS: '1' });
  const browser = await launchChromium(FAKE_MEDIA_ARGS);
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  const watch = (page: Page, email: string) =>
    page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`));

  return {
    server,
    database,
    browser,
    pageErrors,

    async signIn(email, viewport = { width: 1440, height: 900 }) {
      const context = await browser.newContext({
        locale: 'fr-FR',
        viewport,
        // The hospitals' own clock, as on their workstations.
        timezoneId: 'America/Martinique',
      });
      contexts.push(context);
      const page = await context.newPage();
      watch(page, email);

      await page.goto(`${server.url}/signin`);
      await page.locator('input[name=email]').fill(email);
      await page.locator('input[name=password]').fill('archipel-demo');
      await page.locator('button[type=submit]').click();
      await page.waitForURL(`${server.url}/`);

      return {
        email,
        context,
        page,
        async newTab(url) {
          const tab = await context.newPage();
          watch(tab, email);
          await tab.goto(url);
          return tab;
        },
      };
    },

    async shoot(page, step, name, fullPage = false) {
      await page.screenshot({
        path: path.join(screenshotDir, `story-${step}-${name}.png`),
        fullPage,
      });
    },

    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close().catch(() => undefined);
      await server?.stop();
      await database?.drop();
    },
  };
}
