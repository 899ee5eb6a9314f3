import type { AuthResponse, FriendRequest, Profile } from '@world-it/contracts';
import type { Browser, Page } from 'playwright-core';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { apiAs, signUp, signedInPage } from './support/accounts';

jest.setTimeout(120_000);

/** The bell's badge text, or null while it shows none. */
async function badge(page: Page): Promise<string | null> {
  const el = page.getByTestId('notifications-badge');
  return (await el.count()) ? el.innerText() : null;
}

describe('friends, the notifications bell and blocking in a browser', () => {
  const { baseUrl } = browserRun();
  let browser: Browser;
  let ada: AuthResponse;
  let ben: AuthResponse;
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    browser = await launchBrowser();
    [ada, ben] = await Promise.all([signUp(`Ada ${tag}`), signUp(`Ben ${tag}`)]);
  });
  afterAll(() => browser.close());

  it('two people become friends with the bell updating live, then a block stops the DM and is undone in Settings', async () => {
    const a = await signedInPage(browser, ada);
    const b = await signedInPage(browser, ben);
    try {
      // Ben waits on People, the bell empty.
      await b.page.goto(`${baseUrl}/people`, { waitUntil: 'networkidle' });
      await b.page.getByTestId('notifications-bell').waitFor();
      expect(await badge(b.page)).toBeNull();

      // Ada finds Ben and asks to be friends.
      await a.page.goto(`${baseUrl}/people`, { waitUntil: 'networkidle' });
      await a.page.getByTestId('people-search').fill(`ben ${tag}`);
      // The list that answers this search (the one shown before it is replaced once the search lands).
      await a.page
        .locator(`[data-results-for="ben ${tag}"] [data-testid=person-card][data-user-id="${ben.user.id}"] a`)
        .first()
        .click();
      await a.page.waitForURL(`**/people/${ben.user.id}`);
      await a.page.getByTestId('profile-add-friend').click();
      await a.page.getByTestId('profile-request-sent').waitFor();
      expect(await a.page.getByTestId('profile-request-sent').innerText()).toBe('Request sent');

      // Ben's bell goes to 1 without a reload; the list shows Ada's request.
      await b.page.getByTestId('notifications-badge').waitFor();
      expect(await badge(b.page)).toBe('1');
      await b.page.getByTestId('notifications-bell').click();
      const request = b.page.locator('[data-testid=notification][data-type=friend_request]');
      await request.waitFor();
      expect(await request.innerText()).toContain(`Ada ${tag} wants to be your friend`);
      // Opening the bell marked it read: the badge is gone, the item keeps its unread look while open.
      await b.page.getByTestId('notifications-badge').waitFor({ state: 'detached' });
      expect(await request.getAttribute('data-read')).toBe('false');
      await screenshot(b.page, 'bell-open');
      expect(await seriousViolations(b.page)).toEqual([]);
      // Escape closes it and gives the bell its focus back.
      await b.page.keyboard.press('Escape');
      await b.page.getByTestId('notifications-panel').waitFor({ state: 'detached' });
      expect(await b.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'notifications-bell',
      );

      // Friends → Requests (from the bell's link) and Accept: the route's primary action.
      await b.page.getByTestId('notifications-bell').click();
      await b.page.getByTestId('notifications-requests').click();
      await b.page.waitForURL('**/friends?tab=incoming');
      const row = b.page.locator(`[data-testid=friend-row][data-user-id="${ada.user.id}"]`);
      await row.waitFor();
      expect(await b.page.getByTestId('friends-incoming-badge').innerText()).toBe('1');
      await screenshot(b.page, 'friends-incoming');
      expect(await seriousViolations(b.page)).toEqual([]);
      await row.getByTestId('friend-accept').click();
      await row.waitFor({ state: 'detached' });
      await b.page.getByTestId('friends-empty').waitFor();
      // A reload keeps the tab; the Friends tab now lists Ada.
      await b.page.reload({ waitUntil: 'networkidle' });
      await b.page.locator('[data-testid=friends-tab-incoming][aria-selected=true]').waitFor();
      await b.page.getByTestId('friends-tab-incoming').focus();
      await b.page.keyboard.press('ArrowLeft');
      await b.page.waitForURL((url) => !url.search.includes('tab='));
      // The URL changes first; the tab is marked selected on the render that follows.
      await b.page.locator('[data-testid=friends-tab-friends][aria-selected=true]').waitFor();
      await b.page.locator(`[data-testid=friend-row][data-user-id="${ada.user.id}"]`).waitFor();
      const friends = await apiAs<{ items: { id: string }[] }>(ben, 'GET', '/api/friendships');
      expect(friends.body.items.map((f) => f.id)).toEqual([ada.user.id]);

      // Ada sees the acceptance live, and Ben's profile says Friends with one friend.
      await a.page.getByTestId('notifications-badge').waitFor();
      await a.page.getByTestId('notifications-bell').click();
      const accepted = a.page.locator('[data-testid=notification][data-type=friend_accepted]');
      await accepted.waitFor();
      expect(await accepted.innerText()).toContain(`Ben ${tag} accepted your friend request`);
      await a.page.keyboard.press('Escape');
      await a.page.reload({ waitUntil: 'networkidle' });
      await a.page.getByTestId('profile-is-friend').waitFor();
      expect(await a.page.getByTestId('profile-friends-count').innerText()).toBe('1 friend');
      await screenshot(a.page, 'profile-friend');
      expect(await seriousViolations(a.page)).toEqual([]);
      // Ada opens their chat while they are friends.
      await a.page.getByTestId('profile-message').click();
      await a.page.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
      await a.page.getByTestId('composer-input').waitFor();

      // Ben blocks Ada from her profile, through the confirm dialog; the page says so.
      await b.page.goto(`${baseUrl}/people/${ada.user.id}`, { waitUntil: 'networkidle' });
      await b.page.getByTestId('profile-block').click();
      await b.page.getByTestId('confirm-dialog').waitFor();
      await b.page.getByTestId('confirm-ok').click();
      await b.page.getByTestId('profile-blocked-notice').waitFor();
      await b.page.getByTestId('profile-unblock').waitFor();
      await screenshot(b.page, 'profile-blocked');
      const seen = await apiAs<Profile>(ben, 'GET', `/api/profiles/${ada.user.id}`);
      expect(seen.body).toMatchObject({ blockedByMe: true, friendship: 'none' });

      // Ada, in her chat with Ben, tries to send: the composer says she can't message him.
      await a.page.getByTestId('composer-input').fill('Hello?');
      await a.page.keyboard.press('Enter');
      await a.page.getByTestId('composer-blocked').waitFor();
      expect(await a.page.getByTestId('composer-blocked').innerText()).toContain('You can’t message this person');
      expect(await a.page.getByTestId('composer-input').isDisabled()).toBe(true);
      // Retrying cannot help: the refused message offers only Discard.
      expect(await a.page.getByTestId('message-retry').count()).toBe(0);
      await screenshot(a.page, 'dm-blocked');

      // Ben's Settings list Ada as blocked; Unblock works.
      await b.page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      const blocked = b.page.locator(`[data-testid=blocked-row][data-user-id="${ada.user.id}"]`);
      await blocked.waitFor();
      // The row goes at once; the server has unblocked once the DELETE is answered.
      const unblocked = b.page.waitForResponse(
        (r) => r.request().method() === 'DELETE' && r.url().includes(ada.user.id),
      );
      await blocked.getByTestId('blocked-unblock').click();
      await b.page.getByTestId('blocked-empty').waitFor();
      expect((await unblocked).status()).toBe(204);
      const after = await apiAs<{ items: unknown[] }>(ben, 'GET', '/api/profiles/me/blocked');
      expect(after.body.items).toEqual([]);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('the Friends page and the bell at 360 px in Ukrainian', async () => {
    const cleo = await signUp(`Cleo ${tag}`);
    const sent = await apiAs<FriendRequest>(cleo, 'POST', '/api/friendships/requests', { userId: ada.user.id });
    expect(sent.status).toBe(201);
    const { context, page } = await signedInPage(browser, ada, { width: 360, height: 740 });
    try {
      await page.evaluate(() => localStorage.setItem('wit.language', 'uk'));
      await page.goto(`${baseUrl}/friends?tab=incoming`, { waitUntil: 'networkidle' });
      const row = page.locator(`[data-testid=friend-row][data-user-id="${cleo.user.id}"]`);
      await row.waitFor();
      expect(await page.getByTestId('friends-tab-incoming').innerText()).toContain('Запити');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(page, 'friends-360-uk');
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByTestId('notifications-bell').click();
      const panel = page.getByTestId('notifications-panel');
      await page.locator('[data-testid=notification][data-type=friend_request]').first().waitFor();
      const box = await panel.boundingBox();
      expect(box && Math.round(box.width)).toBe(360);
      expect(await panel.innerText()).toContain(`Cleo ${tag} хоче додати вас у друзі`);
      await screenshot(page, 'bell-360-uk');
      expect(await seriousViolations(page)).toEqual([]);
      // Accept right in the bell.
      await page
        .locator('[data-testid=notification][data-type=friend_request]')
        .first()
        .getByTestId('notification-accept')
        .click();
      await page.getByTestId('notification-answer').waitFor();
      await page.keyboard.press('Escape');
      const friends = await apiAs<{ items: { id: string }[] }>(ada, 'GET', '/api/friendships');
      expect(friends.body.items.map((f) => f.id)).toContain(cleo.user.id);

      // Cleo's profile on a phone: we are friends now, and she has one friend (me).
      await page.goto(`${baseUrl}/people/${cleo.user.id}`, { waitUntil: 'networkidle' });
      await page.getByTestId('profile-is-friend').waitFor();
      expect(await page.getByTestId('profile-friends-count').innerText()).toBe('1 друг');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(page, 'profile-360-uk');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
