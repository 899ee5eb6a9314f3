/**
 * Resolves in a new task, so the browser can paint and answer input in between. Start-up is split
 * at such points (evaluating the bundles, creating the injector, the first render) because on a slow
 * phone each of those is long enough to block the page for a noticeable moment; one task holding
 * all of them blocked it for about half a second. Uses `scheduler.yield()` where the browser has it
 * (the continuation keeps its priority), else a zero-delay timer.
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
