import type { AuthResponse, Me } from '@world-it/contracts';
import type { Browser } from 'playwright-core';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { apiAs, signUp, signedInPage } from './support/accounts';
import { poll } from './support/poll';

jest.setTimeout(90_000);

describe('people, profiles and settings in a browser', () => {
  const { baseUrl } = browserRun();
  let browser: Browser;
  let cleo: AuthResponse;
  let dan: AuthResponse;
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    browser = await launchBrowser();
    [cleo, dan] = await Promise.all([signUp(`Cleo ${tag}`), signUp(`Dan ${tag}`)]);
  });
  afterAll(() => browser.close());

  it('finds a person by name, opens the profile and starts a direct chat with "Message"', async () => {
    const { context, page } = await signedInPage(browser, cleo);
    try {
      await page.goto(`${baseUrl}/people`, { waitUntil: 'networkidle' });
      await page.getByTestId('people-search').fill(`dan ${tag}`);
      const card = page.locator(`[data-testid=person-card][data-user-id="${dan.user.id}"]`);
      await card.waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=person-card]').length === 1);
      expect(page.url()).toContain(`search=`);
      await screenshot(page, 'people-search');
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByTestId('people-search').fill(`nobody-${tag}`);
      await page.getByTestId('people-empty').waitFor();

      await page.goto(`${baseUrl}/people/${dan.user.id}`, { waitUntil: 'networkidle' });
      expect(await page.getByTestId('profile-name').innerText()).toContain(`Dan ${tag}`);
      await page.getByTestId('profile-message').click();
      await page.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
      await page.getByTestId('composer-input').waitFor();
    } finally {
      await context.close();
    }
  });

  it('edits my profile and turns the unread digest off, and both are kept on the server', async () => {
    const { context, page } = await signedInPage(browser, dan);
    try {
      await page.goto(`${baseUrl}/profile`, { waitUntil: 'networkidle' });
      await page.getByTestId('profile-edit').click();
      await page.getByTestId('profile-about-input').fill('Builds compilers for fun');
      await page.getByTestId('profile-save').click();
      await page.getByTestId('profile-about').getByText('Builds compilers for fun').waitFor();

      await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      const digest = page.getByTestId('settings-digest');
      await digest.waitFor({ state: 'attached' });
      await page.waitForFunction(
        () => !(document.querySelector('[data-testid=settings-digest]') as HTMLInputElement).disabled,
      );
      expect(await digest.isChecked()).toBe(true);
      // A switch: focus it and press Space, as a keyboard user would.
      await digest.focus();
      await page.keyboard.press('Space');
      await expect(poll(async () => (await apiAs<Me>(dan, 'GET', '/api/auth/me')).body.emailDigest)).resolves.toBe(
        false,
      );
      const me = await apiAs<Me>(dan, 'GET', '/api/auth/me');
      expect(me.body.about).toBe('Builds compilers for fun');
      await screenshot(page, 'settings');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
