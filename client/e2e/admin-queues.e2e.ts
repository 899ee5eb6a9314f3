import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { AuthResponse } from '@world-it/contracts';
import type { Browser } from 'playwright-core';
import { apiEnv, browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { PASSWORD, signUp, signedInPage } from './support/accounts';
import { nativeSubmits } from './support/forms';

jest.setTimeout(90_000);

const ROOT = join(__dirname, '../..');
const ADMIN_CLI = join(ROOT, 'dist/server/server/src/admin-cli.js');

/** `npm run admin -- grant EMAIL` against this run's database, then a fresh sign-in carrying the role. */
async function grantAdmin(auth: AuthResponse): Promise<AuthResponse> {
  const run = browserRun();
  const r = spawnSync(process.execPath, [ADMIN_CLI, 'grant', auth.user.email], {
    cwd: ROOT,
    env: { ...process.env, ...apiEnv(run) },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`admin grant → ${r.status}: ${r.stderr}`);
  const res = await fetch(`${run.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: auth.user.email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login → ${res.status} ${await res.text()}`);
  const signedIn = (await res.json()) as AuthResponse;
  if (signedIn.user.role !== 'admin') throw new Error('the grant did not make an admin');
  return signedIn;
}

describe('the queue dashboard in a browser: an admin opens it from Settings', () => {
  const { baseUrl } = browserRun();
  const tag = Date.now().toString(36);
  let browser: Browser;
  let admin: AuthResponse;
  let user: AuthResponse;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await grantAdmin(await signUp(`Queen ${tag}`));
    user = await signUp(`Walt ${tag}`);
  });
  afterAll(() => browser.close());

  it('clicks "Open queue dashboard": a new tab shows Bull Board with the job queue', async () => {
    const { context, page } = await signedInPage(browser, admin);
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      const section = page.getByTestId('settings-admin');
      await section.getByRole('heading', { name: 'Queue dashboard' }).waitFor();
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-queues-en-1280');
      expect(await seriousViolations(page)).toEqual([]);

      const [board] = await Promise.all([
        context.waitForEvent('page'),
        section.getByRole('button', { name: 'Open queue dashboard' }).click(),
      ]);
      await board.waitForURL(`${baseUrl}/api/admin/queues`);
      // The board's own UI, rendered by its scripts: the title we gave it and the one queue, by name.
      await board.getByText('World IT queues').first().waitFor();
      await board.getByRole('link', { name: /^jobs/ }).first().waitFor();
      await screenshot(board, 'queue-dashboard-1280');
      expect(await nativeSubmits(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the board without its session tells the admin to open it from the app', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const res = await page.goto(`${baseUrl}/api/admin/queues`);
      expect(res?.status()).toBe(401);
      await page.getByText('open it from the app').waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows no queue dashboard to an ordinary user', async () => {
    const { context, page } = await signedInPage(browser, user);
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      await page.getByTestId('change-password-form').waitFor();
      expect(await page.getByTestId('settings-admin').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('the Settings section at 360 and 1280 px, in Ukrainian and English', async () => {
    const { context, page } = await signedInPage(browser, admin, { width: 360, height: 740 });
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      await page.getByTestId('settings-language').getByText('Українська').click();
      const section = page.getByTestId('settings-admin');
      await section.getByRole('heading', { name: 'Панель черг' }).waitFor();
      await section.getByRole('button', { name: 'Відкрити панель черг' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-queues-uk-360');
      await page.setViewportSize({ width: 1280, height: 800 });
      await screenshot(page, 'settings-queues-uk-1280');
      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByTestId('settings-language').getByText('English').click();
      await section.getByRole('heading', { name: 'Queue dashboard' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(page, 'settings-queues-en-360');
    } finally {
      await context.close();
    }
  });
});
