import type { CodeMailPayload, Language } from '@world-it/contracts';
import { escapeHtml, mailDocument, PRODUCT, ROW } from './mail-layout';

export type CodeMailKind = 'registration' | 'password_reset' | 'email_change' | 'account_deletion';

export interface RenderedContent {
  subject: string;
  html: string;
  text: string;
}

interface Strings {
  subject: (code: string) => string;
  heading: string;
  greeting: (name: string) => string;
  intro: string;
  codeLabel: string;
  expires: (minutes: number, at: string) => string;
  ignore: string;
  signature: string;
}

const STRINGS: Record<Language, Record<CodeMailKind, Strings>> = {
  en: {
    registration: {
      subject: (c) => `${c} is your ${PRODUCT} confirmation code`,
      heading: 'Confirm your email',
      greeting: (n) => `Hi ${n},`,
      intro: `Welcome to ${PRODUCT}! Enter this code to confirm your email address and finish signing up:`,
      codeLabel: 'Your confirmation code',
      expires: (m, at) => `The code expires in ${m} minutes (at ${at} UTC).`,
      ignore: `If you did not sign up for ${PRODUCT}, ignore this email: no account is created without the code.`,
      signature: `— the ${PRODUCT} team`,
    },
    password_reset: {
      subject: (c) => `${c} is your ${PRODUCT} password reset code`,
      heading: 'Reset your password',
      greeting: (n) => `Hi ${n},`,
      intro: 'Someone (hopefully you) asked to reset your password. Enter this code to choose a new one:',
      codeLabel: 'Your password reset code',
      expires: (m, at) => `The code expires in ${m} minutes (at ${at} UTC).`,
      ignore: 'If you did not ask for this, ignore this email: your password stays as it is.',
      signature: `— the ${PRODUCT} team`,
    },
    email_change: {
      subject: (c) => `${c} is your code to confirm your new ${PRODUCT} email`,
      heading: 'Confirm your new email',
      greeting: (n) => `Hi ${n},`,
      intro: `Enter this code in ${PRODUCT} to make this your account's email address:`,
      codeLabel: 'Your confirmation code',
      expires: (m, at) => `The code expires in ${m} minutes (at ${at} UTC).`,
      ignore: 'If you did not ask for this, ignore this email: nothing changes without the code.',
      signature: `— the ${PRODUCT} team`,
    },
    account_deletion: {
      subject: (c) => `${c} is your code to delete your ${PRODUCT} account`,
      heading: 'Delete your account',
      greeting: (n) => `Hi ${n},`,
      intro: `You asked to delete your ${PRODUCT} account. Enter this code to confirm: your posts, photos and friends are deleted for good, and your chat messages stay only as "Deleted user".`,
      codeLabel: 'Your account deletion code',
      expires: (m, at) => `The code expires in ${m} minutes (at ${at} UTC).`,
      ignore:
        'If you did not ask for this, change your password now: someone knows it. Nothing is deleted without the code.',
      signature: `— the ${PRODUCT} team`,
    },
  },
  uk: {
    registration: {
      subject: (c) => `${c} — ваш код підтвердження ${PRODUCT}`,
      heading: 'Підтвердіть адресу електронної пошти',
      greeting: (n) => `Вітаємо, ${n}!`,
      intro: `Ласкаво просимо до ${PRODUCT}! Введіть цей код, щоб підтвердити адресу та завершити реєстрацію:`,
      codeLabel: 'Ваш код підтвердження',
      expires: (m, at) => `Код дійсний ${m} хвилин (до ${at} UTC).`,
      ignore: `Якщо ви не реєструвалися в ${PRODUCT}, просто проігноруйте цей лист: без коду обліковий запис не буде створено.`,
      signature: `— команда ${PRODUCT}`,
    },
    password_reset: {
      subject: (c) => `${c} — код для скидання пароля ${PRODUCT}`,
      heading: 'Скидання пароля',
      greeting: (n) => `Вітаємо, ${n}!`,
      intro: 'Хтось (сподіваємося, ви) попросив скинути пароль. Введіть цей код, щоб задати новий:',
      codeLabel: 'Ваш код для скидання пароля',
      expires: (m, at) => `Код дійсний ${m} хвилин (до ${at} UTC).`,
      ignore: 'Якщо ви цього не робили, проігноруйте цей лист: пароль залишиться без змін.',
      signature: `— команда ${PRODUCT}`,
    },
    email_change: {
      subject: (c) => `${c} — код підтвердження нової адреси ${PRODUCT}`,
      heading: 'Підтвердіть нову адресу',
      greeting: (n) => `Вітаємо, ${n}!`,
      intro: `Введіть цей код у ${PRODUCT}, щоб зробити цю адресу адресою вашого облікового запису:`,
      codeLabel: 'Ваш код підтвердження',
      expires: (m, at) => `Код дійсний ${m} хвилин (до ${at} UTC).`,
      ignore: 'Якщо ви цього не робили, проігноруйте цей лист: без коду нічого не зміниться.',
      signature: `— команда ${PRODUCT}`,
    },
    account_deletion: {
      subject: (c) => `${c} — код для видалення облікового запису ${PRODUCT}`,
      heading: 'Видалення облікового запису',
      greeting: (n) => `Вітаємо, ${n}!`,
      intro: `Ви попросили видалити свій обліковий запис ${PRODUCT}. Введіть цей код, щоб підтвердити: ваші дописи, фото й друзі зникнуть назавжди, а повідомлення в чатах залишаться лише від імені «Видалений користувач».`,
      codeLabel: 'Ваш код для видалення облікового запису',
      expires: (m, at) => `Код дійсний ${m} хвилин (до ${at} UTC).`,
      ignore: 'Якщо ви цього не робили, негайно змініть пароль: хтось його знає. Без коду нічого не буде видалено.',
      signature: `— команда ${PRODUCT}`,
    },
  },
};

function timeOf(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

function minutesUntil(iso: string, now: Date): number {
  const ms = new Date(iso).getTime() - now.getTime();
  return Math.max(1, Math.round(ms / 60_000));
}

/** The code mails, in the user's language (English when unknown), as HTML and plain text. */
export function renderCodeMail(
  kind: CodeMailKind,
  payload: CodeMailPayload,
  options: { publicUrl: string; now?: Date },
): RenderedContent {
  const lang: Language = payload.language === 'uk' ? 'uk' : 'en';
  const s = STRINGS[lang][kind];
  const minutes = minutesUntil(payload.expiresAt, options.now ?? new Date());
  const at = timeOf(payload.expiresAt);
  const name = payload.displayName;

  const text = [
    s.greeting(name),
    '',
    s.intro,
    '',
    `    ${payload.code}`,
    '',
    s.expires(minutes, at),
    '',
    s.ignore,
    '',
    s.signature,
    options.publicUrl,
  ].join('\n');

  const e = escapeHtml;
  const html = mailDocument({
    lang,
    title: s.subject(payload.code),
    rows: `<tr><td style="padding-top:16px;font-size:22px;font-weight:700;">${e(s.heading)}</td></tr>
<tr><td style="${ROW.text}">${e(s.greeting(name))}</td></tr>
<tr><td style="${ROW.textTight}">${e(s.intro)}</td></tr>
<tr><td align="center" style="padding:24px 0;">
<div style="font-size:13px;color:#5c6370;padding-bottom:8px;">${e(s.codeLabel)}</div>
<div style="display:inline-block;font-family:'SFMono-Regular',Consolas,'Liberation Mono',monospace;font-size:36px;font-weight:700;letter-spacing:.3em;padding:12px 20px 12px 28px;background:#eef1fb;border-radius:8px;color:#1f2430;user-select:all;-webkit-user-select:all;">${e(payload.code)}</div>
</td></tr>
<tr><td style="font-size:14px;line-height:1.5;color:#5c6370;">${e(s.expires(minutes, at))}</td></tr>`,
    ignore: s.ignore,
    signature: s.signature,
    publicUrl: options.publicUrl,
  });

  return { subject: s.subject(payload.code), html, text };
}
