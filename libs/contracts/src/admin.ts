/** GET /api/admin/users — `search` matches the display, first, last or full name, or the email. */
export interface AdminUsersQuery {
  search?: string;
  limit?: number;
  cursor?: string;
}

/** One queue's jobs by state, as Bull counts them (the in-process queue of embedded mode counts alike). */
export interface QueueCounts {
  /** Ready to run now. */
  waiting: number;
  active: number;
  /** Failed for good (after every attempt); kept for inspection. */
  failed: number;
  completed: number;
  /** Scheduled later: a delayed job, or a retry waiting out its backoff. */
  delayed: number;
}

/** GET /api/admin/stats */
export interface AdminStats {
  /** Every account, confirmed or not, banned or not. */
  users: number;
  posts: number;
  /** Chat messages stored (deleted ones, whose content is wiped, not counted). */
  messages: number;
  /** Chat rooms, direct and group. */
  rooms: number;
  /** The queue mail rides on; `waiting` counts the delayed jobs too (the contract's four states). */
  mailQueue: { waiting: number; active: number; failed: number; completed: number };
  /** Every job queue by name (today one: `jobs`). */
  queues: Record<string, QueueCounts>;
}
