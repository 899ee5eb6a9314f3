/** A cursor-paginated list, as every list endpoint answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/** The error body every failing request answers with (Nest's shape). */
export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  /** Machine-readable reason where one helps the client (e.g. `blocked`, `code_expired`). */
  code?: string;
  /** Wrong registration/reset code: how many attempts are left before the code dies. */
  attemptsLeft?: number;
}

export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;
