/** A timestamp as the API sends it: ISO-8601 in UTC (`pg` gives Dates, PGlite and raw SQL sometimes text). */
export function iso(v: Date | string): string {
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

export function isoOrNull(v: Date | string | null): string | null {
  return v === null ? null : iso(v);
}
