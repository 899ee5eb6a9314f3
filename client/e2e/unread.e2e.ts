import type { AuthResponse, Message, Room } from '@world-it/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiAs, signedInPage, signUp } from './support/accounts';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot } from './support/browser';

jest.setTimeout(120_000);

describe('unread messages seen from anywhere: the Chats badge and the tab title', () => {
  const { baseUrl } = browserRun();
  let browser: Browser;
  let alice: AuthResponse;
  let bob: AuthResponse;
  let dm: Room;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([signUp('Alice Unread'), signUp('Bob Sender')]);
    dm = (await apiAs<Room>(bob, 'POST', '/api/chats/direct', { userId: alice.user.id })).body;
    browser = await launchBrowser();
    ({ context, page } = await signedInPage(browser, alice));
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
  });

  const badge = (p: Page) => p.getByTestId('nav-chats-badge');
  const send = async (content: string): Promise<Message> => {
    const res = await apiAs<Message>(bob, 'POST', `/api/chats/${dm.id}/messages`, { content });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** The title once it has settled on `expected` (it follows the count live). */
  const titleBecomes = (p: Page, expected: RegExp): Promise<unknown> =>
    p.waitForFunction((source) => new RegExp(source).test(document.title), expected.source);

  it('on People, a new direct message shows 1 on the Chats item and "(1) …" in the title, without a reload', async () => {
    await page.goto(`${baseUrl}/people`, { waitUntil: 'networkidle' });
    await page.getByTestId('nav-chats').waitFor();
    expect(await badge(page).count()).toBe(0);
    expect(await page.title()).toBe('People · World IT');

    await send('are you there?');
    await badge(page).waitFor();
    expect(await badge(page).innerText()).toBe('1');
    await titleBecomes(page, /^\(1\) People · World IT$/);
    // The link names the count for screen readers (its noun comes with the ICU migration).
    expect(await page.getByTestId('nav-chats').innerText()).toMatch(/\b1\b/);
    await screenshot(page, 'unread-badge-desktop-en');
  });

  it('on Settings, the next one counts up to 2', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-settings').click();
    await page.waitForURL((url) => url.pathname.startsWith('/settings'));
    await send('hello?');
    await page.waitForFunction(() => document.querySelector('[data-testid="nav-chats-badge"]')?.textContent === '2');
    await titleBecomes(page, /^\(2\) /);
  });

  it('keeps the count after a reload (it comes from the server)', async () => {
    await page.reload({ waitUntil: 'networkidle' });
    await badge(page).waitFor();
    expect(await badge(page).innerText()).toBe('2');
    await titleBecomes(page, /^\(2\) /);
  });

  it('reading the chat in a second tab clears the badge and the title prefix in the first', async () => {
    const second = await context.newPage();
    await second.goto(`${baseUrl}/chats/${dm.id}`, { waitUntil: 'networkidle' });
    await second.bringToFront();
    await second.getByTestId('message-text').getByText('hello?', { exact: true }).waitFor();
    await badge(second).waitFor({ state: 'detached' });

    await badge(page).waitFor({ state: 'detached' });
    await titleBecomes(page, /^Settings · World IT$/);
    await second.close();
  });

  it('shows the count on the phone’s bottom bar at 360 px, in English and Ukrainian', async () => {
    await page.bringToFront();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${baseUrl}/people`, { waitUntil: 'networkidle' });
    await send('on your phone');
    await badge(page).waitFor();
    expect(await badge(page).innerText()).toBe('1');
    // The bottom bar is fixed to the foot of the viewport, and the badge sits on the Chats icon in it.
    const bar = (await page.getByTestId('nav-chats').boundingBox())!;
    const box = (await badge(page).boundingBox())!;
    expect(bar.y + bar.height).toBeGreaterThan(700);
    expect(box.x).toBeGreaterThanOrEqual(bar.x);
    expect(box.x + box.width).toBeLessThanOrEqual(bar.x + bar.width);
    expect(box.y).toBeGreaterThanOrEqual(bar.y - 1);
    await screenshot(page, 'unread-badge-phone-en');

    await page.getByTestId('lang-switch').click();
    await titleBecomes(page, /^\(1\) Люди · World IT$/);
    expect(await badge(page).innerText()).toBe('1');
    await screenshot(page, 'unread-badge-phone-uk');

    await page.setViewportSize({ width: 1280, height: 800 });
    await badge(page).waitFor();
    await screenshot(page, 'unread-badge-desktop-uk');
  });
});
