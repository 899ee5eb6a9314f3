import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signedInPage, signUp } from './support/accounts';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';

describe('the app shell in a browser', () => {
  const { baseUrl } = browserRun();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterEach(() => context.close());

  it('serves the shell to a guest: brand, log in / register, styles applied, no CSP or script errors, no serious a11y violations', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(baseUrl, { waitUntil: 'networkidle' });
    await page.getByTestId('nav-login').first().waitFor();
    for (const id of ['nav-login', 'nav-register', 'lang-switch']) {
      expect(await page.getByTestId(id).count()).toBeGreaterThan(0);
    }
    // The design system's stylesheet is applied (a blocked stylesheet leaves browser defaults).
    const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(bodyFont).not.toMatch(/^"?Times/);
    await screenshot(page, 'shell-desktop');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('loads a deep link through the SPA fallback and sends a guest to log in', async () => {
    const res = await page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-email').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('switches the interface to Ukrainian and back', async () => {
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await page.getByTestId('login-submit').waitFor();
    const enText = await page.getByTestId('login-submit').innerText();
    await page.getByTestId('lang-switch').first().click();
    await page.waitForFunction(() => document.documentElement.lang === 'uk');
    const ukText = await page.getByTestId('login-submit').innerText();
    await page.getByTestId('lang-switch').first().click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByTestId('login-submit').innerText()).toBe(enText);
    expect(ukText).not.toEqual(enText);
  });

  it('works on a 360 px phone screen without horizontal scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    try {
      await p.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
      await p.getByTestId('login-email').waitFor();
      const overflow = await p.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(p, 'login-phone');
      expect(await seriousViolations(p)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  /** Chunks the page loaded that index.html did not preload (socket.io-client's is lazy on purpose). */
  const notPreloaded = (p: Page): Promise<string[]> =>
    p.evaluate(async () => {
      const preloaded = new Set(
        [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map(
          (l) => new URL(l.href).pathname,
        ),
      );
      const late: string[] = [];
      for (const entry of performance.getEntriesByType('resource')) {
        const path = new URL(entry.name).pathname;
        if (!/^\/chunk-[\w-]+\.js$/.test(path) || preloaded.has(path)) continue;
        if (!(await (await fetch(entry.name)).text()).includes('"/socket.io')) late.push(path);
      }
      return late;
    });

  it('preloads every chunk of the page being opened, lazy pages too: none waits for another to arrive', async () => {
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
    await page.getByTestId('login-email').waitFor();
    expect(await notPreloaded(page)).toEqual([]);

    const signedIn = await signedInPage(browser, await signUp('Preload Person'));
    try {
      await signedIn.page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
      await signedIn.page.getByTestId('chat-list-empty').waitFor();
      expect(await notPreloaded(signedIn.page)).toEqual([]);
    } finally {
      await signedIn.context.close();
    }
  });

  it('answers unknown API routes with JSON, not the SPA', async () => {
    const res = await fetch(`${baseUrl}/api/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});
