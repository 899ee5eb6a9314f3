import { Init1700000000000 } from './1700000000000-init';

/** Every migration, in order. A new migration is added here (explicit list: no globs that differ between ts and js). */
export const MIGRATIONS = [Init1700000000000];
