// Reading and driving a session page (the shared viewer and the call) through its test hooks
// window.__archipelViewer and window.__archipelMedia, never by reading pixels.

import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

import type { ViewerDebugState } from '../../../app/viewer/debug-hook';

/** What the session adds to the viewer state (session-workspace.tsx). */
export interface SessionExtra {
  you: string | null;
  leaderId: string | null;
  mode: string | null;
  connection: string;
}

export type SessionViewState = ViewerDebugState & { extra: SessionExtra };

export const viewerState = (page: Page) =>
  page.evaluate(
    () => window.__archipelViewer?.getState() ?? null,
  ) as Promise<SessionViewState | null>;

export const viewerReady = (page: Page) =>
  page.evaluate(() => window.__archipelViewer?.ready ?? false);

/** Frames of remote video decoded on this page so far. */
export const framesDecoded = (page: Page) =>
  page.evaluate(() => window.__archipelMedia?.framesDecoded() ?? Promise.resolve(0));

export const callPeers = (page: Page) => page.evaluate(() => window.__archipelMedia?.peers() ?? []);

/** What a follower must show for it to be "on the leader's view". */
export const sharedView = (state: SessionViewState | null) =>
  state && {
    series: state.seriesInstanceUid,
    slice: state.sliceIndex,
    voi: state.voi,
  };

/**
 * Waits until the page has joined the session and shows an image of the CT.
 *
 * @param timeout - the first load of a 108-slice stack on a 2-core machine takes a while
 */
export async function waitForSession(page: Page, timeout = 60_000) {
  await expect
    .poll(async () => (await viewerState(page))?.extra?.connection ?? null, { timeout })
    .toBe('joined');
  await expect.poll(() => viewerReady(page), { timeout }).toBe(true);
}

/** Both ends of the call decode the other's video. */
export async function waitForVideo(page: Page, timeout = 30_000) {
  await expect.poll(() => framesDecoded(page), { timeout }).toBeGreaterThan(0);
}

/**
 * Scrolls the stack `slices` images with the mouse wheel, one notch at a time, each notch
 * confirmed before the next so that no wheel event is coalesced away.
 */
export async function scrollSlices(page: Page, viewport: Locator, slices: number) {
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let notch = 0; notch < Math.abs(slices); notch++) {
    const before = (await viewerState(page))!.sliceIndex;
    await page.mouse.wheel(0, Math.sign(slices) * 100);
    await expect.poll(async () => (await viewerState(page))!.sliceIndex).not.toBe(before);
  }
}

/** A press, a drag in ten steps and a release between two points given as viewport fractions. */
export async function dragAcross(
  page: Page,
  viewport: Locator,
  from: { x: number; y: number },
  to: { x: number; y: number },
) {
  const box = (await viewport.boundingBox())!;
  const at = (p: { x: number; y: number }) => ({
    x: box.x + box.width * p.x,
    y: box.y + box.height * p.y,
  });
  const start = at(from);
  const end = at(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(
      start.x + ((end.x - start.x) * step) / 10,
      start.y + ((end.y - start.y) * step) / 10,
    );
  }
  await page.mouse.up();
}

/**
 * Draws an arrow and types its label in the field the viewer opens over the image
 * (data-testid="annotation-label"). Resolves once the page holds one more arrow so labelled.
 */
export async function drawArrow(
  page: Page,
  viewport: Locator,
  from: { x: number; y: number },
  to: { x: number; y: number },
  label: string,
) {
  const labelled = async () =>
    ((await viewerState(page))?.annotations ?? []).filter(
      (a) => a.kind === 'arrow' && a.label === label,
    ).length;
  const before = await labelled();

  await dragAcross(page, viewport, from, to);
  const field = page.getByTestId('annotation-label');
  await field.waitFor();
  await field.locator('input').fill(label);
  await field.locator('input').press('Enter');
  await expect.poll(labelled).toBe(before + 1);
}

/**
 * The length of a measurement once Cornerstone has settled it (it computes on a throttle):
 * the same value read twice in a row.
 */
export async function settledLength(page: Page, annotationId: string): Promise<number> {
  let previous: number | null = null;
  let settled: number | null = null;
  await expect
    .poll(async () => {
      previous = settled;
      const state = await viewerState(page);
      settled = state?.annotations.find((a) => a.id === annotationId)?.values?.lengthMm ?? null;
      return settled !== null && settled === previous;
    })
    .toBe(true);
  return settled!;
}
