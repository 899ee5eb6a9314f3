import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { AuthResponse, Language, Me, OutboxMail, Role } from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { SessionsService } from '../../src/auth/sessions.service';
import { User } from '../../src/users/user.entity';
import { toMe } from '../../src/users/user.mapper';
import type { TestApp } from '../utils/create-test-app';

/** The password every factory user has unless told otherwise. */
export const DEFAULT_PASSWORD = 'correct-horse-battery';

let defaultHash: Promise<string> | null = null;
let seq = 0;

/** A fresh address nobody in this run has used. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${Date.now().toString(36)}-${++seq}-${randomBytes(3).toString('hex')}@example.test`;
}

export interface TestUser extends AuthResponse {
  user: Me;
  accessToken: string;
  refreshToken: string;
  email: string;
  password: string;
}

export interface UserOptions {
  email?: string;
  password?: string;
  displayName?: string;
  role?: Role;
  language?: Language;
  firstName?: string;
  lastName?: string;
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/**
 * A confirmed user, fast: inserted straight into the database (argon2id hash of the default password
 * computed once) with a real session, so the tokens work on every route and socket.
 */
export async function createUser(t: TestApp, options: UserOptions = {}): Promise<TestUser> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? DEFAULT_PASSWORD;
  let passwordHash: string;
  if (password === DEFAULT_PASSWORD) {
    defaultHash ??= hash(DEFAULT_PASSWORD);
    passwordHash = await defaultHash;
  } else {
    passwordHash = await hash(password);
  }
  const repo = t.app.get(DataSource).getRepository(User);
  const saved = await repo.save(
    repo.create({
      email,
      passwordHash,
      confirmed: true,
      role: options.role ?? 'user',
      displayName: options.displayName ?? `User ${seq}`,
      firstName: options.firstName ?? '',
      lastName: options.lastName ?? '',
      language: options.language ?? 'en',
    }),
  );
  const user = (await repo.findOne({ where: { id: saved.id } })) as User;
  const session = await t.app.get(SessionsService).start(user);
  return { user: toMe(user), accessToken: session.accessToken, refreshToken: session.refreshToken, email, password };
}

/** Several users at once. */
export function createUsers(t: TestApp, count: number, options: Omit<UserOptions, 'email'> = {}): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: count }, () => createUser(t, options)));
}

/**
 * Polls the development outbox until a mail to `email` arrives (sent at or after `since`, matching
 * `subject` when given) and returns the newest. Needs a consumer: `createTestApp({ worker: true })` on
 * Redis, or embedded mode (in-process jobs).
 */
export async function waitForMail(t: TestApp, email: string, options: MailWait = {}): Promise<OutboxMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const since = options.since ? options.since.getTime() - 1000 : 0;
  const newerThan = options.newerThan ? Date.parse(options.newerThan.sentAt) : -Infinity;
  for (;;) {
    const res = await t.http.get('/api/dev/outbox').query({ to: email });
    if (res.status !== 200) throw new Error(`GET /api/dev/outbox answered ${res.status}: ${JSON.stringify(res.body)}`);
    const mail = (res.body as OutboxMail[]).find(
      (m) =>
        new Date(m.sentAt).getTime() >= since &&
        new Date(m.sentAt).getTime() > newerThan &&
        (!options.subject || options.subject.test(m.subject)),
    );
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`No mail to ${email} arrived in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface MailWait {
  /** Sent at or after this time (with a second of slack for clock rounding): the first mail of a step. */
  since?: Date;
  /** Sent strictly after a mail already seen: a follow-up mail to the same address. */
  newerThan?: OutboxMail;
  subject?: RegExp;
  timeoutMs?: number;
}

/** The 6-digit code of the newest matching mail to `email`. */
export function codeIn(mail: OutboxMail): string {
  const code = /^\s*(\d{6})\s*$/m.exec(mail.text)?.[1];
  if (!code) throw new Error(`No code in the mail "${mail.subject}"`);
  return code;
}

export async function readCode(t: TestApp, email: string, options: MailWait = {}): Promise<string> {
  return codeIn(await waitForMail(t, email, options));
}

/** The whole HTTP flow: register → read the mailed code → confirm. Slower than createUser; proves the real path. */
export async function registerAndConfirm(
  t: TestApp,
  options: Omit<UserOptions, 'role' | 'firstName' | 'lastName'> = {},
): Promise<TestUser> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? DEFAULT_PASSWORD;
  const since = new Date();
  await t.http
    .post('/api/auth/register')
    .send({
      email,
      password,
      displayName: options.displayName ?? 'New User',
      ...(options.language ? { language: options.language } : {}),
    })
    .expect(202);
  const code = await readCode(t, email, { since });
  const res = await t.http.post('/api/auth/confirm').send({ email, code }).expect(201);
  const body = res.body as AuthResponse;
  return { ...body, email, password };
}
