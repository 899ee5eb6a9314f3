import type { BrowserContext, Page } from 'playwright-core';

/**
 * Records every form submission the page let the browser perform natively (a `<form>` whose submit
 * no Angular form directive handled reloads the page as `GET /path?` and loses what was typed).
 * Listening on window in the bubbling phase runs after Angular's own handler, so `defaultPrevented`
 * tells whether a directive took the submission.
 */
export async function guardNativeSubmits(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const log: string[] = JSON.parse(sessionStorage.getItem('wit.e2e.nativeSubmits') ?? '[]') as string[];
    window.addEventListener('submit', (event) => {
      if (event.defaultPrevented) return;
      const form = event.target as HTMLFormElement;
      log.push(`${location.pathname}: ${form.getAttribute('data-testid') ?? form.outerHTML.slice(0, 80)}`);
      // Kept across the reload a native submission causes, so the test can still read it.
      sessionStorage.setItem('wit.e2e.nativeSubmits', JSON.stringify(log));
    });
  });
}

/** The native submissions recorded so far in this tab (see guardNativeSubmits). */
export async function nativeSubmits(page: Page): Promise<string[]> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('wit.e2e.nativeSubmits') ?? '[]') as string[]);
}
