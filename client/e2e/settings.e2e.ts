import type { AuthResponse, Me } from '@world-it/contracts';
import type { Browser } from 'playwright-core';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { apiAs, PASSWORD, signUp, signedInPage } from './support/accounts';
import { guardNativeSubmits, nativeSubmits } from './support/forms';
import { uniqueEmail, waitForCode } from './support/outbox';
import { poll } from './support/poll';

jest.setTimeout(90_000);

/** The primary action of every Settings section, driven as a person would and checked where it shows. */
describe('settings in a browser: language, password and email change, each kept on the server', () => {
  const { baseUrl } = browserRun();
  const tag = Date.now().toString(36);
  let browser: Browser;
  let eve: AuthResponse;

  beforeAll(async () => {
    browser = await launchBrowser();
    eve = await signUp(`Eve ${tag}`);
  });
  afterAll(() => browser.close());

  it('switches the language to Ukrainian on the account, and the page follows at once', async () => {
    const { context, page } = await signedInPage(browser, eve);
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      await page.getByTestId('settings-language').getByText('Українська').click();
      await page.getByRole('heading', { level: 1, name: 'Налаштування' }).waitFor();
      await expect(poll(async () => (await apiAs<Me>(eve, 'GET', '/api/auth/me')).body.language)).resolves.toBe('uk');
      await screenshot(page, 'settings-uk');

      await page.getByTestId('settings-language').getByText('English').click();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await expect(poll(async () => (await apiAs<Me>(eve, 'GET', '/api/auth/me')).body.language)).resolves.toBe('en');
      expect(await nativeSubmits(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong current password, then changes it; the new one logs in', async () => {
    const { context, page } = await signedInPage(browser, eve);
    const newPassword = 'a brand new passphrase 42';
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      const form = page.getByTestId('change-password-form');
      await form.getByTestId('cp-current').fill('not my password at all');
      await form.getByTestId('cp-new').fill(newPassword);
      await form.getByTestId('cp-submit').click();
      await form.getByRole('alert').waitFor();

      await form.getByTestId('cp-current').fill(PASSWORD);
      await form.getByTestId('cp-submit').click();
      await form
        .getByRole('status')
        .filter({ hasText: /changed/i })
        .waitFor();
      expect(await nativeSubmits(page)).toEqual([]);
    } finally {
      await context.close();
    }

    // A fresh browser logs in with the new password (and not with the old one).
    const guest = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await guardNativeSubmits(guest);
    try {
      const page2 = await guest.newPage();
      await page2.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
      await page2.getByTestId('login-email').fill(eve.user.email);
      await page2.getByTestId('login-password').fill(PASSWORD);
      await page2.getByTestId('login-submit').click();
      await page2.getByTestId('form-error').waitFor();
      await page2.getByTestId('login-password').fill(newPassword);
      await page2.getByTestId('login-submit').click();
      await page2.getByTestId('user-menu').waitFor();
      expect(await page2.getByTestId('user-menu').innerText()).toContain(`Eve ${tag}`);
      expect(await nativeSubmits(page2)).toEqual([]);
    } finally {
      await guest.close();
    }
  });

  it('changes the email with a code mailed to the new address, shown as the current email', async () => {
    // The previous journey changed the password from this very session, which a change keeps signed in.
    const { context, page } = await signedInPage(browser, eve);
    const newEmail = uniqueEmail(`eve-new-${tag}`);
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      const sentAfter = Date.now() - 1000;
      await page.getByTestId('ce-email').fill(newEmail);
      await page.getByTestId('ce-password').fill('a brand new passphrase 42');
      await page.getByTestId('ce-submit').click();
      const confirmForm = page.getByTestId('change-email-confirm');
      await confirmForm.getByText(newEmail).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      const code = await waitForCode(newEmail, { after: sentAfter });
      await page.locator('[data-testid=change-email-confirm] input').first().focus();
      await page.keyboard.type(code);
      await page.getByText(`Current email: ${newEmail}`).waitFor();
      await confirmForm.waitFor({ state: 'detached' });
      expect((await apiAs<Me>(eve, 'GET', '/api/auth/me')).body.email).toBe(newEmail);
      expect(await nativeSubmits(page)).toEqual([]);
      await screenshot(page, 'settings-email-changed');
    } finally {
      await context.close();
    }
  });

  it('works on a phone: the sections stack and nothing scrolls sideways', async () => {
    const { context, page } = await signedInPage(browser, eve, { width: 360, height: 740 });
    try {
      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      await page.getByTestId('change-password-form').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'settings-phone');
    } finally {
      await context.close();
    }
  });

  it('an unknown address shows the 404 page, whose button leads back to the feed', async () => {
    const { context, page } = await signedInPage(browser, eve);
    try {
      await page.goto(`${baseUrl}/no-such-page-${tag}`, { waitUntil: 'networkidle' });
      await page.getByText('404').waitFor();
      await page.getByRole('link', { name: 'Back to the feed' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByText('404').waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });
});
