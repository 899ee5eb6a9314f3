import type { CodeMailPayload } from '@world-it/contracts';
import { renderCodeMail } from './code-mail.template';

const now = new Date('2026-03-01T10:00:00Z');
const payload = (over: Partial<CodeMailPayload> = {}): CodeMailPayload => ({
  to: 'ada@example.com',
  language: 'en',
  displayName: 'Ada',
  code: '042917',
  expiresAt: '2026-03-01T10:15:00Z',
  ...over,
});

describe('code mail templates', () => {
  it.each(['registration', 'password_reset', 'email_change', 'account_deletion'] as const)(
    '%s: product name, the code large in HTML and in text, and the expiry',
    (kind) => {
      const m = renderCodeMail(kind, payload(), { publicUrl: 'https://world-it.example', now });
      expect(m.subject).toContain('042917');
      expect(m.subject).toContain('World IT');
      expect(m.text).toContain('042917');
      expect(m.text).toContain('15 minutes');
      expect(m.text).toContain('10:15 UTC');
      expect(m.html).toMatch(/font-size:36px[^>]*>042917</);
      expect(m.html).toContain('World IT');
      expect(m.html).toContain('<html lang="en">');
    },
  );

  it('speaks Ukrainian when the user does', () => {
    const m = renderCodeMail('password_reset', payload({ language: 'uk' }), { publicUrl: 'https://w.example', now });
    expect(m.subject).toContain('скидання пароля');
    expect(m.text).toContain('Вітаємо, Ada!');
    expect(m.text).toContain('Код дійсний 15 хвилин');
    expect(m.html).toContain('<html lang="uk">');
  });

  it('falls back to English for an unknown language', () => {
    const m = renderCodeMail('registration', payload({ language: 'fr' as never }), {
      publicUrl: 'https://w.example',
      now,
    });
    expect(m.text).toContain('Hi Ada,');
  });

  it('escapes the display name in HTML', () => {
    const m = renderCodeMail('registration', payload({ displayName: '<script>x</script>' }), {
      publicUrl: 'https://w.example',
      now,
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
  });

  it('differs by purpose', () => {
    const subjects = (['registration', 'password_reset', 'email_change', 'account_deletion'] as const).map(
      (k) => renderCodeMail(k, payload(), { publicUrl: 'x', now }).subject,
    );
    expect(new Set(subjects).size).toBe(4);
  });
});
