import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium, screenshotDir, signInPage } from '../support/browser';
import { SHARED_DIR } from '../support/shared';

const HEAD_CT = path.join(SHARED_DIR, 'dicom', 'head-ct');
const EDGE = path.join(SHARED_DIR, 'dicom', 'edge');

describe('uploading a CD folder in the browser', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('stores the good files, names the refused ones, and lists the study', async () => {
    const files = [
      ...readdirSync(HEAD_CT).map((name) => path.join(HEAD_CT, name)),
      path.join(EDGE, 'not_dicom.txt.dcm'),
      path.join(EDGE, 'truncated_mid_pixeldata.dcm'),
    ];
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    await signInPage(page, server.url, 'urgence@chu-martinique.demo');

    await page.goto(`${server.url}/archive`);
    await page.getByTestId('file-input').setInputFiles(files);

    const summary = page.getByTestId('upload-summary');
    await expect
      .poll(() => summary.textContent(), { timeout: 60_000 })
      .toBe('100 % · 108 sur 110 enregistrés · 2 refusés');
    const results = await page.getByTestId('upload-results').textContent();
    expect(results).toContain('not_dicom.txt.dcm');
    expect(results).toMatch(/not_dicom\.txt\.dcm.*(DICOM|Part 10|preamble)/i);
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');

    await expect
      .poll(() => page.getByTestId('study-list').textContent())
      .toContain('INVESALIUS CRANIUM');
    expect(await page.getByTestId('study-list').textContent()).toContain('108');
    await page.screenshot({ path: path.join(screenshotDir, 'archive-upload.png'), fullPage: true });
  });
});
