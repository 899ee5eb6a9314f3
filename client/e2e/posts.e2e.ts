import type { AuthResponse, Post, Page as ApiPage } from '@world-it/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { apiAs, signUp } from './support/accounts';
import { guardNativeSubmits, nativeSubmits } from './support/forms';

jest.setTimeout(300_000);

type Lang = 'en' | 'uk';

/** What the journey reads on screen, in each language. */
const TEXT = {
  en: {
    oneNewPost: '1 new post',
    liked: (name: string) => `${name} liked your post`,
    commented: (name: string) => `${name} commented on your post`,
    titleRequired: 'Give your post a title.',
    linkInvalid: 'Enter a full web address that starts with http:// or https://.',
    tagSubtitle: 'Posts tagged #angular',
    feedEmpty: 'Your feed is quiet',
  },
  uk: {
    oneNewPost: '1 новий допис',
    liked: (name: string) => `${name} вподобує ваш допис`,
    commented: (name: string) => `${name} коментує ваш допис`,
    titleRequired: 'Дайте допису заголовок.',
    linkInvalid: 'Введіть повну адресу, що починається з http:// або https://.',
    tagSubtitle: 'Дописи з тегом #angular',
    feedEmpty: 'У стрічці поки тихо',
  },
} as const;

function png(width: number, height: number, background: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

/** A signed-in tab in the given language and width. */
async function openAs(
  browser: Browser,
  auth: AuthResponse,
  lang: Lang,
  width: number,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const { baseUrl } = browserRun();
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await guardNativeSubmits(context);
  await context.addInitScript(
    ([session, language]) => {
      if (!localStorage.getItem('wit.session')) localStorage.setItem('wit.session', session);
      localStorage.setItem('wit.language', language);
    },
    [
      JSON.stringify({ accessToken: auth.accessToken, refreshToken: auth.refreshToken, user: auth.user }),
      lang,
    ] as const,
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseUrl, { waitUntil: 'networkidle' });
  return { context, page, errors };
}

async function badge(page: Page): Promise<string | null> {
  const el = page.getByTestId('notifications-badge');
  return (await el.count()) ? el.innerText() : null;
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('posts and the feed in a browser', () => {
  const { baseUrl } = browserRun();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it.each([
    ['en', 1280],
    ['uk', 1280],
    ['en', 360],
    ['uk', 360],
  ] as const)(
    'a post with two tags and a picture reaches a friend live, who likes and comments; the author sees it all live (%s, %i px)',
    async (lang, width) => {
      const t = TEXT[lang];
      const tag = `${lang}${width}${Date.now().toString(36)}`;
      const [ada, ben] = await Promise.all([signUp(`Ada ${tag}`), signUp(`Ben ${tag}`)]);
      // Friends (two requests meet), with the friendship notifications already read.
      expect((await apiAs(ada, 'POST', '/api/friendships/requests', { userId: ben.user.id })).status).toBe(201);
      expect((await apiAs(ben, 'POST', '/api/friendships/requests', { userId: ada.user.id })).status).toBe(200);
      await apiAs(ada, 'POST', '/api/notifications/read', {});
      await apiAs(ben, 'POST', '/api/notifications/read', {});

      const a = await openAs(browser, ada, lang, width);
      const b = await openAs(browser, ben, lang, width);
      try {
        // Ben reads his (empty) feed: it invites the first post and the first friend.
        await b.page.getByTestId('feed-empty').waitFor();
        expect(await b.page.getByTestId('feed-empty').innerText()).toContain(t.feedEmpty);
        expect(await b.page.getByTestId('feed-find-friends').getAttribute('href')).toBe('/people');
        await screenshot(b.page, `feed-empty-${lang}-${width}`);

        // Ada writes: the composer opens from its single line.
        const composer = a.page.getByTestId('post-composer');
        await composer.getByTestId('composer-title').click();
        await composer.getByTestId('composer-content').waitFor();
        // Mistakes are named under their fields, and nothing is sent.
        await composer.getByTestId('composer-link-input').fill('javascript:alert(1)');
        await composer.getByTestId('composer-link-add').click();
        expect(await composer.getByTestId('composer-link-error').innerText()).toBe(t.linkInvalid);
        await composer.getByTestId('composer-link-input').fill('');
        await composer.getByTestId('composer-submit').click();
        expect(await composer.getByTestId('composer-title-error').innerText()).toBe(t.titleRequired);

        const title = `Hello from Ada ${tag}`;
        await composer.getByTestId('composer-title').fill(title);
        await composer
          .getByTestId('composer-content')
          .fill('First line <b>not bold</b>\nSecond line with https://angular.dev/guide/signals inside.');
        await composer.getByTestId('composer-tag-input').fill('#Angular');
        await composer.getByTestId('composer-tag-input').press('Enter');
        await composer.getByTestId('composer-tag-input').pressSequentially('TypeScript,');
        // The page renders on its own schedule: wait for what an action brings before reading it.
        await composer.getByTestId('composer-tag').nth(1).waitFor();
        expect(await composer.getByTestId('composer-tag').allInnerTexts()).toEqual(['#angular', '#typescript']);
        // A letter typed in the same moment as the Enter starts the next tag: the box is empty at once,
        // not at the next render (a fast typist's "#nest⏎j" must not read "nestj").
        const typedAfterEnter = await composer.getByTestId('composer-tag-input').evaluate((box: HTMLInputElement) => {
          box.value = 'nest';
          box.dispatchEvent(new Event('input', { bubbles: true }));
          box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
          box.value += 'j';
          box.dispatchEvent(new Event('input', { bubbles: true }));
          return box.value;
        });
        expect(typedAfterEnter).toBe('j');
        await composer.getByTestId('composer-tag').nth(2).waitFor();
        // Backspace deletes the letter, then the chip before the cursor.
        await composer.getByTestId('composer-tag-input').press('Backspace');
        await composer.getByTestId('composer-tag-input').press('Backspace');
        await composer.getByTestId('composer-tag').nth(2).waitFor({ state: 'detached' });
        expect(await composer.getByTestId('composer-tag').allInnerTexts()).toEqual(['#angular', '#typescript']);
        await composer.getByTestId('composer-link-input').fill('https://github.com/angular/angular');
        await composer.getByTestId('composer-link-input').press('Enter');
        await composer.getByTestId('composer-link').waitFor();
        expect(await composer.getByTestId('composer-link').count()).toBe(1);
        await a.page.setInputFiles('[data-testid=composer-drop-input]', {
          name: 'sunset.png',
          mimeType: 'image/png',
          buffer: await png(640, 400, { r: 234, g: 88, b: 12 }),
        });
        await composer.locator('[data-testid=composer-image][data-status=done]').waitFor();
        await screenshot(a.page, `composer-${lang}-${width}`);
        expect(await seriousViolations(a.page)).toEqual([]);
        await composer.getByTestId('composer-submit').click();

        // Ada's card is on top at once, the composer folded again.
        const adaCard = a.page.locator('[data-testid=post-card]').first();
        await adaCard.getByTestId('post-title').getByText(title).waitFor();
        expect(await composer.getByTestId('composer-content').count()).toBe(0);
        const [post] = (await apiAs<ApiPage<Post>>(ada, 'GET', `/api/posts?scope=feed&authorId=${ada.user.id}`)).body
          .items;
        expect(post).toMatchObject({
          title,
          tags: ['angular', 'typescript'],
          links: ['https://github.com/angular/angular'],
        });
        expect(post.images).toHaveLength(1);

        // Ben is told without a reload, and the banner brings the post in.
        const banner = b.page.getByTestId('feed-new-posts');
        await banner.waitFor();
        expect((await banner.innerText()).trim()).toBe(t.oneNewPost);
        await screenshot(b.page, `feed-banner-${lang}-${width}`);
        await banner.click();
        const benCard = b.page.locator(`[data-testid=post-card][data-post-id="${post.id}"]`);
        await benCard.waitFor();
        await banner.waitFor({ state: 'detached' });

        // Ben starts a post of his own: the tag box suggests the tag Ada just used; the keyboard picks it.
        const benComposer = b.page.getByTestId('post-composer');
        await benComposer.getByTestId('composer-title').click();
        await benComposer.getByTestId('composer-tag-input').pressSequentially('ang');
        const option = benComposer.getByTestId('composer-tag-option').first();
        await option.waitFor();
        expect(await option.innerText()).toContain('#angular');
        await benComposer.getByTestId('composer-tag-input').press('ArrowDown');
        await benComposer.locator('[data-testid=composer-tag-option][aria-selected=true]').waitFor();
        await benComposer.getByTestId('composer-tag-input').press('Enter');
        await benComposer.getByTestId('composer-tag').waitFor();
        expect(await benComposer.getByTestId('composer-tag').allInnerTexts()).toEqual(['#angular']);
        await benComposer.getByTestId('composer-cancel').click();
        await benComposer.getByTestId('composer-content').waitFor({ state: 'detached' });

        // The card: text as text (no HTML), the URL in it a safe link, the link by its host, tags, picture.
        const content = benCard.getByTestId('post-content');
        expect(await content.innerText()).toContain('First line <b>not bold</b>');
        expect(await content.locator('b').count()).toBe(0);
        const inline = content.locator('a');
        expect(await inline.getAttribute('href')).toBe('https://angular.dev/guide/signals');
        expect(await inline.getAttribute('rel')).toBe('noopener noreferrer nofollow');
        const link = benCard.getByTestId('post-link');
        expect(await link.getByTestId('post-link-host').innerText()).toBe('github.com');
        expect(await link.getAttribute('target')).toBe('_blank');
        expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
        expect(await benCard.getByTestId('post-tag').allInnerTexts()).toEqual(['#angular', '#typescript']);
        expect(await benCard.getByTestId('post-author').getAttribute('href')).toBe(`/people/${ada.user.id}`);
        expect(await benCard.getByTestId('post-edit').count()).toBe(0);
        // The picture opens in the lightbox.
        await benCard.getByTestId('post-image').click();
        await b.page.getByTestId('lightbox-image').waitFor();
        await b.page.keyboard.press('Escape');
        await b.page.locator('[data-testid=lightbox][open]').waitFor({ state: 'detached' });

        // Ben likes: his count moves at once; Ada's card and bell follow live.
        await benCard.getByTestId('post-like').click();
        await benCard.locator('[data-testid=post-like][aria-pressed=true]').waitFor();
        await benCard.getByTestId('post-likes').filter({ hasText: /^1$/ }).waitFor();
        await a.page.waitForFunction(
          (id) =>
            document.querySelector(`[data-post-id="${id}"] [data-testid=post-likes]`)?.textContent?.trim() === '1',
          post.id,
        );
        await a.page.getByTestId('notifications-badge').waitFor();

        // Ben comments; Ada's comment count goes up live.
        await benCard.getByTestId('post-comments-toggle').click();
        await benCard.getByTestId('comments-empty').waitFor();
        await benCard.getByTestId('comment-input').fill('Lovely sunset!');
        // The network drops the first try: the text comes back into the box with a message.
        const comments = `**/api/posts/${post.id}/comments`;
        await b.page.route(comments, (route) =>
          route.request().method() === 'POST' ? route.abort('connectionreset') : route.fallback(),
        );
        await benCard.getByTestId('comment-send').click();
        await benCard.getByTestId('comment-error').waitFor();
        expect(await benCard.getByTestId('comment-input').inputValue()).toBe('Lovely sunset!');
        await b.page.unroute(comments);
        await benCard.getByTestId('comment-send').click();
        await benCard.getByTestId('comment-text').getByText('Lovely sunset!').waitFor();
        expect(await benCard.getByTestId('comment-input').inputValue()).toBe('');
        expect(await benCard.getByTestId('comment-error').count()).toBe(0);
        await benCard.getByTestId('post-comments-count').filter({ hasText: /^1$/ }).waitFor();
        expect(await benCard.getByTestId('post-comments-count').innerText()).toBe('1');
        await a.page.waitForFunction(
          (id) =>
            document.querySelector(`[data-post-id="${id}"] [data-testid=post-comments-count]`)?.textContent?.trim() ===
            '1',
          post.id,
        );
        await screenshot(b.page, `feed-card-${lang}-${width}`);
        expect(await seriousViolations(b.page)).toEqual([]);

        // Ada's bell: both, each leading to the post.
        await a.page.waitForFunction(
          () => document.querySelector('[data-testid=notifications-badge]')?.textContent?.trim() === '2',
        );
        expect(await badge(a.page)).toBe('2');
        await a.page.getByTestId('notifications-bell').click();
        const liked = a.page.locator('[data-testid=notification][data-type=post_liked]');
        const commented = a.page.locator('[data-testid=notification][data-type=post_commented]');
        await liked.waitFor();
        expect(await liked.innerText()).toContain(t.liked(`Ben ${tag}`));
        expect(await commented.innerText()).toContain(t.commented(`Ben ${tag}`));
        await screenshot(a.page, `bell-posts-${lang}-${width}`);
        await commented.locator('a').click();
        await a.page.waitForURL(`**/posts/${post.id}`);
        await a.page.getByTestId('comment-text').getByText('Lovely sunset!').waitFor();
        expect(await a.page.getByTestId('post-likes').innerText()).toBe('1');

        // The tag page lists it.
        await a.page.getByTestId('post-tag').first().click();
        await a.page.waitForURL('**/tags/angular');
        await a.page.locator(`[data-testid=post-card][data-post-id="${post.id}"]`).waitFor();
        expect(await a.page.locator('.page__subtitle').innerText()).toBe(t.tagSubtitle);
        expect(await overflow(a.page)).toBeLessThanOrEqual(0);
        await screenshot(a.page, `tag-page-${lang}-${width}`);

        // Ada's profile, Posts tab, as Ben sees it.
        await b.page.goto(`${baseUrl}/people/${ada.user.id}`, { waitUntil: 'networkidle' });
        await b.page.getByTestId('profile-posts').locator(`[data-post-id="${post.id}"]`).waitFor();
        expect(await b.page.getByTestId('profile-tab-posts').getAttribute('aria-current')).toBe('page');
        expect(await overflow(b.page)).toBeLessThanOrEqual(0);
        await screenshot(b.page, `profile-posts-${lang}-${width}`);
        expect(await seriousViolations(b.page)).toEqual([]);

        // Ada edits the post from its page; the new title shows and is kept.
        await a.page.goto(`${baseUrl}/posts/${post.id}`, { waitUntil: 'networkidle' });
        await a.page.getByTestId('post-edit').click();
        const edit = a.page.getByTestId('post-edit-form');
        await edit.getByTestId('composer-title').fill(`${title} (edited)`);
        // The radio is drawn by its label, as a person clicks it.
        await edit.locator('label', { has: a.page.getByTestId('composer-visibility-friends') }).click();
        expect(await edit.getByTestId('composer-visibility-friends').isChecked()).toBe(true);
        await screenshot(a.page, `post-edit-${lang}-${width}`);
        await edit.getByTestId('composer-submit').click();
        await a.page.getByTestId('post-title').getByText(`${title} (edited)`).waitFor();
        expect(await a.page.getByTestId('post-visibility').getAttribute('data-visibility')).toBe('friends');
        const saved = await apiAs<Post>(ada, 'GET', `/api/posts/${post.id}`);
        expect(saved.body).toMatchObject({
          title: `${title} (edited)`,
          visibility: 'friends',
          tags: ['angular', 'typescript'],
        });
        expect(saved.body.images.map((i) => i.id)).toEqual(post.images.map((i) => i.id));

        // …and deletes it, after the confirm dialog.
        await a.page.getByTestId('post-delete').click();
        // Every card and comment list has its own (closed) dialog: the open one is the card's.
        const confirm = a.page.locator('[data-testid=confirm-dialog][open]');
        await confirm.waitFor();
        await confirm.getByTestId('confirm-ok').click();
        await a.page.waitForURL(`${baseUrl}/`);
        expect((await apiAs(ada, 'GET', `/api/posts/${post.id}`)).status).toBe(404);
        expect(await nativeSubmits(a.page)).toEqual([]);
        expect(await nativeSubmits(b.page)).toEqual([]);
        // No uncaught error on either side along the way.
        expect(a.errors).toEqual([]);
        expect(b.errors).toEqual([]);
      } finally {
        await a.context.close();
        await b.context.close();
      }
    },
  );
});
