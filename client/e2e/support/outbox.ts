import { browserRun } from './browser-run';

interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

/**
 * Waits for a mail to `to` in the development outbox (the real path: API → outbox table → Bull on
 * Redis → worker process → dev outbox) and returns the 6-digit code in it.
 */
export async function waitForCode(to: string, { after = 0, timeoutMs = 20_000 } = {}): Promise<string> {
  const { baseUrl } = browserRun();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/dev/outbox?to=${encodeURIComponent(to)}`);
    if (res.ok) {
      const mails = (await res.json()) as OutboxMail[];
      const fresh = mails.filter((m) => Date.parse(m.sentAt) >= after);
      const code = fresh.length ? /^\s*(\d{6})\s*$/m.exec(fresh[0].text)?.[1] : undefined;
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No code mailed to ${to} within ${timeoutMs} ms`);
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}
