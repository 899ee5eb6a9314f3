import { randomBytes } from 'node:crypto';
import type { AuthResponse, Post, Room } from '@world-it/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot } from './support/browser';
import { apiAs, signedInPage, signUp } from './support/accounts';

jest.setTimeout(300_000);

/**
 * Hostile text stored through the API shows in the browser as the very characters that were typed,
 * and nothing in it runs: no element it names is created, no handler it carries fires, no dialog
 * opens, and a `javascript:` URL never becomes a link.
 */
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';
const JS_LINK = 'javascript:window.__xss=1';
const ALERT = '<svg onload=alert(document.domain)>';
/** Every payload in one text (where the field is long enough). */
const ALL = `${IMG} ${SCRIPT} ${JS_LINK} ${ALERT} [click](javascript:alert(1))`;

const tag = randomBytes(3).toString('hex');

interface Watch {
  dialogs: string[];
  errors: string[];
}

/** Arms the page: a dialog is recorded (and dismissed), as is any script error. */
function watch(page: Page): Watch {
  const w: Watch = { dialogs: [], errors: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  return w;
}

/** Nothing ran and nothing was injected: the global is unset, no element or javascript: link appeared. */
async function assertInert(page: Page, w: Watch): Promise<void> {
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    injectedImg: document.querySelectorAll('img[src="x"], img[onerror]').length,
    injectedSvg: document.querySelectorAll('svg[onload]').length,
    injectedScript: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__xss')).length,
    jsLinks: [...document.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? ''))
      .length,
  }));
  expect(state).toEqual({ xss: undefined, injectedImg: 0, injectedSvg: 0, injectedScript: 0, jsLinks: 0 });
  expect(w.dialogs).toEqual([]);
}

/** The text is on screen, character for character. */
async function assertShown(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible' });
}

describe('XSS: hostile text from the API renders as text in the browser', () => {
  const { baseUrl } = browserRun();
  let browser: Browser;
  let alice: AuthResponse;
  let imgUser: AuthResponse;
  let scriptUser: AuthResponse;
  let linkUser: AuthResponse;
  let room: Room;
  let post: Post;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    // Display names hold one payload each (50 characters at most), with a tag to search for.
    [alice, imgUser, scriptUser, linkUser] = await Promise.all([
      signUp(`Alice ${tag}`),
      signUp(`${IMG} ${tag}`),
      signUp(`${SCRIPT} ${tag}`),
      signUp(`${JS_LINK} ${tag}`),
    ]);
    for (const u of [imgUser, scriptUser, linkUser]) {
      const req = await apiAs<{ id: string }>(u, 'POST', '/api/friendships/requests', { userId: alice.user.id });
      expect(req.status).toBe(201);
      expect((await apiAs(alice, 'POST', `/api/friendships/requests/${req.body.id}/accept`)).status).toBe(200);
    }
    expect((await apiAs(imgUser, 'PATCH', '/api/profiles/me', { about: ALL })).status).toBe(200);

    const group = await apiAs<Room>(alice, 'POST', '/api/chats/groups', {
      name: `${IMG}${SCRIPT} ${tag}`,
      visibility: 'private',
      memberIds: [imgUser.user.id, scriptUser.user.id, linkUser.user.id],
    });
    expect(group.status).toBe(201);
    room = group.body;
    for (const [who, content] of [
      [imgUser, `${IMG} says ${tag}`],
      [scriptUser, `${SCRIPT} says ${tag}`],
      [linkUser, `${JS_LINK} says ${tag}`],
      [alice, ALL],
    ] as const) {
      expect((await apiAs(who, 'POST', `/api/chats/${room.id}/messages`, { content })).status).toBe(201);
    }

    // A javascript: link in a post's links is refused by the API (http/https only).
    const jsLinkPost = await apiAs(imgUser, 'POST', '/api/posts', {
      title: 'x',
      content: 'x',
      links: ['javascript:alert(1)'],
    });
    expect(jsLinkPost.status).toBe(400);
    const created = await apiAs<Post>(imgUser, 'POST', '/api/posts', {
      title: `${IMG} ${SCRIPT} ${tag}`,
      content: ALL,
      tags: [`xss${tag}`],
    });
    expect(created.status).toBe(201);
    post = created.body;
    for (const [who, content] of [
      [scriptUser, `${SCRIPT} comments ${tag}`],
      [alice, ALL],
    ] as const) {
      expect((await apiAs(who, 'POST', `/api/posts/${post.id}/comments`, { content })).status).toBe(201);
    }
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  async function open(as: AuthResponse): Promise<{ page: Page; w: Watch }> {
    const { context, page } = await signedInPage(browser, as, { width: 1280, height: 900 });
    contexts.push(context);
    return { page, w: watch(page) };
  }

  it('chat: the group header, the room list, every message and every author show the payloads as text', async () => {
    const { page, w } = await open(alice);
    await page.goto(`${baseUrl}/chats/${room.id}`, { waitUntil: 'networkidle' });
    await expect(page.getByTestId('room-name-heading').innerText()).resolves.toBe(`${IMG}${SCRIPT} ${tag}`);
    await assertShown(page, `${IMG} says ${tag}`);
    await assertShown(page, `${SCRIPT} says ${tag}`);
    await assertShown(page, `${JS_LINK} says ${tag}`);
    await assertShown(page, `${ALERT} [click](javascript:alert(1))`);
    await assertShown(page, `${IMG} ${tag}`); // an author's display name
    await screenshot(page, 'xss-chat-1280-en');
    await assertInert(page, w);
  });

  it('feed and post page: the title, the content, the comments and the authors show as text', async () => {
    const { page, w } = await open(alice);
    await page.goto(baseUrl, { waitUntil: 'networkidle' });
    await assertShown(page, `${IMG} ${SCRIPT} ${tag}`);
    await assertShown(page, `${JS_LINK} ${ALERT}`);
    await screenshot(page, 'xss-feed-1280-en');
    await assertInert(page, w);

    await page.goto(`${baseUrl}/posts/${post.id}`, { waitUntil: 'networkidle' });
    await assertShown(page, `${IMG} ${SCRIPT} ${tag}`);
    await assertShown(page, `${SCRIPT} comments ${tag}`);
    await assertShown(page, `${SCRIPT} ${tag}`); // the commenter's name
    await screenshot(page, 'xss-post-1280-en');
    await assertInert(page, w);
  });

  it('profile and people search: display names and the about text show as text', async () => {
    const { page, w } = await open(alice);
    await page.goto(`${baseUrl}/people/${imgUser.user.id}`, { waitUntil: 'networkidle' });
    await assertShown(page, `${IMG} ${tag}`);
    await assertShown(page, `${SCRIPT} ${JS_LINK}`); // the about text
    await screenshot(page, 'xss-profile-1280-en');
    await assertInert(page, w);

    await page.goto(`${baseUrl}/people`, { waitUntil: 'networkidle' });
    await page.getByTestId('people-search').fill(tag);
    await page.getByTestId('people-search').press('Enter');
    for (const name of [`${IMG} ${tag}`, `${SCRIPT} ${tag}`, `${JS_LINK} ${tag}`]) await assertShown(page, name);
    await screenshot(page, 'xss-people-1280-en');
    await assertInert(page, w);
    expect(w.errors).toEqual([]);
  });
});
