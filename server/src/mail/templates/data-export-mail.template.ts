import type { DataExportMailPayload, Language } from '@world-it/contracts';
import type { RenderedContent } from './code-mail.template';
import { escapeHtml, mailDocument, PRODUCT, ROW } from './mail-layout';

interface Strings {
  subject: string;
  greeting: (name: string) => string;
  intro: string;
  button: string;
  expires: (at: string) => string;
  ignore: string;
  signature: string;
}

const STRINGS: Record<Language, Strings> = {
  en: {
    subject: `Your ${PRODUCT} data is ready to download`,
    greeting: (n) => `Hi ${n},`,
    intro: `The archive of your ${PRODUCT} data (profile, posts, comments, the chat messages you wrote and your photos) is ready. Download it from this link:`,
    button: 'Download my data',
    expires: (at) => `The link works once you are signed out too, and until ${at} UTC; then the archive is deleted.`,
    ignore:
      'If you did not ask for this, change your password: someone signed in as you. Anyone with this link can download the archive, so do not forward it.',
    signature: `— the ${PRODUCT} team`,
  },
  uk: {
    subject: `Ваші дані ${PRODUCT} готові до завантаження`,
    greeting: (n) => `Вітаємо, ${n}!`,
    intro: `Архів ваших даних ${PRODUCT} (профіль, дописи, коментарі, написані вами повідомлення в чатах і ваші фото) готовий. Завантажте його за цим посиланням:`,
    button: 'Завантажити мої дані',
    expires: (at) => `Посилання працює й без входу в обліковий запис до ${at} UTC; потім архів буде видалено.`,
    ignore:
      'Якщо ви цього не робили, змініть пароль: хтось увійшов під вашим іменем. Будь-хто з цим посиланням може завантажити архів, тож не пересилайте його.',
    signature: `— команда ${PRODUCT}`,
  },
};

function utc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** The mail with the link to a finished data export, in the user's language (English when unknown). */
export function renderDataExportMail(payload: DataExportMailPayload, options: { publicUrl: string }): RenderedContent {
  const lang: Language = payload.language === 'uk' ? 'uk' : 'en';
  const s = STRINGS[lang];
  const at = utc(payload.expiresAt);
  const text = [
    s.greeting(payload.displayName),
    '',
    s.intro,
    '',
    payload.url,
    '',
    s.expires(at),
    '',
    s.ignore,
    '',
    s.signature,
    options.publicUrl,
  ].join('\n');
  const e = escapeHtml;
  const html = mailDocument({
    lang,
    title: s.subject,
    rows: `<tr><td style="${ROW.text}">${e(s.greeting(payload.displayName))}</td></tr>
<tr><td style="${ROW.textTight}">${e(s.intro)}</td></tr>
<tr><td align="center" style="padding:24px 0;">
<a href="${e(payload.url)}" style="display:inline-block;background:#3b5bdb;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 24px;border-radius:8px;">${e(s.button)}</a>
</td></tr>
<tr><td style="font-size:13px;line-height:1.5;color:#5c6370;word-break:break-all;">${e(payload.url)}</td></tr>
<tr><td style="${ROW.note}">${e(s.expires(at))}</td></tr>`,
    ignore: s.ignore,
    signature: s.signature,
    publicUrl: options.publicUrl,
  });
  return { subject: s.subject, html, text };
}
