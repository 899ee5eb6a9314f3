import type { AuthResponse } from '@world-it/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, signUp } from './support/accounts';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { waitForCode } from './support/outbox';

jest.setTimeout(90_000);

describe('password reset in a browser: forgot → emailed code → new password → log in with it', () => {
  const { baseUrl } = browserRun();
  const newPassword = 'a brand new passphrase 42';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let account: AuthResponse;
  let codeSentAfter = 0;

  beforeAll(async () => {
    account = await signUp('Reset Tester');
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
  });

  /** Set in the page before an action: still there after it means the app navigated, not the browser. */
  const markDocument = (): Promise<void> =>
    page.evaluate(() => void ((window as unknown as { witMark?: number }).witMark = 1));
  const documentKept = (): Promise<boolean> =>
    page.evaluate(() => (window as unknown as { witMark?: number }).witMark === 1);

  it('"Forgot password?" on the login page carries the typed address to the forgot page', async () => {
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await page.getByTestId('login-email').fill(account.user.email);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL((url) => url.pathname === '/forgot-password');
    expect(await page.getByTestId('forgot-email').inputValue()).toBe(account.user.email);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('"Send code" asks the API for a code and moves on to the reset step without reloading the page', async () => {
    await markDocument();
    codeSentAfter = Date.now();
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/auth/password/forgot'));
    await page.getByTestId('forgot-submit').click();
    expect((await sent).status()).toBe(202);
    await page.waitForURL((url) => url.pathname === '/reset-password');
    const url = new URL(page.url());
    expect(url.searchParams.get('email')).toBe(account.user.email);
    expect(await documentKept()).toBe(true);
    expect(await page.getByTestId('reset-email').inputValue()).toBe(account.user.email);
    // A code just went out, so "send a new code" waits out its cooldown.
    expect(await page.getByTestId('resend').isDisabled()).toBe(true);
    await screenshot(page, 'reset-password-desktop');
  });

  it('sets the new password with the mailed code and returns to the login page with the address filled in', async () => {
    const code = await waitForCode(account.user.email, { after: codeSentAfter });
    await page.getByTestId('reset-password').fill(newPassword);
    await page.getByTestId('code-input').locator('input').first().focus();
    await page.keyboard.type(code);
    await markDocument();
    await page.getByTestId('reset-submit').click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await documentKept()).toBe(true);
    await page.getByText('Your password has been changed. Log in with the new one.').waitFor();
    expect(await page.getByTestId('login-email').inputValue()).toBe(account.user.email);
  });

  it('refuses the old password and signs in with the new one', async () => {
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('form-error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.getByTestId('login-password').fill(newPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('user-menu').innerText()).toContain('Reset Tester');
  });
});
