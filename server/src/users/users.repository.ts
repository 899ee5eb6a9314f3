import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Language } from '@world-it/contracts';
import { In, Repository, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { TimeKey } from '../common/pagination/time-key-cursor';
import { returned } from '../database/returned-rows';
import { User } from './user.entity';

/** users.created_at has microseconds, cursors milliseconds: page on the millisecond so none is skipped. */
// In UTC, as the index users_active_created_ms_idx has it: the order of people is walked, not sorted.
const CREATED_MS = "date_trunc('milliseconds', u.created_at AT TIME ZONE 'UTC')";

/**
 * Every searchable name in one expression, exactly as `users_name_search_trgm_idx` (GIN, pg_trgm) is
 * built, so `ILIKE '%term%'` is index-served. A term matches the display name, or the first, last or
 * full name ("first last"); the newline keeps it from matching across the display/first boundary.
 */
const NAME_SEARCH_EXPR = `((u.display_name)::text || E'\\n' || (u.first_name)::text || ' ' || (u.last_name)::text)`;

/** LIKE pattern for a literal substring (user text never acts as a wildcard). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What the sign-in checks need of a user (never the password hash). */
export type UserAuthState = Pick<User, 'id' | 'role' | 'banned' | 'confirmed'>;

/** What an email to the user needs, and whether they may get the unread digest. */
export interface DigestRecipient {
  email: string;
  displayName: string;
  language: Language;
  emailDigest: boolean;
  banned: boolean;
}

/**
 * The one place that reads and writes the `users` table. Methods taking an `EntityManager` run in
 * the caller's transaction. "Active" means confirmed and not banned: the only users one can see,
 * message, add or be signed in as.
 */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  private repo(em?: EntityManager): Repository<User> {
    return em ? em.getRepository(User) : this.users;
  }

  /** `lock` (inside the caller's transaction) takes a row lock: changes to one user's avatar go one at a time. */
  findById(id: string, em?: EntityManager, lock = false): Promise<User | null> {
    return this.repo(em).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** These users (any that exist, in no particular order): one query for a page's worth of people. */
  findByIds(ids: string[]): Promise<User[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.users.findBy({ id: In([...new Set(ids)]) });
  }

  /** A confirmed, unbanned user, or null. */
  findActive(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id, confirmed: true, banned: false } });
  }

  /** Case-insensitive lookup by email (the unique index is on lower(email)); `lock` takes a row lock. */
  findByEmail(email: string, em?: EntityManager, lock = false): Promise<User | null> {
    const qb = this.repo(em).createQueryBuilder('u').where('lower(u.email) = :email', { email: email.toLowerCase() });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Inserts a new user or saves the changes of a loaded one; answers the saved row. */
  save(user: Partial<User>, em?: EntityManager): Promise<User> {
    const repo = this.repo(em);
    return repo.save(user instanceof User ? user : repo.create(user));
  }

  async update(id: string, changes: Partial<User>): Promise<void> {
    await this.users.update({ id }, changes);
  }

  /** The active avatar (an image id from the user's avatar history), or null for the default avatar. */
  async setAvatarImage(id: string, imageId: string | null, em?: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, { avatarImageId: imageId });
  }

  authState(id: string): Promise<UserAuthState | null> {
    return this.users.findOne({ where: { id }, select: { id: true, role: true, banned: true, confirmed: true } });
  }

  /**
   * The user behind an access token, when the session it was issued for is live (one query on two
   * primary keys); null when either is missing, revoked or expired.
   */
  withLiveSession(userId: string, sessionId: string): Promise<UserAuthState | null> {
    return this.users
      .createQueryBuilder('u')
      .innerJoin(
        'sessions',
        's',
        's.id = :sid AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()',
        {
          sid: sessionId,
        },
      )
      .select(['u.id', 'u.role', 'u.banned', 'u.confirmed'])
      .where('u.id = :id', { id: userId })
      .getOne();
  }

  /** The subset of these ids that are active users. */
  async activeIds(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await this.users.query(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND confirmed AND NOT banned`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /**
   * One page of active users, newest first, after the cursor; `search` matches the display, first,
   * last or full name (case-insensitive, served by the trigram index); `hidden` users are left out
   * (people in a block with the viewer). Answers up to `take` rows.
   */
  listActive(search: string | undefined, after: TimeKey | null, take: number, hidden: string[] = []): Promise<User[]> {
    return this.listActiveQuery(search, after, take, hidden).getMany();
  }

  /** The query `listActive` runs (exposed so a test can EXPLAIN it and see the trigram index used). */
  listActiveQuery(
    search: string | undefined,
    after: TimeKey | null,
    take: number,
    hidden: string[] = [],
  ): SelectQueryBuilder<User> {
    const qb = this.users
      .createQueryBuilder('u')
      .where('u.confirmed = true AND u.banned = false')
      .orderBy(CREATED_MS, 'DESC')
      .addOrderBy('u.id', 'DESC')
      .take(take);
    if (search) qb.andWhere(`${NAME_SEARCH_EXPR} ILIKE :p ESCAPE '\\'`, { p: containsPattern(search) });
    if (hidden.length) qb.andWhere('u.id <> ALL(CAST(:hidden AS uuid[]))', { hidden });
    if (after)
      qb.andWhere(`(${CREATED_MS}, u.id) < (CAST(:t AS timestamptz) AT TIME ZONE 'UTC', :id)`, {
        t: after.at,
        id: after.id,
      });
    return qb;
  }

  /**
   * The admin's list: every user (unconfirmed and banned too; deleted accounts are gone), newest first, after the cursor;
   * `search` matches the names as `listActive` does, or the email (case-insensitive substring).
   */
  listAll(search: string | undefined, after: TimeKey | null, take: number): Promise<User[]> {
    const qb = this.users
      .createQueryBuilder('u')
      .where('u.deleted_at IS NULL')
      .orderBy(CREATED_MS, 'DESC')
      .addOrderBy('u.id', 'DESC')
      .take(take);
    if (search) {
      qb.andWhere(`(${NAME_SEARCH_EXPR} ILIKE :p ESCAPE '\\' OR u.email ILIKE :p ESCAPE '\\')`, {
        p: containsPattern(search),
      });
    }
    if (after)
      qb.andWhere(`(${CREATED_MS}, u.id) < (CAST(:t AS timestamptz) AT TIME ZONE 'UTC', :id)`, {
        t: after.at,
        id: after.id,
      });
    return qb.getMany();
  }

  /** The user's last socket closed: stamps and answers `last_seen_at`. */
  async touchLastSeen(id: string): Promise<Date> {
    const rows = returned<{ last_seen_at: Date }>(
      await this.users.query(`UPDATE users SET last_seen_at = now() WHERE id = $1 RETURNING last_seen_at`, [id]),
    );
    return rows[0]?.last_seen_at ?? new Date();
  }

  async digestRecipient(id: string): Promise<DigestRecipient | null> {
    const user = await this.users.findOne({
      where: { id },
      select: { email: true, displayName: true, language: true, emailDigest: true, banned: true },
    });
    return user
      ? {
          email: user.email,
          displayName: user.displayName,
          language: user.language,
          emailDigest: user.emailDigest,
          banned: user.banned,
        }
      : null;
  }

  /** The subset of these ids whose owners want the unread digest. */
  async withDigestOn(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await this.users.query(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND email_digest`,
      [ids],
    );
    return rows.map((r) => r.id);
  }
}
