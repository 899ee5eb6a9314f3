import type { Language } from '@world-it/contracts';

export const PRODUCT = 'World IT';

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** Styles of the rows every mail has; `rows` of a mail use them too. */
export const ROW = {
  text: 'padding-top:16px;font-size:16px;line-height:1.5;',
  textTight: 'padding-top:8px;font-size:16px;line-height:1.5;',
  note: 'padding-top:16px;font-size:14px;line-height:1.5;color:#5c6370;',
};

/**
 * The HTML of every mail the app sends: one centred card (inline styles, tables: what mail clients
 * render), the product name on top, the mail's own `rows` (`<tr>` elements, already escaped), then the
 * "ignore this" note and the signature with a link to the site.
 */
export function mailDocument(o: {
  lang: Language;
  title: string;
  rows: string;
  ignore: string;
  signature: string;
  publicUrl: string;
}): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(o.title)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2430;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;padding:24px 0;">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:520px;background:#ffffff;border-radius:12px;padding:32px;">
<tr><td style="font-size:14px;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:#3b5bdb;">${PRODUCT}</td></tr>
${o.rows}
<tr><td style="${ROW.note}">${e(o.ignore)}</td></tr>
<tr><td style="padding-top:24px;font-size:14px;color:#5c6370;">${e(o.signature)}<br><a href="${e(o.publicUrl)}" style="color:#3b5bdb;">${e(o.publicUrl)}</a></td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}
