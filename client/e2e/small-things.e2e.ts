import AxeBuilder from '@axe-core/playwright';
import type { AuthResponse, Message, Room } from '@world-it/contracts';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot } from './support/browser';
import { apiAs, signUp, signedInPage } from './support/accounts';

jest.setTimeout(120_000);

const PHONE = { width: 360, height: 740 };

/** The page in Ukrainian (the language picked on this device wins over the account's). */
async function inUkrainian(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => localStorage.setItem('wit.language', 'uk'));
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const intersects = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where an element ends up: visible, once its opening animation (if any) has finished. Read inside the
 * page in one step, so a list that re-renders between "find it" and "measure it" cannot leave us
 * holding a detached node.
 */
async function box(locator: Locator): Promise<Box> {
  await locator.waitFor({ state: 'visible' });
  return locator.evaluate(async (el) => {
    await Promise.all(el.getAnimations({ subtree: false }).map((a) => a.finished));
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

/** Lines the first text of an element is laid out on (1 = no wrapping). */
function textLines(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const text = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    if (!text) throw new Error('no text');
    const range = document.createRange();
    range.selectNodeContents(text);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });
}

describe('small things a user notices', () => {
  const { baseUrl } = browserRun();
  let browser: Browser;
  let ada: AuthResponse;
  let bohdana: AuthResponse;
  const pages: BrowserContext[] = [];

  const open = async (
    who: AuthResponse,
    viewport?: { width: number; height: number },
    uk = false,
  ): Promise<{ context: BrowserContext; page: Page }> => {
    const p = await signedInPage(browser, who, viewport);
    pages.push(p.context);
    if (uk) {
      await inUkrainian(p.context);
      await p.page.reload({ waitUntil: 'networkidle' });
    }
    return p;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    [ada, bohdana] = await Promise.all([signUp('Ada Small'), signUp('Bohdana Kovalenko-Shevchenko')]);
  });
  afterEach(async () => {
    for (const c of pages.splice(0)) await c.close();
  });
  afterAll(() => browser.close());

  it('updates a public room’s member count in the list when I join and when I leave', async () => {
    const name = `Lounge ${Date.now().toString(36)}`;
    const room = await apiAs<Room>(bohdana, 'POST', '/api/chats/groups', { name, visibility: 'public' });
    const { page } = await open(ada);
    await page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
    await page.getByTestId('public-rooms').click();
    const row = page.locator(`[data-testid=public-room][data-room-id="${room.body.id}"]`);
    const count = row.getByTestId('public-room-members');
    await count.waitFor();
    expect(await count.innerText()).toMatch(/(^|\D)1(\D|$)/);

    await row.getByTestId('room-join').click();
    await page.waitForURL(`${baseUrl}/chats/${room.body.id}`);
    await page.waitForFunction((el) => /(^|\D)2(\D|$)/.test(el?.textContent ?? ''), await count.elementHandle());
    // The room header says the same.
    expect(await page.locator('header.head').innerText()).toMatch(/(^|\D)2(\D|$)/);
    await screenshot(page, 'small-public-count-joined');

    expect((await apiAs(ada, 'DELETE', `/api/chats/${room.body.id}/members/${ada.user.id}`)).status).toBe(204);
    await page.waitForFunction((el) => /(^|\D)1(\D|$)/.test(el?.textContent ?? ''), await count.elementHandle());
  });

  it('shows Seen on every message of mine the other person has read, not only the newest', async () => {
    const cy = await signUp('Cy Seen');
    const dm = await apiAs<Room>(ada, 'POST', '/api/chats/direct', { userId: cy.user.id });
    const sent: Message[] = [];
    for (const content of ['first', 'second', 'third'])
      sent.push((await apiAs<Message>(ada, 'POST', `/api/chats/${dm.body.id}/messages`, { content })).body);
    expect((await apiAs(cy, 'POST', `/api/chats/${dm.body.id}/read`, { messageId: sent[1].id })).status).toBe(204);

    const { page } = await open(ada);
    await page.goto(`${baseUrl}/chats/${dm.body.id}`, { waitUntil: 'networkidle' });
    const bubble = (m: Message) => page.locator(`[data-testid=message][data-message-id="${m.id}"]`);
    await bubble(sent[1]).getByTestId('message-seen').waitFor();
    await bubble(sent[0]).getByTestId('message-seen').waitFor();
    await bubble(sent[2]).waitFor();
    expect(await bubble(sent[2]).getByTestId('message-seen').count()).toBe(0);

    // Cy reads the rest: the newest turns Seen live.
    expect((await apiAs(cy, 'POST', `/api/chats/${dm.body.id}/read`, { messageId: sent[2].id })).status).toBe(204);
    await bubble(sent[2]).getByTestId('message-seen').waitFor();
    expect(await page.getByTestId('message-seen').count()).toBe(3);
    await screenshot(page, 'small-seen');
  });

  it('keeps an empty direct chat out of the other person’s list until its first message arrives (live)', async () => {
    const dee = await signUp('Dee Peer');
    const peer = await open(dee);
    await peer.page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
    await peer.page.getByTestId('chat-list-empty').waitFor();

    // Ada presses "Message" on Dee's profile: the chat opens for her, empty.
    const opener = await open(ada);
    await opener.page.goto(`${baseUrl}/people/${dee.user.id}`, { waitUntil: 'networkidle' });
    await opener.page.getByTestId('profile-message').click();
    await opener.page.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
    const roomId = opener.page.url().split('/').pop() as string;
    await opener.page.getByTestId('composer-input').waitFor();

    // Dee's list, reloaded from the server, still has no such chat.
    await peer.page.reload({ waitUntil: 'networkidle' });
    await peer.page.getByTestId('chat-list-empty').waitFor();
    const row = peer.page.locator(`[data-testid=chat-list-item][data-room-id="${roomId}"]`);
    expect(await row.count()).toBe(0);

    await opener.page.getByTestId('composer-input').fill('Hi Dee');
    await opener.page.getByTestId('composer-input').press('Enter');
    await row.getByTestId('unread-badge').waitFor();
    expect(await row.getByTestId('unread-badge').innerText()).toMatch(/^1\b/);
    expect(await row.getByTestId('chat-list-preview').innerText()).toContain('Hi Dee');
    await screenshot(peer.page, 'small-dm-reaches-peer');
  });

  it('shows full names in the New group dialog on a phone', async () => {
    for (const uk of [false, true]) {
      const { page } = await open(ada, PHONE, uk);
      await page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
      await page.getByTestId('new-group').click();
      await page.getByTestId('group-member-search').fill('Kovalenko-Shevchenko');
      // The list that answers this search (the first one lists everybody, then it is replaced).
      const person = page.locator(
        `[data-results-for="Kovalenko-Shevchenko"] [data-testid=person][data-user-id="${bohdana.user.id}"]`,
      );
      const name = person.locator('.person__name');
      await name.waitFor();
      expect(await name.innerText()).toBe('Bohdana Kovalenko-Shevchenko');
      // Nothing of it is cut off: no overflow, and it lies inside the dialog.
      expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const dialog = await box(page.getByTestId('new-group-dialog'));
      const nameBox = await box(name);
      expect(nameBox.x).toBeGreaterThanOrEqual(dialog.x);
      expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(dialog.x + dialog.width);
      // Its buttons are still there and inside the screen.
      const add = await box(person.getByTestId('group-member-pick'));
      expect(add.x + add.width).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `small-group-dialog-phone-${uk ? 'uk' : 'en'}`);
    }
  });

  it('keeps each chats tab label on one line in Ukrainian, from desktop to phone', async () => {
    // An unread room, so the "My chats" tab carries its badge too.
    const dm = await apiAs<Room>(bohdana, 'POST', '/api/chats/direct', { userId: ada.user.id });
    await apiAs(bohdana, 'POST', `/api/chats/${dm.body.id}/messages`, { content: 'привіт' });
    for (const viewport of [{ width: 1280, height: 800 }, { width: 800, height: 800 }, PHONE]) {
      const { page } = await open(ada, viewport, true);
      await page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
      const publicTab = page.getByTestId('public-rooms');
      expect((await publicTab.innerText()).trim()).toBe('Публічні кімнати');
      await page.getByTestId('my-chats').locator('.tab__count').waitFor();
      for (const tab of [publicTab, page.getByTestId('my-chats')]) {
        expect(await textLines(tab)).toBe(1);
        expect(await tab.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      }
      await screenshot(page, `small-tabs-uk-${viewport.width}`);
    }
  });

  it('shows toasts clear of the room header’s ⋮ button, on desktop and on a phone', async () => {
    for (const [viewport, uk] of [
      [{ width: 1280, height: 800 }, false],
      [PHONE, false],
      [PHONE, true],
    ] as const) {
      const room = await apiAs<Room>(bohdana, 'POST', '/api/chats/groups', {
        name: `Toasty ${Date.now().toString(36)}`,
        visibility: 'public',
      });
      const { page } = await open(ada, viewport, uk);
      await page.goto(`${baseUrl}/chats/${room.body.id}`, { waitUntil: 'networkidle' });
      await page.getByTestId('room-join').click();
      const toast = page.locator('.toast').first();
      const menu = page.getByTestId('room-settings');
      await menu.waitFor();
      await toast.waitFor();
      // The toast dismisses itself after a few seconds: once it is there, everything is measured in one
      // step inside the page (after its entrance animation), so a slow machine cannot miss it.
      const boxes = await toast.evaluate(async (el) => {
        await Promise.all(el.getAnimations({ subtree: false }).map((a) => a.finished));
        const rect = (e: Element | null) => {
          if (!e) return null;
          const r = e.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        return {
          toast: rect(el) as { x: number; y: number; width: number; height: number },
          menu: rect(document.querySelector('[data-testid=room-settings]')),
          bar: rect(document.querySelector('nav.nav')),
        };
      });
      expect(boxes.menu).not.toBeNull();
      expect(intersects(boxes.toast, boxes.menu as Box)).toBe(false);
      if (viewport.width < 720) {
        // Above the bottom bar, not over it.
        expect(boxes.bar).not.toBeNull();
        expect(boxes.toast.y + boxes.toast.height).toBeLessThanOrEqual((boxes.bar as Box).y);
      }
      await screenshot(page, `small-toast-${viewport.width}-${uk ? 'uk' : 'en'}`);
    }
  });

  it('gives the language switch and the brand link accessible names that contain their visible text', async () => {
    for (const uk of [false, true]) {
      const { page } = await open(ada, undefined, uk);
      await page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
      const result = await new AxeBuilder({ page })
        .include('.brand')
        .include('[data-testid=lang-switch]')
        .withRules(['label-content-name-mismatch'])
        .analyze();
      expect(result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
      // The rule really looked at both controls (it applies to elements with an aria-label).
      expect(result.passes.flatMap((p) => p.nodes.map((n) => n.target.join(' '))).sort()).toEqual(['.brand', '.lang']);
      const lang = page.getByTestId('lang-switch');
      expect(await lang.getAttribute('aria-label')).toContain(uk ? 'УК' : 'EN');
      expect(await page.getByRole('link', { name: 'World IT' }).count()).toBe(1);
      // Nothing else on the page breaks the rule either (the account menu's initials once did).
      const whole = await new AxeBuilder({ page }).withRules(['label-content-name-mismatch']).analyze();
      expect(whole.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
      // The account menu is named by the person's name first (its visible text), then what it is.
      expect(await page.getByTestId('user-menu').ariaSnapshot()).toContain(`button "${ada.user.displayName} (`);
    }
  });
});
