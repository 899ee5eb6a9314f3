import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { uniqueEmail, waitForCode } from './support/outbox';

jest.setTimeout(90_000);

describe('accounts in a browser: register → emailed code → confirm → feed → log out → log in', () => {
  const { baseUrl } = browserRun();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
  });

  const email = uniqueEmail('journey');
  const password = 'correct horse battery staple';

  it('registers and lands on the confirm page with six code boxes', async () => {
    await page.goto(`${baseUrl}/register`, { waitUntil: 'networkidle' });
    await page.getByTestId('reg-email').fill(email);
    await page.getByTestId('reg-password').fill(password);
    await page.getByTestId('reg-name').fill('Journey Tester');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('code-input').waitFor();
    expect(await page.getByTestId('code-input').locator('input').count()).toBe(6);
    await screenshot(page, 'confirm-desktop');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('rejects a wrong code, saying how many attempts are left', async () => {
    const code = await waitForCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByTestId('code-input').locator('input').first().focus();
    await page.keyboard.type(wrong);
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/4/);
  });

  it('confirms with the mailed code (pasted) and lands on the feed signed in', async () => {
    const code = await waitForCode(email);
    const first = page.getByTestId('code-input').locator('input').first();
    await first.focus();
    await page.evaluate((c) => {
      const target = document.activeElement as HTMLInputElement;
      const data = new DataTransfer();
      data.setData('text/plain', c);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, code);
    await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/feed', { timeout: 15_000 });
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('user-menu').innerText()).toContain('Journey Tester');
    await screenshot(page, 'feed-signed-in');
  });

  it('keeps the session across a reload', async () => {
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByTestId('user-menu').waitFor();
  });

  it('logs out and back in', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('nav-login').first().waitFor();
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('wrong password!');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('form-error').waitFor();
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('user-menu').innerText()).toContain('Journey Tester');
  });
});
