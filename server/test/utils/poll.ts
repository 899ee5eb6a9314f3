/**
 * Resolves once `check` holds, asking again every 50 ms (no fixed sleep stands in for the event).
 * A check that throws counts as "not yet" (a server restarting refuses connections); after `timeoutMs`
 * it rejects naming `what` and the last error seen.
 */
export async function poll(
  check: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`${what}: not reached within ${timeoutMs} ms${cause}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
