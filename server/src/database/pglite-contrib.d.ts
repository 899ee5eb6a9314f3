// PGlite ships its extensions as subpath exports, which the server's `moduleResolution: node` cannot
// see; Node resolves them at run time, so only the type is declared here.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import type { Extension } from '@electric-sql/pglite';
  export const pg_trgm: Extension;
}
