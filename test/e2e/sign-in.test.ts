import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { io as connect } from 'socket.io-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium, screenshotDir, signInPage } from '../support/browser';

const DEMO_USERS = [
  {
    email: 'urgence@chu-martinique.demo',
    name: 'Dr Léa Marie-Sainte',
    role: 'Médecin urgentiste',
    site: 'CHU de Martinique',
  },
  {
    email: 'neuro@chu-guadeloupe.demo',
    name: 'Dr Marc Lancry',
    role: 'Neurologue',
    site: 'CHU de Guadeloupe',
  },
  {
    email: 'coordination@archipel.demo',
    name: 'Sandrine Jean-Louis',
    role: 'Coordination',
    site: 'CHU de Martinique',
  },
];

describe('signing in with Chromium', () => {
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

  it('refuses a wrong password with a generic message', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/signin/);
    await page.getByLabel('Adresse e-mail').fill('urgence@chu-martinique.demo');
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: /\S/ }).textContent())
      .toBe('E-mail ou mot de passe incorrect.');
    await page.screenshot({ path: path.join(screenshotDir, 'sign-in-refused.png') });
    await page.close();
  });

  it.each(DEMO_USERS)('signs in $email and shows the shell for their role', async (user) => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Adresse e-mail').fill(user.email);
    await page.getByLabel('Mot de passe').fill('archipel-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page.waitForURL(`${server.url}/`);
    const header = page.getByTestId('current-user');
    await expect.poll(() => header.textContent()).toContain(user.name);
    expect(await header.textContent()).toContain(`${user.role} · ${user.site}`);
    await page.screenshot({
      path: path.join(screenshotDir, `shell-${user.email.split('@')[0]}.png`),
    });

    // Signing out ends the session: the home page sends back to the sign-in page.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/signin/);
    await page.goto(`${server.url}/`);
    expect(page.url()).toMatch(/\/signin/);
    await context.close();
  });

  it('speaks English on request and on a phone-sized screen', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('E-mail address').fill('neuro@chu-guadeloupe.demo');
    await page.getByLabel('Password').fill('archipel-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Hello');
    await page.screenshot({ path: path.join(screenshotDir, 'shell-phone-en.png') });
    await context.close();
  });

  it('lets an administrator create and revoke a bearer token, and nobody else', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signInPage(page, server.url, 'admin@archipel.demo');
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('Name').fill('CT scanner, CHU de Martinique');
    const doctorOption = page.locator('option', { hasText: 'urgence@chu-martinique.demo' });
    await page.getByLabel('Acts as').selectOption((await doctorOption.getAttribute('value'))!);
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').textContent())!.trim();
    expect(token).toMatch(/^arch_/);
    expect(await tokenHandshake(token)).toBe(true);

    await page.screenshot({ path: path.join(screenshotDir, 'admin-tokens.png'), fullPage: true });
    await page.getByRole('button', { name: 'Revoke' }).click();
    await expect
      .poll(() => page.getByTestId('token-row').first().textContent())
      .toContain('revoked');
    expect(await tokenHandshake(token)).toBe(false);

    const doctor = await browser.newContext({ locale: 'en-GB' });
    const doctorPage = await doctor.newPage();
    await signInPage(doctorPage, server.url, 'urgence@chu-martinique.demo');
    await doctorPage.goto(`${server.url}/admin`);
    expect(await doctorPage.textContent('main')).toContain('administrators only');
    await doctor.close();
    await context.close();
  });

  function tokenHandshake(token: string) {
    return new Promise<boolean>((resolve) => {
      const socket = connect(server.url, {
        transports: ['websocket'],
        extraHeaders: { authorization: `Bearer ${token}` },
        reconnection: false,
      });
      socket.once('connect', () => (socket.disconnect(), resolve(true)));
      socket.once('connect_error', () => resolve(false));
    });
  }
});
