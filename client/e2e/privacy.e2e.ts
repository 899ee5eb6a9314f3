import type { AuthResponse } from '@world-it/contracts';
import type { Browser, Page } from 'playwright-core';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { apiAs, PASSWORD, signUp, signedInPage } from './support/accounts';
import { nativeSubmits } from './support/forms';
import { waitForCode } from './support/outbox';

jest.setTimeout(120_000);

interface OutboxMail {
  subject: string;
  text: string;
  sentAt: string;
}

/** The export link mailed to `to` after `after` (the real path: API → job on the worker → outbox → mail job). */
async function waitForExportLink(to: string, after: number, timeoutMs = 30_000): Promise<string> {
  const { baseUrl } = browserRun();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/dev/outbox?to=${encodeURIComponent(to)}`);
    if (res.ok) {
      const mail = ((await res.json()) as OutboxMail[]).find(
        (m) => Date.parse(m.sentAt) >= after && /ready to download/.test(m.subject),
      );
      const link = mail ? /https?:\/\/\S+\/api\/me\/export\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0] : undefined;
      if (link) return link;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No export link mailed to ${to} within ${timeoutMs} ms`);
}

async function toUkrainian(page: Page): Promise<void> {
  await page.getByTestId('settings-language').getByText('Українська').click();
  await page.getByRole('heading', { level: 1, name: 'Налаштування' }).waitFor();
}

describe('privacy in a browser: download my data, delete my account', () => {
  const { baseUrl } = browserRun();
  const tag = Date.now().toString(36);
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('"Download my data" says a link is on its way, the mail brings a working ZIP link, and a second ask within the hour is refused', async () => {
    const ivy: AuthResponse = await signUp(`Ivy ${tag}`);
    const { context, page } = await signedInPage(browser, ivy);
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      const section = page.getByTestId('settings-your-data');
      await section.scrollIntoViewIfNeeded();
      const after = Date.now() - 1000;
      await section.getByTestId('export-data').click();
      await section
        .getByTestId('export-queued')
        .filter({ hasText: /email you a link/ })
        .waitFor();
      expect(await section.getByTestId('export-data').isDisabled()).toBe(true);
      await screenshot(page, 'privacy-export-queued');

      const link = await waitForExportLink(ivy.user.email, after);
      // Fetched signed out, as a mail client would open it.
      const zip = await fetch(`${baseUrl}${new URL(link).pathname}`);
      expect(zip.status).toBe(200);
      expect(zip.headers.get('content-type')).toBe('application/zip');
      expect(
        Buffer.from(await zip.arrayBuffer())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');

      await page.reload({ waitUntil: 'networkidle' });
      await page.getByTestId('export-data').click();
      await page
        .getByTestId('export-limited')
        .filter({ hasText: /less than an hour ago/ })
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'privacy-export-limited');

      await toUkrainian(page);
      await page
        .getByTestId('export-limited')
        .filter({ hasText: /менш як годину тому/ })
        .waitFor();
      await page.getByTestId('settings-your-data').scrollIntoViewIfNeeded();
      await screenshot(page, 'privacy-export-limited-uk');
      expect(await nativeSubmits(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('"Delete account": a wrong password is refused, then the mailed code deletes it and the login page says so', async () => {
    const zed: AuthResponse = await signUp(`Zed ${tag}`);
    const { context, page } = await signedInPage(browser, zed);
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      await page.getByTestId('delete-account').click();
      const dialog = page.getByTestId('delete-account-dialog');
      await dialog.getByTestId('delete-password').fill('not my password');
      await dialog.getByTestId('delete-send-code').click();
      await dialog.getByTestId('delete-error').waitFor();
      await screenshot(page, 'privacy-delete-wrong-password');

      const after = Date.now() - 1000;
      await dialog.getByTestId('delete-password').fill(PASSWORD);
      await dialog.getByTestId('delete-send-code').click();
      await dialog.getByText(zed.user.email).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'privacy-delete-code');
      const code = await waitForCode(zed.user.email, { after });
      await page.locator('[data-testid=delete-confirm-form] input').first().focus();
      await page.keyboard.type(code);
      await dialog.getByTestId('delete-forever').click();

      await page.waitForURL(/\/login\?notice=account-deleted/);
      await page
        .getByTestId('login-account-deleted')
        .filter({ hasText: /has been deleted/ })
        .waitFor();
      await screenshot(page, 'privacy-deleted-login');
      expect(await page.evaluate(() => localStorage.getItem('wit.session'))).toBeNull();
      expect((await apiAs(zed, 'GET', '/api/auth/me')).status).toBe(401);
      expect(await nativeSubmits(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works on a phone and in Ukrainian: the section and the dialog fit 360 px', async () => {
    const uma: AuthResponse = await signUp(`Uma ${tag}`);
    const { context, page } = await signedInPage(browser, uma, { width: 360, height: 740 });
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      await page.getByTestId('settings-your-data').scrollIntoViewIfNeeded();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(page, 'privacy-phone');
      await page.getByTestId('delete-account').click();
      await page.getByTestId('delete-password').waitFor();
      await screenshot(page, 'privacy-delete-dialog-phone');
      await page.keyboard.press('Escape');
      await toUkrainian(page);
      await page.getByTestId('settings-your-data').scrollIntoViewIfNeeded();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(page, 'privacy-phone-uk');
      await page.getByTestId('delete-account').click();
      await page.getByTestId('delete-account-dialog').getByText('Видалити обліковий запис?').waitFor();
      await screenshot(page, 'privacy-delete-dialog-phone-uk');
    } finally {
      await context.close();
    }
  });
});
