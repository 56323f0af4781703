// The tele-stroke story of the README, end to end, in three Chromium contexts at once: the
// emergency physician of CHU de Martinique, the on-call neurologist of Guadeloupe and the
// network's coordinator. Each step is checked on the pages and on the server's record, and
// leaves a screenshot in test-results/screenshots/story-<step>-<name>.png.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { signedInClient } from '../support/clients';
import { SHARED_DIR } from '../support/shared';
import { formatElapsed } from '../../app/lib/stroke-clocks';
import { CaseRecords } from './support/case-records';
import {
  callPeers,
  dragAcross,
  framesDecoded,
  drawArrow,
  scrollSlices,
  settledLength,
  sharedView,
  viewerState,
  waitForSession,
  waitForVideo,
} from './support/session-probe';
import { openStage, type Clinician, type Stage } from './support/story-stage';

const HEAD_CT = path.join(SHARED_DIR, 'dicom', 'head-ct');
const PATIENT_ID = 'INV0051';
const STROKE_WINDOW = { windowCenter: 32, windowWidth: 8 };

const PHYSICIAN = 'urgence@chu-martinique.demo';
const NEUROLOGIST = 'neuro@chu-guadeloupe.demo';
const COORDINATOR = 'coordination@archipel.demo';
const NEUROLOGIST_NAME = 'Dr Marc Lancry';

// Live updates cross a socket and a refetch; a loaded two-core machine needs more than
// vitest's one-second default.
const eventually = <T>(read: () => T | Promise<T>, timeout = 15_000) =>
  expect.poll(read, { timeout });

/** "67.0 mm" or "67,0 mm": the list writes lengths in the reader's language. */
const millimetres = (value: number) => new RegExp(`${value.toFixed(1).replace('.', '[.,]')}\\s?mm`);

/** A datetime-local value `minutesAgo` before now, in the page's own time zone. */
const localInputTime = (page: Page, minutesAgo: number) =>
  page.evaluate((ms) => {
    const d = new Date(Date.now() - ms);
    const pad = (n: number) => String(n).padStart(2, '0');
    return (
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
      `T${pad(d.getHours())}:${pad(d.getMinutes())}`
    );
  }, minutesAgo * 60_000);

describe('the stroke story: door, CT, alert, shared reading, record', () => {
  let stage: Stage;
  let records: CaseRecords;
  let physician: Clinician;
  let neurologist: Clinician;
  let coordinator: Clinician;
  let caseId: string;
  let reference: string;
  let studyInstanceUid: string;
  let physicianSession: Page;
  let neurologistSession: Page;
  let physicianCase: Page;
  /** Ids of the neurologist's arrow and length, and the length in mm. */
  const drawn = { arrowId: '', lengthId: '', lengthMm: 0 };

  beforeAll(async () => {
    stage = await openStage();
    records = await CaseRecords.open(stage.database.url);

    // Another site's urgent case has waited 40 minutes: the new stroke alert must still
    // come first in the queue.
    const cayenne = await signedInClient(stage.server.url, 'urgence@ch-cayenne.demo');
    const earlier = await cayenne.api('POST', '/api/cases', {
      patient: { localId: 'CAY-0007', name: 'PIERRE^Louis' },
      priority: 'URGENT',
      doorTime: new Date(Date.now() - 40 * 60_000).toISOString(),
      clinicalQuestion: 'Céphalées brutales, avis ?',
    });
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);
    cayenne.close();

    // The coordinator's queue is open before anything happens, and is never reloaded.
    coordinator = await stage.signIn(COORDINATOR);
    await coordinator.page.goto(`${stage.server.url}/queue`);
    // (expect.poll is for tests only: a hook waits with the locator.)
    await coordinator.page.getByTestId('queue-row').first().waitFor();
    expect(await coordinator.page.getByTestId('queue-row').count()).toBe(1);
    await coordinator.page.evaluate(() => {
      (window as unknown as { neverReloaded: boolean }).neverReloaded = true;
    });

    // The neurologist is signed in somewhere in the application, doing something else.
    neurologist = await stage.signIn(NEUROLOGIST, { width: 1280, height: 820 });
  });

  afterAll(async () => {
    await records?.close();
    await stage?.close();
  });

  it('1. the physician uploads the CT and opens a stroke alert for a new patient', async () => {
    physician = await stage.signIn(PHYSICIAN);
    const page = physician.page;

    // The CT, as a CD folder dropped on the Archive page: all 108 images go in.
    await page.goto(`${stage.server.url}/archive`);
    const files = readdirSync(HEAD_CT).map((name) => path.join(HEAD_CT, name));
    expect(files).toHaveLength(108);
    await page.getByTestId('file-input').setInputFiles(files);
    await eventually(() => page.getByTestId('upload-summary').textContent(), 60_000).toBe(
      '100 % · 108 sur 108 enregistrés',
    );
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await eventually(() => page.getByTestId('study-list').textContent()).toContain(
      'INVESALIUS CRANIUM',
    );
    const [study] = await records.studiesOfPatient(PATIENT_ID);
    expect(study).toMatchObject({ numberOfInstances: 108, site: 'CHU de Martinique' });
    studyInstanceUid = study.studyInstanceUid;
    expect(await records.instancesOfStudy(studyInstanceUid)).toBe(108);
    await stage.shoot(page, 1, 'archive-upload', true);

    // The new-case form finds no patient with this ID but the CT in the archive.
    await page.goto(`${stage.server.url}/cases/new`);
    await page.getByLabel('Identifiant patient (IPP)').fill(PATIENT_ID);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Patient inconnu').waitFor();
    expect(await page.getByLabel('Nom et prénom').inputValue()).toBe('INVESALIUS CRANIUM');
    const ct = page.getByRole('checkbox', { name: /CT HEAD WO CONTRAST/ });
    await ct.check();
    expect(await ct.isChecked()).toBe(true);

    await page.getByText('Alerte AVC', { exact: true }).click();
    await page.getByLabel('Heure d’arrivée (porte)').fill(await localInputTime(page, 8));
    await page.getByLabel('Dernière fois vu normal').fill(await localInputTime(page, 75));
    await page.getByLabel('NIHSS à l’arrivée (0–42)').fill('14');
    await page.getByLabel('Question clinique').fill('Thrombolyse ?');
    await stage.shoot(page, 1, 'new-case-form', true);
    await page.getByRole('button', { name: 'Ouvrir le cas' }).click();

    await page.waitForURL((url) => /^\/cases\/(?!new$)[^/]+$/.test(url.pathname));
    await page.getByTestId('case-page').waitFor();
    caseId = page.url().split('/').pop()!;
    reference = (await page.getByTestId('case-reference').textContent())!.trim();
    expect(reference).toMatch(/^AVC-/);
    expect(await page.getByTestId('case-nihss').textContent()).toBe('14');
    expect(await page.getByTestId('case-patient').textContent()).toContain('INVESALIUS CRANIUM');
    expect(await page.getByTestId('case-status').textContent()).toBe('Nouveau');

    const record = await records.case(caseId);
    expect(record).toMatchObject({
      reference,
      status: 'NEW',
      priority: 'STROKE_ALERT',
      nihssOnArrival: 14,
      clinicalQuestion: 'Thrombolyse ?',
      patientLocalId: PATIENT_ID,
      // The name as the form showed it, taken from the CT's header.
      patientName: 'INVESALIUS CRANIUM',
    });
    expect(record.lastKnownWell!.getTime()).toBeLessThan(record.doorTime.getTime());
    expect(record.ctAvailableAt).not.toBeNull();
    expect(await records.patientsWithLocalId(PATIENT_ID)).toBe(1);
    expect(await records.studiesOfCase(caseId)).toEqual([studyInstanceUid]);
    await stage.shoot(page, 1, 'case-opened', true);
  });

  it('2. she invites the on-call neurologist for Guadeloupe', async () => {
    const page = physician.page;
    await page.getByTestId('invite-region').selectOption('GP');
    await page.getByRole('button', { name: 'Inviter la garde' }).click();
    await page.getByText('Invitation envoyée.').waitFor();
    await eventually(() => page.getByTestId('case-status').textContent()).toBe(
      'Attend le neurologue',
    );

    expect(await records.invitations(caseId)).toEqual([
      { status: 'PENDING', invitee: NEUROLOGIST, region: 'GP' },
    ]);
    expect((await records.case(caseId)).status).toBe('AWAITING_SPECIALIST');
    await stage.shoot(page, 2, 'invited', true);
  });

  it('3. the coordinator’s queue shows the case on top, its clock running', async () => {
    const page = coordinator.page;
    const top = page.getByTestId('queue-row').first();
    await eventually(() => top.getAttribute('data-case-id')).toBe(caseId);
    await eventually(() => top.getByTestId('queue-invitation').textContent()).toContain(
      NEUROLOGIST_NAME,
    );
    expect(await top.getByTestId('queue-invitation').textContent()).toContain('en attente');
    expect(await top.getByTestId('case-status').textContent()).toBe('Attend le neurologue');
    expect(await top.textContent()).toContain(reference);
    expect(await top.textContent()).toContain('NIHSS 14');
    expect(await page.getByTestId('queue-row').count()).toBe(2);

    // Running: the waiting clock (about 8 minutes from the door) moves on its own.
    const clock = top.getByTestId('queue-waiting');
    const first = (await clock.textContent())!;
    expect(first).toMatch(/^0[89]:\d\d$/);
    await eventually(() => clock.textContent(), 5_000).not.toBe(first);
    expect(await clock.getAttribute('data-level')).toBe('ok');

    const queue = await signedInClient(stage.server.url, COORDINATOR);
    const listed = await queue.api<{ id: string }[]>('GET', '/api/cases');
    queue.close();
    expect(listed.body.map((row) => row.id)[0]).toBe(caseId);
    expect(
      await page.evaluate(() => (window as unknown as { neverReloaded?: boolean }).neverReloaded),
    ).toBe(true);
    await stage.shoot(page, 3, 'queue-top', true);
  });

  it('4. the neurologist is alerted, accepts, and both meet in the session', async () => {
    const page = neurologist.page;
    const alert = page.getByTestId('invitation-alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain(reference);
    expect(text).toContain('CHU de Martinique');
    expect(text).toContain('NIHSS 14');
    expect(text).toContain('Thrombolyse ?');
    await stage.shoot(page, 4, 'alert');

    await alert.getByRole('button', { name: 'Accepter' }).click();
    await page.waitForURL(`${stage.server.url}/cases/${caseId}`);
    await eventually(() => page.getByTestId('case-status').textContent()).toBe('En consultation');
    expect(await records.invitations(caseId)).toEqual([
      { status: 'ACCEPTED', invitee: NEUROLOGIST, region: 'GP' },
    ]);
    const record = await records.case(caseId);
    expect(record.status).toBe('IN_CONSULTATION');
    expect(record.specialistAt).not.toBeNull();
    expect(await records.participants(caseId)).toContainEqual({
      email: NEUROLOGIST,
      role: 'SPECIALIST',
    });

    // The physician opens the session first, so she leads; the neurologist joins her.
    await physician.page.getByTestId('open-session').click();
    await physician.page.waitForURL(`${stage.server.url}/cases/${caseId}/session`);
    physicianSession = physician.page;
    await waitForSession(physicianSession);
    await page.getByTestId('open-session').click();
    await page.waitForURL(`${stage.server.url}/cases/${caseId}/session`);
    neurologistSession = page;
    await waitForSession(neurologistSession);

    for (const session of [physicianSession, neurologistSession]) {
      const state = (await viewerState(session))!;
      expect(state.numberOfSlices).toBe(108);
      expect(state.extra.leaderId).toBe((await viewerState(physicianSession))!.extra.you);
      await waitForVideo(session);
    }
    expect(await callPeers(physicianSession)).toEqual([NEUROLOGIST_NAME]);
    expect((await callPeers(neurologistSession)).length).toBe(1);
    await eventually(() => physicianSession.getByTestId('participant').count()).toBe(2);
    await stage.shoot(neurologistSession, 4, 'session-neurologist');
    await stage.shoot(physicianSession, 4, 'session-physician');
  });

  it('5. they read together: slice, window, lead, cursor, arrow, length, chat', async () => {
    const viewportA = physicianSession.getByTestId('viewport');
    const viewportB = neurologistSession.getByTestId('viewport');

    // The physician scrolls to the level of the basal ganglia and picks the stroke window.
    const start = (await viewerState(physicianSession))!.sliceIndex;
    await scrollSlices(physicianSession, viewportA, 10);
    await physicianSession.locator('[data-preset="stroke"]').click();
    await eventually(async () => (await viewerState(physicianSession))?.voi).toEqual(STROKE_WINDOW);
    const led = sharedView(await viewerState(physicianSession))!;
    expect(led.slice).not.toBe(start);
    await eventually(async () => sharedView(await viewerState(neurologistSession))).toEqual(led);

    // The neurologist takes the lead; both pages agree on who leads.
    const you = (await viewerState(neurologistSession))!.extra.you;
    await neurologistSession.getByTestId('take-lead').click();
    await eventually(async () => (await viewerState(neurologistSession))?.extra.leaderId).toBe(you);
    await eventually(async () => (await viewerState(physicianSession))?.extra.leaderId).toBe(you);

    // He points at the image; the physician sees his cursor, named.
    const box = (await viewportB.boundingBox())!;
    await neurologistSession.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.45);
    await neurologistSession.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5, {
      steps: 5,
    });
    const cursor = physicianSession.getByTestId('remote-cursor');
    await eventually(() => cursor.count(), 10_000).toBe(1);
    expect(await cursor.textContent()).toContain('Lancry');

    // He draws an arrow on the hypodensity, then a length across it.
    await neurologistSession.locator('[data-tool="arrow"]').click();
    await drawArrow(
      neurologistSession,
      viewportB,
      { x: 0.34, y: 0.34 },
      { x: 0.42, y: 0.44 },
      'Hypodensité',
    );
    await neurologistSession.locator('[data-tool="length"]').click();
    // NOTE: well away from the arrow, or the press grabs the arrow's handle instead.
    await dragAcross(neurologistSession, viewportB, { x: 0.56, y: 0.36 }, { x: 0.62, y: 0.62 });

    const annotationOf = async (kind: string) =>
      (await viewerState(neurologistSession))!.annotations.find((a) => a.kind === kind)?.id;
    await eventually(() => annotationOf('length')).toBeDefined();
    drawn.arrowId = (await annotationOf('arrow'))!;
    drawn.lengthId = (await annotationOf('length'))!;
    drawn.lengthMm = await settledLength(neurologistSession, drawn.lengthId);
    expect(drawn.lengthMm).toBeGreaterThan(20);

    await eventually(async () => {
      const seen = (await viewerState(physicianSession))!.annotations;
      return {
        arrow: seen.find((a) => a.id === drawn.arrowId)?.label ?? null,
        length: seen.find((a) => a.id === drawn.lengthId)?.values?.lengthMm?.toFixed(1) ?? null,
      };
    }).toEqual({ arrow: 'Hypodensité', length: drawn.lengthMm.toFixed(1) });
    await eventually(async () => sharedView(await viewerState(physicianSession))).toEqual(
      sharedView(await viewerState(neurologistSession)),
    );
    await eventually(() =>
      physicianSession.getByTestId('annotation-item').allTextContents(),
    ).toContainEqual(expect.stringMatching(millimetres(drawn.lengthMm)));
    await eventually(() => records.annotations(caseId)).toEqual([
      { id: drawn.arrowId, kind: 'arrow', author: NEUROLOGIST, label: 'Hypodensité' },
      { id: drawn.lengthId, kind: 'length', author: NEUROLOGIST, label: null },
    ]);
    await stage.shoot(physicianSession, 5, 'session-physician');
    await stage.shoot(neurologistSession, 5, 'session-neurologist');

    // One line each on the case page's chat, beside the session.
    physicianCase = await physician.newTab(`${stage.server.url}/cases/${caseId}`);
    const neurologistCase = await neurologist.newTab(`${stage.server.url}/cases/${caseId}`);
    const lines = [
      { page: physicianCase, text: 'Début des troubles à 8 h 10, pas d’anticoagulant.' },
      { page: neurologistCase, text: 'Pas d’hémorragie. Thrombolyse indiquée, je confirme.' },
    ];
    for (const { page, text } of lines) {
      await page.getByLabel('Écrire au reste de l’équipe…').fill(text);
      await page.getByRole('button', { name: 'Envoyer' }).click();
    }
    for (const { page } of lines) {
      for (const { text } of lines) {
        await eventually(() => page.getByTestId('case-chat').textContent()).toContain(text);
      }
    }
    expect(await records.messages(caseId)).toEqual([
      { author: PHYSICIAN, body: lines[0].text },
      { author: NEUROLOGIST, body: lines[1].text },
    ]);
    await stage.shoot(neurologistCase, 5, 'chat', true);
    await neurologistCase.close();
  });

  it('6. the neurologist reloads mid-session and finds everything at once', async () => {
    const before = sharedView(await viewerState(physicianSession))!;
    const leader = (await viewerState(neurologistSession))!.extra.you;
    expect(before.voi).toEqual(STROKE_WINDOW);

    const reloadedAt = Date.now();
    await neurologistSession.reload();
    await waitForSession(neurologistSession, 30_000);

    // His measurements are back: both on the image, and listed with the server's values.
    await eventually(async () => {
      const seen = (await viewerState(neurologistSession))!.annotations;
      return seen.map((a) => a.id).sort();
    }).toEqual([drawn.arrowId, drawn.lengthId].sort());
    await eventually(() =>
      neurologistSession.getByTestId('annotation-item').allTextContents(),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(millimetres(drawn.lengthMm)),
        expect.stringContaining('Hypodensité'),
      ]),
    );

    // And the call: each sees the other again.
    await waitForVideo(neurologistSession);
    await eventually(() => callPeers(physicianSession)).toEqual([NEUROLOGIST_NAME]);
    // Her count of decoded frames keeps growing: his new picture is arriving.
    const framesSoFar = await framesDecoded(physicianSession);
    await eventually(() => framesDecoded(physicianSession)).toBeGreaterThan(framesSoFar);
    const restoredInMs = Date.now() - reloadedAt;
    console.info(`[story] the reloaded session was whole again after ${restoredInMs} ms`);
    expect(restoredInMs).toBeLessThan(30_000);
    expect((await records.annotations(caseId)).length).toBe(2);
    await stage.shoot(neurologistSession, 6, 'after-reload');

    // Same view as before the reload, on both screens; he still leads.
    await eventually(async () => ({
      neurologist: sharedView(await viewerState(neurologistSession)),
      physician: sharedView(await viewerState(physicianSession)),
    })).toEqual({ neurologist: before, physician: before });
    expect((await viewerState(neurologistSession))!.extra.leaderId).toBe(leader);
    // Cornerstone measures the length again on the slice it is drawn on: the same value.
    expect(await settledLength(neurologistSession, drawn.lengthId)).toBeCloseTo(drawn.lengthMm, 1);
  });

  it('7. the queue says "in consultation"; the timeline shows each step, the clock', async () => {
    const row = coordinator.page.locator(`[data-testid="queue-row"][data-case-id="${caseId}"]`);
    await eventually(() => row.getByTestId('case-status').textContent()).toBe('En consultation');
    expect(await row.getByTestId('queue-invitation').textContent()).toContain('acceptée');
    expect(
      await coordinator.page.evaluate(
        () => (window as unknown as { neverReloaded?: boolean }).neverReloaded,
      ),
    ).toBe(true);
    await stage.shoot(coordinator.page, 7, 'queue-in-consultation', true);

    // The physician's case tab, open since the chat, has followed on its own.
    const page = physicianCase;
    const entries = page.getByTestId('case-timeline').locator('li');
    const timeline = await entries.allTextContents();
    // The move to "in consultation" is the acceptance itself: it has no entry of its own.
    const steps = [
      'Dr Léa Marie-Sainte a ouvert le cas (Alerte AVC)',
      'a rattaché un examen',
      'Scanner disponible',
      `a invité ${NEUROLOGIST_NAME} (de garde)`,
      `${NEUROLOGIST_NAME} a accepté l’invitation`,
    ];
    for (const step of steps) {
      expect(
        timeline.some((entry) => entry.includes(step)),
        `${step} in ${timeline}`,
      ).toBe(true);
    }
    for (const entry of timeline) expect(entry).toMatch(/^\d\d:\d\d/);
    expect(await records.eventTypes(caseId)).toEqual(
      expect.arrayContaining([
        'case.opened',
        'study.attached',
        'ct.available',
        'invitation.sent',
        'invitation.accepted',
        'session.joined',
      ]),
    );
    expect(timeline.some((entry) => entry.includes('a rejoint la session d’imagerie'))).toBe(true);

    // Door to specialist: stopped at the acceptance, the difference the server recorded.
    const record = await records.case(caseId);
    const doorToSpecialist = record.specialistAt!.getTime() - record.doorTime.getTime();
    const clock = page.getByTestId('clock-doorToSpecialist');
    expect(await clock.textContent()).toContain(formatElapsed(doorToSpecialist));
    expect(await clock.textContent()).toContain('arrêté');
    expect(doorToSpecialist).toBeLessThan(15 * 60_000);
    await stage.shoot(page, 7, 'case-timeline', true);

    expect(stage.pageErrors).toEqual([]);
  });
});
