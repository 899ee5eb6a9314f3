/** The encodings we store precompressed beside a built file, in the order we prefer them. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type PrecompressedEncoding = (typeof PRECOMPRESSED)[number]['encoding'];

/**
 * The encodings of `available` that an `Accept-Encoding` header accepts, best first: by the
 * client's q-value, ties broken by the order of `available` (our preference). A coding the header
 * does not name is accepted only through `*`; `q=0` refuses it. No header means identity only.
 */
export function acceptedEncodings<T extends string>(header: string | undefined, available: readonly T[]): T[] {
  if (!header) return [];
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name.trim(), Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0);
  }
  const weight = (coding: string): number => q.get(coding) ?? q.get('*') ?? 0;
  return available
    .map((coding, order) => ({ coding, order, weight: weight(coding) }))
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .map((c) => c.coding);
}

/**
 * Angular's production build names what it emits `<name>-<8-character hash>.<ext>`
 * (`main-2UCFI4KK.js`, `chunk-KOLMNCEO.js`, `styles-SLD6Y2JD.css`, `media/logo-ABCD2345.svg`):
 * such a file never changes, so browsers may keep it for a year without asking again.
 */
export function isHashedAsset(path: string): boolean {
  return /-[A-Z0-9]{8}\.[a-z0-9]+$/.test(path.replace(/\.(br|gz)$/, ''));
}
