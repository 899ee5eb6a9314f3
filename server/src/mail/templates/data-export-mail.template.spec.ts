import type { DataExportMailPayload } from '@world-it/contracts';
import { renderDataExportMail } from './data-export-mail.template';

const payload = (over: Partial<DataExportMailPayload> = {}): DataExportMailPayload => ({
  to: 'ada@example.com',
  language: 'en',
  displayName: 'Ada',
  url: 'https://world-it.example/api/me/export/abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123_-a',
  expiresAt: '2026-03-02T10:15:00Z',
  ...over,
});

describe('data export mail', () => {
  it('holds the download link in text and HTML, and when it stops working', () => {
    const m = renderDataExportMail(payload(), { publicUrl: 'https://world-it.example' });
    expect(m.subject).toContain('World IT');
    expect(m.text).toContain(payload().url);
    expect(m.text).toContain('2026-03-02 10:15 UTC');
    expect(m.html).toContain(`href="${payload().url}"`);
    expect(m.html).toContain('<html lang="en">');
  });

  it('speaks Ukrainian when the user does', () => {
    const m = renderDataExportMail(payload({ language: 'uk' }), { publicUrl: 'https://w.example' });
    expect(m.subject).toContain('готові до завантаження');
    expect(m.text).toContain('Вітаємо, Ada!');
    expect(m.html).toContain('<html lang="uk">');
  });

  it('escapes the display name in HTML', () => {
    const m = renderDataExportMail(payload({ displayName: '<b>x</b>' }), { publicUrl: 'https://w.example' });
    expect(m.html).not.toContain('<b>x</b>');
    expect(m.html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
