import type { Album, AuthResponse, AvatarImage, Image, Page as ApiPage } from '@world-it/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { apiAs, signUp, signedInPage } from './support/accounts';

jest.setTimeout(120_000);

/** A real PNG of one colour, made here so the journey needs no fixture files. */
function png(width: number, height: number, background: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

/**
 * Holds every POST /api/uploads of a page until `release()` is called, so a journey can see the
 * progress bars while the bytes are "on their way" instead of racing a localhost upload. Once
 * released, later uploads pass straight through.
 */
async function holdUploads(page: Page): Promise<{ release: () => void }> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  await page.route('**/api/uploads', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await gate;
    await route.continue();
  });
  return { release: () => open() };
}

const thumbOf = (imageId: string) => `/media/images/${imageId}_thumb.webp`;

describe('avatars, photos and albums in a browser', () => {
  const { baseUrl } = browserRun();
  const tag = Date.now().toString(36);
  let browser: Browser;
  let ada: AuthResponse;
  let bob: AuthResponse;
  let session: { context: BrowserContext; page: Page };
  let page: Page;
  /** The pictures Ada put in her album, in the album's order. */
  let inAlbum: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    [ada, bob] = await Promise.all([signUp(`Ada ${tag}`), signUp(`Bob ${tag}`)]);
    session = await signedInPage(browser, ada);
    page = session.page;
  });
  afterAll(async () => {
    await session?.context.close();
    await browser?.close();
  });

  const headerAvatar = () => page.getByTestId('user-menu').locator('img');
  const historyIds = () =>
    page
      .locator('[data-testid=avatar-item]')
      .evaluateAll((items) =>
        items.map((i) => [(i as HTMLElement).dataset['imageId'], (i as HTMLElement).dataset['active']]),
      );

  it('picks an avatar in Settings: a square crop, the upload progress, then the new picture in the header', async () => {
    await page.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
    await page.getByTestId('avatar-history-empty').waitFor();
    expect(await headerAvatar().count()).toBe(0); // initials until a picture is set

    // A wrong file is refused here, before anything is sent.
    await page.setInputFiles('[data-testid=avatar-drop-input]', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a picture'),
    });
    expect(await page.getByTestId('avatar-error').innerText()).toMatch(/JPEG, PNG, WebP or GIF/);

    await page.setInputFiles('[data-testid=avatar-drop-input]', {
      name: 'red.png',
      mimeType: 'image/png',
      buffer: await png(480, 320, { r: 220, g: 38, b: 38 }),
    });
    const crop = page.getByTestId('avatar-crop');
    await crop.waitFor();
    const box = await crop.boundingBox();
    expect(box && Math.abs(box.width - box.height)).toBeLessThan(1); // a square frame
    await screenshot(page, 'photos-avatar-crop');

    const uploads = await holdUploads(page);
    await page.getByTestId('avatar-save').click();
    await page.getByTestId('avatar-progress').waitFor();
    await screenshot(page, 'photos-avatar-progress');
    uploads.release();

    await page.getByTestId('avatar-history').waitFor();
    const [[first, active]] = await historyIds();
    expect(active).toBe('true');
    await page.waitForFunction(
      (src) => document.querySelector('[data-testid=user-menu] img')?.getAttribute('src') === src,
      thumbOf(first!),
    );
    expect(await page.getByTestId('avatar-crop').count()).toBe(0);
  });

  it('drops a second avatar, re-picks the first, and deletes the second', async () => {
    const bytes = (await png(300, 500, { r: 37, g: 99, b: 235 })).toString('base64');
    const dataTransfer = await page.evaluateHandle((b64) => {
      const dt = new DataTransfer();
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([raw], 'blue.png', { type: 'image/png' }));
      return dt;
    }, bytes);
    const drop = page.getByTestId('avatar-drop');
    await drop.dispatchEvent('dragenter', { dataTransfer });
    await drop.dispatchEvent('dragover', { dataTransfer });
    await drop.dispatchEvent('drop', { dataTransfer });
    const crop = page.getByTestId('avatar-crop');
    await crop.waitFor();
    await crop.focus();
    await page.keyboard.press('+'); // zoom in a little and move: the crop is made here, in a canvas
    await page.keyboard.press('ArrowDown');
    await page.getByTestId('avatar-save').click();

    await page.waitForFunction(() => document.querySelectorAll('[data-testid=avatar-item]').length === 2);
    const [[second, secondActive], [first, firstActive]] = await historyIds();
    expect([secondActive, firstActive]).toEqual(['true', 'false']);
    expect(await headerAvatar().getAttribute('src')).toBe(thumbOf(second!));
    // The server got a square (the crop), not the 300×500 original.
    const history = await apiAs<AvatarImage[]>(ada, 'GET', '/api/profiles/me/avatars');
    const saved = history.body.find((a) => a.id === second)!;
    expect(saved.width).toBe(saved.height);

    await page.locator(`[data-testid=avatar-item][data-image-id="${first}"] [data-testid=avatar-use]`).click();
    await page.waitForFunction(
      (src) => document.querySelector('[data-testid=user-menu] img')?.getAttribute('src') === src,
      thumbOf(first!),
    );
    expect(await historyIds()).toEqual([
      [second, 'false'],
      [first, 'true'],
    ]);

    await page.locator(`[data-testid=avatar-item][data-image-id="${second}"] [data-testid=avatar-delete]`).click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.getByTestId('confirm-ok').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=avatar-item]').length === 1);
    expect(await historyIds()).toEqual([[first, 'true']]);
    expect(await headerAvatar().getAttribute('src')).toBe(thumbOf(first!));
    await screenshot(page, 'photos-settings-avatar');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('uploads three photos at once on my profile: a progress bar each, then three new thumbnails', async () => {
    await page.goto(`${baseUrl}/profile?tab=photos`, { waitUntil: 'networkidle' });
    const grid = page.getByTestId('photos-grid').getByTestId('photo');
    await grid.first().waitFor(); // the two avatar pictures are my photos too
    const before = await grid.count();

    const files = await Promise.all(
      [
        { r: 16, g: 185, b: 129 },
        { r: 245, g: 158, b: 11 },
        { r: 139, g: 92, b: 246 },
      ].map(async (colour, i) => ({
        name: `trip-${i + 1}.png`,
        mimeType: 'image/png',
        buffer: await png(640, 420, colour),
      })),
    );
    const uploads = await holdUploads(page);
    await page.setInputFiles('[data-testid=photos-drop-input]', files);
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid=photo-upload][data-status=uploading] [role=progressbar]').length === 3,
    );
    await screenshot(page, 'photos-uploading');
    uploads.release();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=photo-upload][data-status=done]').length === 3,
    );
    expect(
      await page
        .locator('[data-testid=photo-upload] [role=progressbar]')
        .evaluateAll((bars) => bars.map((b) => b.getAttribute('aria-valuenow'))),
    ).toEqual(['100', '100', '100']);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=photos-grid] [data-testid=photo]').length === n,
      before + 3,
    );
    await page.getByTestId('uploads-clear').click();
    await page.getByTestId('photo-uploads').waitFor({ state: 'detached' });
  });

  it('makes an album "Trips" with a theme and a year, adds two photos, and shows the count and the cover', async () => {
    await page.getByTestId('photos-tab-albums').click();
    await page.getByTestId('albums-empty').waitFor();
    await page.getByTestId('album-new').click();
    const form = page.getByTestId('album-form');
    await form.waitFor();
    await form.getByTestId('album-name').fill('Trips');
    await form.getByTestId('album-theme').fill('Travel');
    await form.getByTestId('album-year').fill('1850');
    await form.getByTestId('album-save').click();
    await form.locator('#album-year-error').waitFor(); // validated here: 1900 to next year
    await form.getByTestId('album-year').fill('2024');
    await form.getByTestId('album-save').click();
    await page.getByTestId('album-form-dialog').waitFor({ state: 'hidden' });

    const card = page.getByTestId('album-card').filter({ hasText: 'Trips' });
    await card.waitFor();
    expect(await card.innerText()).toMatch(/Travel · 2024[\s\S]*0 photos/);

    await card.click();
    await page.getByTestId('album-empty').waitFor();
    await page.getByTestId('album-add').click();
    const picker = page.getByTestId('album-picker');
    await picker.getByTestId('album-picker-item').first().waitFor();
    await picker.getByTestId('album-picker-item').nth(0).click();
    await picker.getByTestId('album-picker-item').nth(1).click();
    await picker.getByTestId('album-picker-add').filter({ hasText: 'Add 2 photos' }).click();
    await picker.waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=album-grid] [data-testid=photo]').length === 2,
    );
    expect(await page.getByTestId('album-view-count').innerText()).toBe('2 photos');
    inAlbum = await page
      .locator('[data-testid=album-grid] [data-testid=photo]')
      .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset['imageId']!));

    await page.getByTestId('album-back').click();
    expect(await card.getByTestId('album-count').innerText()).toBe('2 photos');
    const cover = await card.getByTestId('album-cover').getAttribute('src');
    expect(inAlbum.map(thumbOf)).toContain(cover);
    await screenshot(page, 'photos-albums');
  });

  it('opens a photo of the album in the lightbox and steps with the arrow keys', async () => {
    await page.getByTestId('album-card').filter({ hasText: 'Trips' }).click();
    await page.getByTestId('album-grid').getByTestId('photo-open').first().click();
    const lightbox = page.getByTestId('lightbox');
    await lightbox.waitFor();
    expect(await lightbox.getByTestId('lightbox-position').innerText()).toBe('1 of 2');
    const firstSrc = await lightbox.getByTestId('lightbox-image').getAttribute('src');
    expect(firstSrc).toBe(`/media/images/${inAlbum[0]}.webp`);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=lightbox-position]')?.textContent?.trim() === '2 of 2',
    );
    expect(await lightbox.getByTestId('lightbox-image').getAttribute('src')).toBe(`/media/images/${inAlbum[1]}.webp`);
    await screenshot(page, 'photos-lightbox');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=lightbox-position]')?.textContent?.trim() === '1 of 2',
    );
    await page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'hidden' });
  });

  it('shows my photos and album to someone else, read-only', async () => {
    const other = await signedInPage(browser, bob);
    try {
      const p = other.page;
      await p.goto(`${baseUrl}/people/${ada.user.id}?tab=photos`, { waitUntil: 'networkidle' });
      await p.getByTestId('photos-grid').waitFor();
      expect(await p.getByTestId('photos-grid').getByTestId('photo').count()).toBe(5);
      expect(await p.getByTestId('photos-drop').count()).toBe(0);
      expect(await p.getByTestId('photo-remove').count()).toBe(0);
      expect(await p.locator('[data-testid=profile] img').first().getAttribute('src')).toMatch(/_thumb\.webp$/);

      await p.getByTestId('photos-tab-albums').click();
      await p.getByTestId('album-card').filter({ hasText: 'Trips' }).click();
      await p.waitForFunction(
        () => document.querySelectorAll('[data-testid=album-grid] [data-testid=photo]').length === 2,
      );
      for (const control of ['album-new', 'album-add', 'album-edit', 'album-delete', 'photo-remove']) {
        expect([control, await p.getByTestId(control).count()]).toEqual([control, 0]);
      }
      await screenshot(p, 'photos-album-other');
      expect(await seriousViolations(p)).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it('deletes a photo after a "removed everywhere" confirm, and it is gone from the album', async () => {
    await page.getByTestId('album-back').click();
    await page.getByTestId('photos-tab-all').click();
    const victim = inAlbum[0];
    await page.locator(`[data-testid=photos-grid] [data-image-id="${victim}"] [data-testid=photo-remove]`).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/removed everywhere/);
    await page.getByTestId('confirm-ok').click();
    await page.locator(`[data-testid=photos-grid] [data-image-id="${victim}"]`).waitFor({ state: 'detached' });

    await page.getByTestId('photos-tab-albums').click();
    const card = page.getByTestId('album-card').filter({ hasText: 'Trips' });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid=album-card]')]
          .find((c) => c.textContent?.includes('Trips'))
          ?.querySelector('[data-testid=album-count]')
          ?.textContent?.trim() === '1 photo',
    );
    await card.click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=album-grid] [data-testid=photo]').length === 1,
    );
    expect(await page.locator('[data-testid=album-grid] [data-testid=photo]').getAttribute('data-image-id')).toBe(
      inAlbum[1],
    );

    // And on the server: gone from my photos and from the album.
    const photos = await apiAs<ApiPage<Image>>(ada, 'GET', `/api/profiles/${ada.user.id}/images`);
    expect(photos.body.items.map((i) => i.id)).not.toContain(victim);
    const albums = await apiAs<Album[]>(ada, 'GET', `/api/profiles/${ada.user.id}/albums`);
    expect(albums.body.find((a) => a.name === 'Trips')?.imagesCount).toBe(1);
  });

  it.each([
    ['en', 1280],
    ['uk', 1280],
    ['en', 360],
    ['uk', 360],
  ] as const)('lays out the Photos tab and the avatar editor in %s at %i px', async (lang, width) => {
    const view = await browser.newContext({ viewport: { width, height: 800 } });
    try {
      await view.addInitScript(
        ([session, language]) => {
          localStorage.setItem('wit.session', session);
          localStorage.setItem('wit.language', language);
        },
        [
          JSON.stringify({ accessToken: ada.accessToken, refreshToken: ada.refreshToken, user: ada.user }),
          lang,
        ] as const,
      );
      const p = await view.newPage();
      await p.goto(`${baseUrl}/profile?tab=photos`, { waitUntil: 'networkidle' });
      await p.getByTestId('photos-grid').waitFor();
      await p.getByTestId('photos-drop').waitFor();
      const overflow = () =>
        p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(p, `photos-profile-${lang}-${width}`);

      await p.getByTestId('photos-tab-albums').click();
      await p.getByTestId('album-card').first().waitFor();
      expect(await p.getByTestId('album-count').first().innerText()).toBe(lang === 'en' ? '1 photo' : '1 фотографія');
      await screenshot(p, `photos-albums-${lang}-${width}`);

      // My profile's "Edit profile" holds the avatar editor too.
      await p.getByTestId('profile-edit').click();
      await p.getByTestId('avatar-editor').getByTestId('avatar-history').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(p, `photos-profile-edit-${lang}-${width}`);

      await p.goto(`${baseUrl}/settings`, { waitUntil: 'networkidle' });
      await p.getByTestId('avatar-history').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(p, `photos-settings-${lang}-${width}`);
    } finally {
      await view.close();
    }
  });
});
