import type { Language } from '@world-it/contracts';
import { IntlMessageFormat } from 'intl-messageformat';

export interface DigestConversation {
  roomId: string;
  from: string;
  count: number;
  preview: string;
}

const PRODUCT = 'World IT';

/** An ICU plural message (the client's dictionaries use the same format), compiled once. */
function plural(language: Language, message: string): (values: Record<string, string | number>) => string {
  const format = new IntlMessageFormat(message, language, undefined, { ignoreTag: true });
  return (values) => String(format.format(values));
}

const SUBJECT = {
  en: plural(
    'en',
    `{n, plural, one {You have an unread message on ${PRODUCT}} other {You have # unread messages on ${PRODUCT}}}`,
  ),
  uk: plural(
    'uk',
    `{n, plural, one {У вас # непрочитане повідомлення в ${PRODUCT}} few {У вас # непрочитані повідомлення в ${PRODUCT}} many {У вас # непрочитаних повідомлень в ${PRODUCT}} other {У вас # непрочитаного повідомлення в ${PRODUCT}}}`,
  ),
};
const LINE = {
  en: plural('en', '{from}: {n, plural, one {# new message} other {# new messages}}'),
  uk: plural(
    'uk',
    '{from}: {n, plural, one {# нове повідомлення} few {# нові повідомлення} many {# нових повідомлень} other {# нового повідомлення}}',
  ),
};

const STRINGS: Record<
  Language,
  {
    subject: (n: number) => string;
    greeting: (name: string) => string;
    intro: string;
    line: (from: string, n: number) => string;
    open: string;
    photo: string;
    settings: string;
  }
> = {
  en: {
    subject: (n) => SUBJECT.en({ n }),
    greeting: (name) => `Hi ${name},`,
    intro: 'While you were away:',
    line: (from, n) => LINE.en({ from, n }),
    open: 'Open the conversation',
    photo: '[photo]',
    settings: 'You get this email because email digests are on in your settings.',
  },
  uk: {
    subject: (n) => SUBJECT.uk({ n }),
    greeting: (name) => `Вітаємо, ${name}!`,
    intro: 'Поки вас не було:',
    line: (from, n) => LINE.uk({ from, n }),
    open: 'Відкрити розмову',
    photo: '[фото]',
    settings: 'Ви отримуєте цей лист, бо в налаштуваннях увімкнено підсумки поштою.',
  },
};

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export function previewOf(content: string, hasImage: boolean, language: Language): string {
  const text = content.replace(/\s+/g, ' ').trim();
  const cut = text.length > 140 ? `${text.slice(0, 139)}…` : text;
  return cut || (hasImage ? STRINGS[language].photo : '');
}

/** One email for all the conversations with unread direct messages. */
export function renderDigest(
  language: Language,
  displayName: string,
  conversations: DigestConversation[],
  publicUrl: string,
): { subject: string; text: string; html: string } {
  const s = STRINGS[language] ?? STRINGS.en;
  const total = conversations.reduce((n, c) => n + c.count, 0);
  const link = (c: DigestConversation) => `${publicUrl}/chats/${c.roomId}`;
  const text = [
    s.greeting(displayName),
    '',
    s.intro,
    ...conversations.map((c) => `- ${s.line(c.from, c.count)}\n  "${c.preview}"\n  ${link(c)}`),
    '',
    s.settings,
    `— ${PRODUCT}`,
  ].join('\n');
  const items = conversations
    .map(
      (c) =>
        `<li style="margin:0 0 12px"><strong>${escapeHtml(s.line(c.from, c.count))}</strong><br>` +
        `<span style="color:#555">“${escapeHtml(c.preview)}”</span><br>` +
        `<a href="${escapeHtml(link(c))}">${escapeHtml(s.open)}</a></li>`,
    )
    .join('');
  const html =
    `<!doctype html><html lang="${language}"><body style="font-family:system-ui,sans-serif;line-height:1.5">` +
    `<p>${escapeHtml(s.greeting(displayName))}</p><p>${escapeHtml(s.intro)}</p><ul style="padding-left:18px">${items}</ul>` +
    `<p style="color:#777;font-size:12px">${escapeHtml(s.settings)}</p></body></html>`;
  return { subject: s.subject(total), text, html };
}
