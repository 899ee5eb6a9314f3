import type { AppConfig } from '../../config/app-config';

/**
 * The per-user budgets, in one place. Every authenticated write (POST/PATCH/PUT/DELETE outside the
 * auth routes, which have their own per-IP and per-email throttle) spends from exactly one bucket,
 * `writes` unless the route names another with `@RateLimit(bucket)`; socket events that write spend
 * from `messages` (message:send/edit/delete, shared with the REST message routes) or `events`
 * (typing, read). Keyed on the user id, never the IP.
 */
export type RateBucket = 'messages' | 'events' | 'uploads' | 'posts' | 'likes' | 'writes';

export interface BucketLimit {
  limit: number;
  windowMs: number;
}

/** The window of the message and socket-event buckets (the contract's "per 10 s"). */
export const SOCKET_WINDOW_MS = 10_000;
/** Socket events that write but are not messages (typing, read): this many times the message budget. */
export const SOCKET_EVENTS_FACTOR = 10;
/** The window of the HTTP-only buckets. */
export const MINUTE_MS = 60_000;

export function bucketLimits(config: AppConfig): Record<RateBucket, BucketLimit> {
  const messages = config.rateLimitSocketMessages;
  const r = config.rateLimits;
  return {
    messages: { limit: messages, windowMs: SOCKET_WINDOW_MS },
    events: { limit: messages * SOCKET_EVENTS_FACTOR, windowMs: SOCKET_WINDOW_MS },
    uploads: { limit: r.uploads, windowMs: MINUTE_MS },
    posts: { limit: r.posts, windowMs: MINUTE_MS },
    likes: { limit: r.likes, windowMs: MINUTE_MS },
    writes: { limit: r.writes, windowMs: MINUTE_MS },
  };
}
