// The synchronized viewer session in two Chromium windows on the real head CT: the emergency
// physician (A) leads, the on-call neurologist (B) follows; slice, VOI, a length measurement
// and B's cursor travel between them.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { peerArgs, requireDcmtk, runDcmtk } from '../archive/dimse/support/dcmtk';
import { launchChromium, screenshotDir } from '../support/browser';
import { signedInClient, type Client } from '../support/clients';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { SHARED_DIR } from '../support/shared';
import type { ViewerDebugState } from '../../app/viewer/debug-hook';

const HEAD_CT = path.join(SHARED_DIR, 'dicom', 'head-ct');
/** Each compressed copy of the head CT, with the storescu option that proposes its syntax. */
const COMPRESSED = [
  { folder: 'j2k-lossless', option: '-xv' },
  { folder: 'jpeg-lossless-sv1', option: '-xs' },
  { folder: 'jpegls-lossless', option: '-xt' },
  { folder: 'rle', option: '-xr' },
].map(({ folder, option }) => ({
  dir: path.join(SHARED_DIR, 'dicom', 'head-ct-compressed', folder),
  option,
}));
const STROKE_WINDOW = { windowCenter: 32, windowWidth: 8 };

/** Reads what a page's viewer shows, through the test-only window.__archipelViewer. */
const viewerState = (page: Page) =>
  page.evaluate(
    () => window.__archipelViewer?.getState() ?? null,
  ) as Promise<ViewerDebugState | null>;

async function openSession(context: BrowserContext, url: string) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      console.error(`[browser ${message.type()}] ${message.text()}`);
    }
  });
  await page.goto(url);
  await expect
    .poll(async () => (await viewerState(page))?.extra?.connection, { timeout: 60_000 })
    .toBe('joined');
  await expect
    .poll(async () => (await viewerState(page))?.numberOfSlices ?? 0, { timeout: 60_000 })
    .toBeGreaterThan(0);
  return page;
}

async function contextFor(browser: Browser, client: Client, server: TestServer, size: object) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: size as never });
  const [name, value] = client.cookie.split(/=(.*)/s);
  await context.addCookies([{ name, value, url: server.url }]);
  return context;
}

describe('synchronized viewer session in Chromium', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let doctor: Client;
  let neurologist: Client;
  let sessionUrl: string;
  let pageA: Page;
  let pageB: Page;

  beforeAll(async () => {
    requireDcmtk();
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url });
    // -R: only the contexts the files need, so storescu sends each file in its own syntax.
    for (const { dir, option } of [{ dir: HEAD_CT, option: '-xe' }, ...COMPRESSED]) {
      const stored = await runDcmtk('storescu', [
        '-R',
        option,
        ...peerArgs(server.dimsePort, 'CHUM_CT1'),
        '+sd',
        dir,
      ]);
      expect(stored.exitCode, stored.output).toBe(0);
    }

    [doctor, neurologist] = await Promise.all([
      signedInClient(server.url, 'urgence@chu-martinique.demo'),
      signedInClient(server.url, 'neuro@chu-guadeloupe.demo'),
    ]);
    const studies = await fetch(`${server.url}/dicomweb/studies`, {
      headers: { cookie: doctor.cookie, accept: 'application/dicom+json' },
    }).then((r) => r.json() as Promise<Record<string, { Value: string[] }>[]>);
    const studyInstanceUid = studies[0]['0020000D'].Value[0];

    const opened = await doctor.api('POST', '/api/cases', {
      patient: { localId: 'P-SESSION', name: 'SESSION^Test', birthDate: '1950-01-01', sex: 'M' },
      priority: 'STROKE_ALERT',
      doorTime: new Date(Date.now() - 20 * 60_000).toISOString(),
      lastKnownWell: new Date(Date.now() - 90 * 60_000).toISOString(),
      nihssOnArrival: 12,
      clinicalQuestion: 'Thrombolyse ?',
      studyInstanceUids: [studyInstanceUid],
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const caseId = opened.body.id as string;

    const invitation = neurologist.next<{ invitationId: string }>('invitation:new');
    const invited = await doctor.api('POST', `/api/cases/${caseId}/invitations`, {
      regionCode: 'GP',
    });
    expect(invited.status).toBe(201);
    const accepted = await neurologist.api(
      'POST',
      `/api/invitations/${(await invitation).invitationId}`,
      { response: 'accept' },
    );
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED' });

    browser = await launchChromium();
    sessionUrl = `${server.url}/cases/${caseId}/session`;
  });

  afterAll(async () => {
    await browser?.close();
    for (const client of [doctor, neurologist]) client?.close();
    await server?.stop();
    await database?.drop();
  });

  it('B follows A: slice, stroke window, a length, and B’s cursor on A’s screen', async () => {
    // A joins first and so leads; B's window has another shape, as a neurologist's laptop.
    const contextA = await contextFor(browser, doctor, server, { width: 1400, height: 900 });
    const contextB = await contextFor(browser, neurologist, server, { width: 1100, height: 820 });
    pageA = await openSession(contextA, sessionUrl);
    pageB = await openSession(contextB, sessionUrl);
    const stateA0 = (await viewerState(pageA))!;
    expect(stateA0.extra?.leaderId).toBe(stateA0.extra?.you);

    // A scrolls 12 slices down with the wheel and picks the stroke window.
    const viewportA = pageA.getByTestId('viewport');
    const boxA = (await viewportA.boundingBox())!;
    await pageA.mouse.move(boxA.x + boxA.width / 2, boxA.y + boxA.height / 2);
    for (let i = 0; i < 12; i++) {
      await pageA.mouse.wheel(0, 100);
      await pageA.waitForTimeout(30);
    }
    await pageA.locator('[data-preset="stroke"]').click();
    await expect.poll(async () => (await viewerState(pageA))?.voi).toEqual(STROKE_WINDOW);
    const stateA = (await viewerState(pageA))!;
    expect(stateA.sliceIndex).not.toBe(stateA0.sliceIndex);

    await expect
      .poll(async () => {
        const b = await viewerState(pageB);
        return b && { slice: b.sliceIndex, voi: b.voi, series: b.seriesInstanceUid };
      })
      .toEqual({ slice: stateA.sliceIndex, voi: STROKE_WINDOW, series: stateA.seriesInstanceUid });

    // A measures a length across the brain; B sees the same measurement with the same value.
    await pageA.locator('[data-tool="length"]').click();
    const from = { x: boxA.x + boxA.width * 0.42, y: boxA.y + boxA.height * 0.35 };
    const to = { x: boxA.x + boxA.width * 0.58, y: boxA.y + boxA.height * 0.62 };
    await pageA.mouse.move(from.x, from.y);
    await pageA.mouse.down();
    for (let step = 1; step <= 10; step++) {
      await pageA.mouse.move(
        from.x + ((to.x - from.x) * step) / 10,
        from.y + ((to.y - from.y) * step) / 10,
      );
    }
    await pageA.mouse.up();

    // Cornerstone computes the length on a throttle: read A's once it has settled.
    let settled: number | null = null;
    await expect
      .poll(async () => {
        const previous = settled;
        settled = (await viewerState(pageA))?.annotations[0]?.values?.lengthMm ?? null;
        return settled !== null && settled === previous;
      })
      .toBe(true);
    const lengthA = (await viewerState(pageA))!.annotations[0];
    expect(lengthA.kind).toBe('length');
    expect(lengthA.values!.lengthMm).toBeGreaterThan(20);
    await expect
      .poll(async () => {
        const b = (await viewerState(pageB))?.annotations.find((a) => a.id === lengthA.id);
        return b?.values?.lengthMm?.toFixed(1) ?? null;
      })
      .toBe(lengthA.values!.lengthMm!.toFixed(1));
    const lengthB = (await viewerState(pageB))!.annotations.find((a) => a.id === lengthA.id)!;
    expect(lengthB.sopInstanceUid).toBe(lengthA.sopInstanceUid);
    // The list shows the author's value as the server holds it, on both screens, in French.
    const listed = `${lengthA.values!.lengthMm!.toFixed(1).replace('.', ',')} mm`;
    await expect.poll(() => pageB.getByTestId('annotation-item').textContent()).toContain(listed);
    await expect.poll(() => pageA.getByTestId('annotation-item').textContent()).toContain(listed);

    // B points at the middle of its image; A draws B's cursor over the same anatomy.
    const viewportB = pageB.getByTestId('viewport');
    const boxB = (await viewportB.boundingBox())!;
    await pageB.mouse.move(boxB.x + boxB.width / 2 - 30, boxB.y + boxB.height / 2 - 10);
    await pageB.mouse.move(boxB.x + boxB.width / 2, boxB.y + boxB.height / 2, { steps: 5 });
    const cursorOnA = pageA.getByTestId('remote-cursor');
    await expect.poll(() => cursorOnA.count(), { timeout: 10_000 }).toBe(1);
    expect(await cursorOnA.textContent()).toContain('Lancry');
    // Same camera: the middle of B's image is the middle of A's, whatever the window sizes.
    await pageA.screenshot({ path: path.join(screenshotDir, 'session-a-doctor.png') });
    await pageB.screenshot({ path: path.join(screenshotDir, 'session-b-neurologist.png') });
    const tip = (await cursorOnA.boundingBox())!;
    const nowA = (await viewportA.boundingBox())!;
    console.log({
      tip,
      boxA,
      nowA,
      boxB,
      a: await viewerState(pageA),
      b: await viewerState(pageB),
    });
    expect(Math.abs(tip.x - (nowA.x + nowA.width / 2))).toBeLessThan(4);
    expect(Math.abs(tip.y - (nowA.y + nowA.height / 2))).toBeLessThan(4);
  });

  it('decodes every series: native, JPEG 2000, JPEG lossless, JPEG-LS, RLE', async () => {
    const series = pageA.getByRole('list', { name: 'Séries' }).getByRole('button');
    await expect.poll(() => series.count(), { timeout: 20_000 }).toBe(1 + COMPRESSED.length);

    // Series are listed by number, not by syntax: each click must open a series not seen yet.
    const seen = new Set<string>();
    for (let i = 0; i < 1 + COMPRESSED.length; i++) {
      await series.nth(i).click();
      await expect
        .poll(
          async () => {
            const state = await viewerState(pageA);
            if (!state?.seriesInstanceUid || seen.has(state.seriesInstanceUid)) return false;
            return state.loadedImages + state.failedImages === state.numberOfSlices;
          },
          { timeout: 90_000 },
        )
        .toBe(true);
      const state = (await viewerState(pageA))!;
      seen.add(state.seriesInstanceUid!);
      expect(state.failedImages, state.seriesInstanceUid!).toBe(0);
      expect(state.voi).not.toBeNull();
    }
    await pageA.screenshot({ path: path.join(screenshotDir, 'session-a-compressed.png') });
  });

  it('labels an arrow in the inline field, in French, and B sees the label', async () => {
    await pageA.locator('[data-tool="arrow"]').click();
    const box = (await pageA.getByTestId('viewport').boundingBox())!;
    await pageA.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
    await pageA.mouse.down();
    await pageA.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 8 });
    await pageA.mouse.up();

    // No prompt(): a field over the image asks for the label, and the page keeps running.
    const field = pageA.getByTestId('annotation-label');
    await expect.poll(() => field.isVisible()).toBe(true);
    expect(await field.textContent()).toContain('Légende de la flèche');
    await field.getByRole('textbox').fill('Hypodensité insulaire gauche');
    await pageA.screenshot({ path: path.join(screenshotDir, 'session-a-arrow-label.png') });
    await field.getByRole('textbox').press('Enter');
    await expect.poll(() => field.count()).toBe(0);

    const labelled = async (page: Page) =>
      (await viewerState(page))?.annotations.find((a) => a.kind === 'arrow')?.label ?? null;
    await expect.poll(() => labelled(pageA)).toBe('Hypodensité insulaire gauche');
    await expect.poll(() => labelled(pageB)).toBe('Hypodensité insulaire gauche');
  });
});
