import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium, screenshotDir, signInPage } from '../support/browser';
import { openConsultation, signedInClient } from '../support/clients';

const FAKE_MEDIA = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

describe('video and audio of a case session in two Chromium windows', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url, MEDIA_WORKERS: '1' });
    browser = await launchChromium(FAKE_MEDIA);

    const doctor = await signedInClient(server.url, 'urgence@chu-martinique.demo');
    const neurologist = await signedInClient(server.url, 'neuro@chu-guadeloupe.demo');
    caseId = await openConsultation(doctor, neurologist, {
      localId: 'VIDEO-1',
      clinicalQuestion: 'NIHSS en visio',
    });
    doctor.close();
    neurologist.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  async function openCall(email: string): Promise<Page> {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 900, height: 800 },
    });
    const page = await context.newPage();
    await signInPage(page, server.url, email);
    await page.goto(`${server.url}/cases/${caseId}/video`);
    return page;
  }

  const framesDecoded = (page: Page) =>
    page.evaluate(() => window.__archipelMedia?.framesDecoded() ?? Promise.resolve(0));

  it('each side decodes the other’s video, and again after leaving and rejoining', async () => {
    const doctor = await openCall('urgence@chu-martinique.demo');
    const neurologist = await openCall('neuro@chu-guadeloupe.demo');

    for (const page of [doctor, neurologist]) {
      await expect.poll(() => framesDecoded(page), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    expect(await doctor.evaluate(() => window.__archipelMedia!.peers())).toEqual([
      'Dr Marc Lancry',
    ]);
    await expect
      .poll(() => doctor.getByTestId('link-quality').count(), { timeout: 10_000 })
      .toBe(1);
    await doctor.screenshot({ path: path.join(screenshotDir, 'video-doctor.png') });
    await neurologist.screenshot({ path: path.join(screenshotDir, 'video-neurologist.png') });

    await neurologist.getByRole('button', { name: 'Quitter l’appel' }).click();
    await expect.poll(() => doctor.getByTestId('media-tile-remote').count()).toBe(0);
    await neurologist.getByRole('button', { name: 'Rejoindre l’appel' }).click();
    for (const page of [doctor, neurologist]) {
      await expect.poll(() => framesDecoded(page), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    await expect.poll(() => doctor.getByTestId('media-tile-remote').count()).toBe(1);
  });

  it('keeps anyone outside the case out of the call', async () => {
    const outsider = await openCall('urgence@ch-cayenne.demo');
    await expect
      .poll(() => outsider.getByTestId('session-media').textContent(), { timeout: 20_000 })
      .toContain('Seuls les participants du cas');
  });
});
