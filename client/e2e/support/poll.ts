/** The value once it stops being the initial one (or the last value after 10 s): for state a page saves in the background. */
export async function poll<T>(read: () => Promise<T>): Promise<T> {
  const first = await read();
  let value = first;
  for (let i = 0; i < 50 && value === first; i++) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}
