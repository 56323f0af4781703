import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium, screenshotDir } from '../support/browser';

// Live updates cross a socket and a refetch; vitest's default one-second poll is too short
// on a loaded two-core machine.
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

const DOCTOR = 'urgence@chu-martinique.demo';
const NEUROLOGIST_GP = 'neuro@chu-guadeloupe.demo';
const COORDINATOR = 'coordination@archipel.demo';

/**
 * The tele-stroke path end to end, in three browsers at once: the emergency physician opens a
 * case and invites the on-call neurologist for Guadeloupe, the neurologist is alerted and
 * accepts, and the coordinator's queue follows every step without a reload.
 */
describe('an urgent case from the door to the neurologist, live', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    server = await startTestServer({ DATABASE_URL: database.url });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  async function signedIn(email: string, options: { phone?: boolean; locale?: string } = {}) {
    const context = await browser.newContext({
      locale: options.locale ?? 'fr-FR',
      viewport: options.phone ? { width: 390, height: 844 } : { width: 1360, height: 900 },
      colorScheme: 'dark',
      // The hospitals' own clock, as on their workstations.
      timezoneId: 'America/Martinique',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${email}: ${error.message}`));
    await page.goto(`${server.url}/signin`);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill('archipel-demo');
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${server.url}/`);
    return page;
  }

  const shot = (page: Page, name: string, fullPage = false) =>
    page.screenshot({ path: path.join(screenshotDir, name), fullPage });

  it('opens, invites, alerts, accepts, and the queue follows without a reload', async () => {
    const coordinator = await signedIn(COORDINATOR);
    await coordinator.goto(`${server.url}/queue`);
    await eventually(() => coordinator.getByText('Aucun cas ouvert.').count()).toBe(1);
    // A value on window survives only if the page is never reloaded.
    await coordinator.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));

    const neurologist = await signedIn(NEUROLOGIST_GP);
    const doctor = await signedIn(DOCTOR);

    // The server's refusals appear beside the fields they concern.
    await doctor.goto(`${server.url}/cases/new`);
    await doctor.getByRole('button', { name: 'Ouvrir le cas' }).click();
    await eventually(() => doctor.locator('#question-error').count()).toBe(1);
    expect(await doctor.locator('#patientName-error').textContent()).toBe('obligatoire');

    await doctor.getByLabel('Identifiant patient (IPP)').fill('IPP-972-0042');
    await doctor.getByRole('button', { name: 'Rechercher' }).click();
    await doctor.getByText('Patient inconnu').waitFor();
    await doctor.getByLabel('Nom et prénom').fill('MARTIN Josette');
    await doctor.getByLabel('Date de naissance').fill('1948-05-12');
    await doctor.getByLabel('Sexe').selectOption('F');
    await doctor.getByLabel('NIHSS à l’arrivée (0–42)').fill('14');
    await doctor
      .getByLabel('Question clinique')
      .fill('Hémiplégie droite et aphasie depuis 45 min. Thrombolyse ? Thrombectomie ?');
    await shot(doctor, 'case-new.png', true);
    await doctor.getByRole('button', { name: 'Ouvrir le cas' }).click();
    await doctor.waitForURL((url) => /^\/cases\/(?!new$)[^/]+$/.test(url.pathname));
    await doctor.getByTestId('case-page').waitFor();
    const caseId = doctor.url().split('/').pop()!;
    const reference = (await doctor.getByTestId('case-reference').textContent())!.trim();
    expect(reference).toMatch(/^AVC-/);

    // The coordinator's queue shows the new case at once.
    const row = coordinator.locator(`[data-case-id="${caseId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(reference);

    // Invite whoever is on call for Guadeloupe.
    await doctor.getByTestId('invite-region').selectOption('GP');
    await doctor.getByRole('button', { name: 'Inviter la garde' }).click();
    await doctor.getByText('Invitation envoyée.').waitFor();
    await expect
      .poll(() => row.getByTestId('queue-invitation').textContent())
      .toContain('Dr Marc Lancry');
    expect(await row.getByTestId('queue-invitation').textContent()).toContain('en attente');
    expect(await row.getByTestId('case-status').textContent()).toBe('Attend le neurologue');
    await shot(coordinator, 'queue-invited.png', true);

    // The neurologist, on another page, is alerted with the essentials and accepts.
    const alert = neurologist.getByTestId('invitation-alert');
    await alert.waitFor();
    const alertText = await alert.textContent();
    expect(alertText).toContain(reference);
    expect(alertText).toContain('CHU de Martinique');
    expect(alertText).toContain('NIHSS 14');
    await shot(neurologist, 'invitation-alert.png');
    await alert.getByRole('button', { name: 'Accepter' }).click();
    await neurologist.waitForURL(`${server.url}/cases/${caseId}`);
    await neurologist.getByTestId('case-page').waitFor();

    // Everyone's view follows: the queue row, the doctor's case page.
    await eventually(() => row.getByTestId('case-status').textContent()).toBe('En consultation');
    expect(await row.getByTestId('queue-invitation').textContent()).toContain('acceptée');
    await expect
      .poll(() => doctor.getByTestId('case-status').textContent())
      .toBe('En consultation');
    await expect
      .poll(() => doctor.getByTestId('case-participants').textContent())
      .toContain('Dr Marc Lancry');

    // The chat is live both ways.
    await neurologist.getByLabel('Écrire au reste de l’équipe…').fill('Je regarde le scanner.');
    await neurologist.getByRole('button', { name: 'Envoyer' }).click();
    await expect
      .poll(() => doctor.getByTestId('case-chat').textContent())
      .toContain('Je regarde le scanner.');

    expect(await coordinator.evaluate(() => (window as unknown as { marker: string }).marker)).toBe(
      'kept',
    );
    await shot(coordinator, 'queue.png', true);
    await shot(doctor, 'case-page.png', true);

    // The same case on a phone, in English, as the neurologist would see it in the night.
    const phone = await signedIn(NEUROLOGIST_GP, { phone: true, locale: 'en-GB' });
    await phone.goto(`${server.url}/cases/${caseId}`);
    await phone.getByText('Door-to-needle').waitFor();
    await shot(phone, 'case-page-phone.png', true);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
