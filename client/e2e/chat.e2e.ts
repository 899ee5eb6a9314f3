import { deflateSync } from 'node:zlib';
import type { AuthResponse, Room } from '@world-it/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserRun } from './support/browser-run';
import { launchBrowser, screenshot, seriousViolations } from './support/browser';
import { apiAs, signUp, signedInPage } from './support/accounts';

jest.setTimeout(120_000);

/** A small real PNG (solid colour), made here so the test needs no fixture files. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('two people chatting live in the browser', () => {
  const { baseUrl } = browserRun();
  let browser: Browser;
  let ada: AuthResponse;
  let bob: AuthResponse;
  let a: { context: BrowserContext; page: Page };
  let b: { context: BrowserContext; page: Page };

  beforeAll(async () => {
    browser = await launchBrowser();
    [ada, bob] = await Promise.all([signUp('Ada Lovelace'), signUp('Bob Builder')]);
    a = await signedInPage(browser, ada);
    b = await signedInPage(browser, bob);
  });
  afterAll(async () => {
    await a?.context.close();
    await b?.context.close();
    await browser.close();
  });

  const messageWithText = (page: Page, text: string) =>
    page.locator('[data-testid=message]:not([data-pending="true"])', {
      has: page.getByTestId('message-text').getByText(text, { exact: true }),
    });

  it('delivers direct messages both ways without a reload, with typing and unread badge', async () => {
    const dm = await apiAs<Room>(ada, 'POST', '/api/chats/direct', { userId: bob.user.id });
    expect(dm.status).toBe(201);
    const roomId = dm.body.id;

    await b.page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
    await a.page.goto(`${baseUrl}/chats/${roomId}`, { waitUntil: 'networkidle' });
    await a.page.getByTestId('composer-input').waitFor();

    // Bob's list shows the room and, once Ada writes, an unread badge — live.
    await a.page.getByTestId('composer-input').fill('Hi Bob! <script>alert(1)</script> https://example.com');
    await a.page.getByTestId('composer-input').press('Enter');
    await messageWithText(a.page, 'Hi Bob! <script>alert(1)</script> https://example.com').waitFor();
    const row = b.page.locator(`[data-testid=chat-list-item][data-room-id="${roomId}"]`);
    await row.getByTestId('unread-badge').waitFor();
    expect(await row.getByTestId('unread-badge').innerText()).toMatch(/^1\b/);

    await row.click();
    await messageWithText(b.page, 'Hi Bob! <script>alert(1)</script> https://example.com').waitFor();
    // Text is text: the script tag is shown, not run; the URL is a safe link.
    const link = b.page.getByTestId('message-list').locator('a[href^="https://example.com"]');
    expect(await link.getAttribute('rel')).toContain('noopener');

    // Bob types: Ada sees it; Bob answers with Enter; Shift+Enter breaks the line.
    await b.page.getByTestId('composer-input').pressSequentially('Hello Ada', { delay: 20 });
    await a.page
      .getByTestId('typing-indicator')
      .getByText(/Bob Builder/)
      .waitFor();
    await b.page.getByTestId('composer-input').press('Shift+Enter');
    await b.page.getByTestId('composer-input').pressSequentially('second line');
    await b.page.getByTestId('composer-input').press('Enter');
    await a.page
      .getByTestId('message-text')
      .getByText(/second line/)
      .waitFor();
    expect(
      await a.page
        .getByTestId('message-text')
        .getByText(/second line/)
        .innerText(),
    ).toBe('Hello Ada\nsecond line');
    await screenshot(a.page, 'chat-dm-ada');
    await screenshot(b.page, 'chat-dm-bob');
    expect(await seriousViolations(a.page)).toEqual([]);
  });

  it('sends an image with upload progress, shows it to the other side, and opens it in a lightbox', async () => {
    const image = png(64, 48, [79, 70, 229]);
    await a.page.setInputFiles('[data-testid=composer-image]', {
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: image,
    });
    await a.page.locator('[data-testid=composer-send]:not([disabled])').waitFor();
    await a.page.getByTestId('composer-send').click();
    await screenshot(a.page, 'chat-image-sent');
    await screenshot(b.page, 'chat-image-received');
    const received = b.page.locator('[data-testid=message] img').last();
    await received.waitFor();
    expect(await received.getAttribute('src')).toMatch(/^\/media\/images\/[0-9a-f-]{36}_thumb\.webp$/);
    await received.click();
    await b.page.getByTestId('lightbox').waitFor();
    await b.page.keyboard.press('Escape');
    await b.page.getByTestId('lightbox').waitFor({ state: 'hidden' });
  });

  it('creates a public group that the other person finds, joins, and chats in live', async () => {
    await a.page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
    await a.page.getByTestId('new-group').click();
    const name = `Rustaceans ${Date.now().toString(36)}`;
    await a.page.getByTestId('group-name').fill(name);
    await a.page.getByTestId('group-visibility').selectOption('public');
    await a.page.getByTestId('group-create').click();
    await a.page.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
    const roomId = a.page.url().split('/').pop() as string;

    await b.page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
    await b.page.getByTestId('public-rooms').click();
    const publicRow = b.page.getByTestId('public-room').filter({ hasText: name });
    // A count with a noun in its plural form (ICU plurals): only Ada so far.
    await publicRow.getByText('1 member', { exact: true }).waitFor();
    await publicRow.getByTestId('room-join').click();
    // Joining puts the room in Bob's list without a reload.
    await b.page.getByTestId('my-chats').click();
    await b.page.locator(`[data-testid=chat-list-item][data-room-id="${roomId}"]`).click();
    await b.page.getByTestId('composer-input').fill('Glad to join!');
    await b.page.getByTestId('composer-input').press('Enter');
    await messageWithText(a.page, 'Glad to join!').waitFor();

    await a.page.getByTestId('composer-input').fill('Welcome, Bob');
    await a.page.getByTestId('composer-input').press('Enter');
    await messageWithText(b.page, 'Welcome, Bob').waitFor();
    const subtitle = b.page.locator('.head__sub');
    await subtitle.getByText('2 members · Public', { exact: true }).waitFor();
    await screenshot(b.page, 'chat-group-bob');

    // In Ukrainian the same counts take the few form, re-rendered on the switch.
    await b.page.getByTestId('lang-switch').click();
    await subtitle.getByText('2 учасники · Публічна', { exact: true }).waitFor();
    await screenshot(b.page, 'chat-group-bob-uk');
    await b.page.getByTestId('public-rooms').click();
    await b.page
      .getByTestId('public-room')
      .filter({ hasText: name })
      .getByText('2 учасники', { exact: true })
      .waitFor();
    await screenshot(b.page, 'chat-public-rooms-uk');
    await b.page.getByTestId('lang-switch').click();
    await b.page.getByTestId('public-room').filter({ hasText: name }).getByText('2 members', { exact: true }).waitFor();
    await screenshot(b.page, 'chat-public-rooms-en');
  });

  it('works on a phone: one pane at a time with a back button', async () => {
    const phone = await signedInPage(browser, bob, { width: 375, height: 740 });
    try {
      await phone.page.goto(`${baseUrl}/chats`, { waitUntil: 'networkidle' });
      await phone.page.getByTestId('chat-list-item').first().click();
      await phone.page.getByTestId('composer-input').waitFor();
      await phone.page.getByTestId('room-back').click();
      await phone.page.getByTestId('chat-list').waitFor();
      const overflow = await phone.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(phone.page, 'chat-list-phone');
    } finally {
      await phone.context.close();
    }
  });

  it('shows "seen" on my last message in a DM after a reload, from the room’s read positions', async () => {
    const cy = await signUp('Cy Reader');
    const dm = await apiAs<Room>(ada, 'POST', '/api/chats/direct', { userId: cy.user.id });
    const sent = await apiAs<{ id: string }>(ada, 'POST', `/api/chats/${dm.body.id}/messages`, { content: 'read me' });
    expect(sent.status).toBe(201);
    expect((await apiAs(cy, 'POST', `/api/chats/${dm.body.id}/read`, { messageId: sent.body.id })).status).toBe(204);

    // A fresh page load: no live `read` event was seen by this page.
    await a.page.goto(`${baseUrl}/chats/${dm.body.id}`, { waitUntil: 'networkidle' });
    await messageWithText(a.page, 'read me').getByTestId('message-seen').waitFor();
    await a.page.reload({ waitUntil: 'networkidle' });
    await messageWithText(a.page, 'read me').getByTestId('message-seen').waitFor();
  });
});
