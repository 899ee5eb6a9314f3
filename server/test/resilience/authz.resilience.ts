import { randomBytes, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { CHAT_NAMESPACE, type AuthResponse } from '@world-it/contracts';
import openapi from '../../openapi.json';
import { png } from '../utils/images';
import { ApiProcess, PASSWORD, signedInUser } from './support/api-process';

jest.setTimeout(600_000);

/**
 * The authorization matrix: ONE table of every REST route of openapi.json and every client→server socket
 * event, with the status each kind of caller must get. It runs against a real built API process (the
 * resilience harness: its own database, the production bootstrap, no test module overrides), so what it
 * proves is what a deployed server does.
 *
 * Callers: anonymous (no token), stranger (signed in, no relation), member (the room's member, the
 * owner's friend for friends-only posts, the direct room's peer), owner (author, owner, room admin),
 * admin (role admin, no other relation), banned (a user an admin banned: the token they held before).
 * A cell left out does not apply (e.g. "member" of one's own profile).
 */
const ROLES = ['anonymous', 'stranger', 'member', 'owner', 'admin', 'banned'] as const;
type Role = (typeof ROLES)[number];
type User = AuthResponse & { email: string };

interface Fixtures {
  api: ApiProcess;
  users: Record<Exclude<Role, 'anonymous'>, User>;
  /** A friendship owner–member; a private group (owner admin, member in it); a public group; a DM. */
  group: string;
  publicGroup: string;
  dm: string;
  /** Owner's message in the group, and member's. */
  message: string;
  memberMessage: string;
  publicPost: string;
  friendsPost: string;
  /** Member's comment on the public post. */
  comment: string;
  album: string;
  /** Owner's upload, in the album and used as an avatar. */
  image: string;
}

interface Req {
  body?: unknown;
  form?: FormData;
  /** The path with its {params} filled. */
  path: string;
}
interface RestRow {
  method: string;
  /** The OpenAPI path template. */
  route: string;
  /** What the row targets, when a route has several rows. */
  variant?: string;
  expect: Partial<Record<Role, number>>;
  /** The request one caller sends; may make a fresh target (destructive rows get one per caller). */
  req: (f: Fixtures, role: Role) => Req | Promise<Req>;
}

type Ack = { ok: boolean; error?: { code: string } };
interface SocketRow {
  event: string;
  variant?: string;
  /** 'ok' or the ack's error code; 'unauthorized' for a refused connection. */
  expect: Partial<Record<Role, string>>;
  payload: (f: Fixtures, role: Role) => unknown | Promise<unknown>;
}

const ALL_USERS = { anonymous: 401, stranger: 200, member: 200, owner: 200, admin: 200, banned: 401 } as const;
const signedIn = (status: number) =>
  ({ anonymous: 401, stranger: status, member: status, owner: status, admin: status, banned: 401 }) as const;
const adminOnly = (status: number) =>
  ({ anonymous: 401, stranger: 403, member: 403, owner: 403, admin: status, banned: 401 }) as const;

/**
 * A friends-only post: its author and the author's friends. An admin is neither, so 404 like a stranger
 * (the contract: "visible to the author's friends only"); an admin may still delete it (see DELETE).
 */
const FRIENDS_ONLY = (status: number) =>
  ({ anonymous: 401, stranger: 404, member: status, owner: status, admin: 404, banned: 401 }) as const;

const email = () => `authz-${randomBytes(5).toString('hex')}@example.test`;

// ---- helpers that talk to the API as one user ----
let API: ApiProcess;
async function call(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  form?: FormData,
): Promise<{ status: number; json: unknown }> {
  const headers = new Headers();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let payload: FormData | string | undefined;
  if (form) payload = form;
  else if (body !== undefined) {
    headers.set('content-type', 'application/json');
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${API.url}${path}`, { method, headers, body: payload });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}
async function ok<T>(method: string, path: string, who: User, body?: unknown, form?: FormData): Promise<T> {
  const r = await call(method, path, who.accessToken, body, form);
  if (r.status >= 300) throw new Error(`fixture ${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json as T;
}
const id = async (method: string, path: string, who: User, body?: unknown) =>
  (await ok<{ id: string }>(method, path, who, body)).id;

async function uploadAs(who: User): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await png(8, 8))], { type: 'image/png' }), 'a.png');
  return (await ok<{ id: string }>('POST', '/api/uploads', who, undefined, form)).id;
}
const pngForm = async () => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await png(8, 8))], { type: 'image/png' }), 'a.png');
  return form;
};
const freshGroup = (f: Fixtures) =>
  id('POST', '/api/chats/groups', f.users.owner, {
    name: 'authz fresh',
    visibility: 'private',
    memberIds: [f.users.member.user.id],
  });
const freshPost = (f: Fixtures, visibility: 'public' | 'friends' = 'public') =>
  id('POST', '/api/posts', f.users.owner, { title: 'authz fresh', content: 'c', visibility });
/** A user no one knows, signed in. */
const spare = () => signedInUser(API);
/** The user a role acts as (anonymous: nobody). */
const as = (f: Fixtures, role: Role): User | undefined => (role === 'anonymous' ? undefined : f.users[role]);
/** Another person for a role to act on: the owner, or for the owner the member. */
const other = (f: Fixtures, role: Role) => (role === 'owner' ? f.users.member : f.users.owner).user.id;

// ---- the table ----
const REST: RestRow[] = [
  // health and development
  {
    method: 'GET',
    route: '/api/health',
    expect: { anonymous: 200, stranger: 200 },
    req: () => ({ path: '/api/health' }),
  },
  {
    method: 'GET',
    route: '/api/dev/outbox',
    // Development only (absent in production, see serving e2e): a mailbox viewer by design.
    expect: { anonymous: 200 },
    req: () => ({ path: `/api/dev/outbox?to=${email()}` }),
  },

  // auth: public routes answer by their body, not by who calls
  {
    method: 'POST',
    route: '/api/auth/register',
    expect: { anonymous: 202, stranger: 202 },
    req: () => ({ path: '/api/auth/register', body: { email: email(), password: PASSWORD, displayName: 'Authz' } }),
  },
  {
    method: 'POST',
    route: '/api/auth/confirm',
    variant: 'a wrong code for a pending registration',
    expect: { anonymous: 400 },
    req: async () => {
      const e = email();
      await call('POST', '/api/auth/register', undefined, { email: e, password: PASSWORD, displayName: 'Authz' });
      return { path: '/api/auth/confirm', body: { email: e, code: '000000' } };
    },
  },
  {
    method: 'POST',
    route: '/api/auth/resend-code',
    expect: { anonymous: 202 },
    req: () => ({ path: '/api/auth/resend-code', body: { email: email() } }),
  },
  {
    method: 'POST',
    route: '/api/auth/login',
    variant: "each caller's own credentials (anonymous: a wrong password)",
    expect: { anonymous: 401, stranger: 200, owner: 200, admin: 200, banned: 403 },
    req: (f, role) => ({
      path: '/api/auth/login',
      body: {
        email: role === 'anonymous' ? f.users.owner.email : f.users[role].email,
        password: role === 'anonymous' ? 'wrong-password-1' : PASSWORD,
      },
    }),
  },
  {
    method: 'POST',
    route: '/api/auth/refresh',
    variant: "a fresh session's refresh token (anonymous: a made-up one; banned: one from before the ban)",
    expect: { anonymous: 401, stranger: 200, owner: 200, banned: 401 },
    req: async (f, role) => {
      if (role === 'anonymous') return { path: '/api/auth/refresh', body: { refreshToken: 'x'.repeat(40) } };
      const u = role === 'banned' ? f.users.banned : await freshSession(f.users[role]);
      return { path: '/api/auth/refresh', body: { refreshToken: u.refreshToken } };
    },
  },
  {
    method: 'POST',
    route: '/api/auth/logout',
    // The refresh token is the credential (no bearer needed): a signed-out client can always end its session.
    variant: "a fresh session's refresh token",
    expect: { anonymous: 204, stranger: 204, owner: 204 },
    req: async (f, role) => ({
      path: '/api/auth/logout',
      body: {
        refreshToken: (await freshSession(role === 'anonymous' ? f.users.owner : f.users.stranger)).refreshToken,
      },
    }),
  },
  { method: 'GET', route: '/api/auth/me', expect: ALL_USERS, req: () => ({ path: '/api/auth/me' }) },
  {
    method: 'POST',
    route: '/api/auth/password/forgot',
    expect: { anonymous: 202 },
    req: () => ({ path: '/api/auth/password/forgot', body: { email: email() } }),
  },
  {
    method: 'POST',
    route: '/api/auth/password/reset',
    // Nothing pending counts as a dead code (410), as after expiry: the same for a known and an unknown address.
    variant: 'a code for an address with no reset pending',
    expect: { anonymous: 410 },
    req: (f) => ({
      path: '/api/auth/password/reset',
      body: { email: f.users.stranger.email, code: '000000', newPassword: 'another-password-1' },
    }),
  },
  {
    method: 'POST',
    route: '/api/auth/password/reset',
    variant: 'an unknown address (no enumeration: as for a known one)',
    expect: { anonymous: 410 },
    req: () => ({
      path: '/api/auth/password/reset',
      body: { email: email(), code: '000000', newPassword: 'another-password-1' },
    }),
  },
  {
    method: 'POST',
    route: '/api/auth/password/change',
    variant: 'a wrong current password',
    expect: signedIn(403),
    req: () => ({
      path: '/api/auth/password/change',
      body: { currentPassword: 'wrong-password-1', newPassword: 'another-password-1' },
    }),
  },
  {
    method: 'POST',
    route: '/api/auth/email/change',
    variant: 'a wrong password',
    expect: signedIn(403),
    req: () => ({ path: '/api/auth/email/change', body: { newEmail: email(), password: 'wrong-password-1' } }),
  },
  {
    method: 'POST',
    route: '/api/auth/email/confirm',
    variant: 'no change pending (a dead code: 410, as after expiry)',
    expect: signedIn(410),
    req: () => ({ path: '/api/auth/email/confirm', body: { code: '000000' } }),
  },

  // uploads and photos
  {
    method: 'POST',
    route: '/api/uploads',
    expect: signedIn(201),
    req: async () => ({ path: '/api/uploads', form: await pngForm() }),
  },
  {
    method: 'DELETE',
    route: '/api/uploads/{id}',
    variant: "a fresh upload of the owner's",
    // Anyone may see a user's photos (GET /api/profiles/:id/images), so not changing them is 403.
    expect: { anonymous: 401, stranger: 403, member: 403, owner: 204, admin: 403, banned: 401 },
    req: async (f) => ({ path: `/api/uploads/${await uploadAs(f.users.owner)}` }),
  },
  {
    method: 'GET',
    route: '/api/profiles/{id}/images',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/profiles/${f.users.owner.user.id}/images` }),
  },

  // chat
  { method: 'GET', route: '/api/chats', expect: ALL_USERS, req: () => ({ path: '/api/chats' }) },
  { method: 'GET', route: '/api/chats/public', expect: ALL_USERS, req: () => ({ path: '/api/chats/public' }) },
  {
    method: 'POST',
    route: '/api/chats/direct',
    variant: 'with the owner (the owner: with the member; that room exists)',
    expect: { anonymous: 401, stranger: 201, member: 200, owner: 200, admin: 201, banned: 401 },
    req: (f, role) => ({ path: '/api/chats/direct', body: { userId: other(f, role) } }),
  },
  {
    method: 'POST',
    route: '/api/chats/groups',
    expect: signedIn(201),
    req: () => ({ path: '/api/chats/groups', body: { name: 'authz group', visibility: 'private' } }),
  },
  {
    method: 'GET',
    route: '/api/chats/{id}',
    variant: 'a private group',
    expect: { anonymous: 401, stranger: 404, member: 200, owner: 200, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.group}` }),
  },
  {
    method: 'GET',
    route: '/api/chats/{id}',
    variant: 'a public group',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/chats/${f.publicGroup}` }),
  },
  {
    method: 'GET',
    route: '/api/chats/{id}',
    variant: 'a direct room',
    expect: { anonymous: 401, stranger: 404, member: 200, owner: 200, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.dm}` }),
  },
  {
    method: 'PATCH',
    route: '/api/chats/{id}',
    variant: 'a private group',
    expect: { anonymous: 401, stranger: 404, member: 403, owner: 200, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.group}`, body: { name: 'authz renamed' } }),
  },
  {
    method: 'PATCH',
    route: '/api/chats/{id}',
    variant: 'a public group',
    expect: { anonymous: 401, stranger: 403, member: 403, owner: 200, admin: 403, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.publicGroup}`, body: { name: 'authz public renamed' } }),
  },
  {
    method: 'DELETE',
    route: '/api/chats/{id}',
    variant: 'a fresh private group',
    expect: { anonymous: 401, stranger: 404, member: 403, owner: 204, admin: 204, banned: 401 },
    req: async (f) => ({ path: `/api/chats/${await freshGroup(f)}` }),
  },
  {
    method: 'POST',
    route: '/api/chats/{id}/join',
    variant: 'a private group',
    expect: { anonymous: 401, stranger: 404, member: 200, owner: 200, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.group}/join` }),
  },
  {
    method: 'POST',
    route: '/api/chats/{id}/join',
    variant: 'a public group',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/chats/${f.publicGroup}/join` }),
  },
  {
    method: 'POST',
    route: '/api/chats/{id}/members',
    variant: 'a fresh private group, adding a new user',
    expect: { anonymous: 401, stranger: 404, member: 403, owner: 200, admin: 404, banned: 401 },
    req: async (f) => ({
      path: `/api/chats/${await freshGroup(f)}/members`,
      body: { userId: (await spare()).user.id },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/chats/{id}/members/{userId}',
    variant: 'a fresh private group, removing the member (the member: leaving)',
    expect: { anonymous: 401, stranger: 404, member: 204, owner: 204, admin: 404, banned: 401 },
    req: async (f) => ({ path: `/api/chats/${await freshGroup(f)}/members/${f.users.member.user.id}` }),
  },
  {
    method: 'GET',
    route: '/api/chats/{id}/messages',
    variant: 'a private group',
    expect: { anonymous: 401, stranger: 404, member: 200, owner: 200, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.group}/messages` }),
  },
  {
    method: 'GET',
    route: '/api/chats/{id}/messages',
    variant: 'a public group (anyone may read)',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/chats/${f.publicGroup}/messages` }),
  },
  {
    method: 'POST',
    route: '/api/chats/{id}/messages',
    variant: 'a private group',
    expect: { anonymous: 401, stranger: 404, member: 201, owner: 201, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.group}/messages`, body: { content: 'authz' } }),
  },
  {
    method: 'POST',
    route: '/api/chats/{id}/messages',
    variant: 'a direct room',
    expect: { anonymous: 401, stranger: 404, member: 201, owner: 201, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.dm}/messages`, body: { content: 'authz dm' } }),
  },
  {
    method: 'PATCH',
    route: '/api/chats/{id}/messages/{messageId}',
    variant: "the owner's message",
    expect: { anonymous: 401, stranger: 404, member: 403, owner: 200, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.group}/messages/${f.message}`, body: { content: 'authz edited' } }),
  },
  {
    method: 'DELETE',
    route: '/api/chats/{id}/messages/{messageId}',
    variant: "a fresh message of the member's (the owner is the room's admin)",
    expect: { anonymous: 401, stranger: 404, member: 204, owner: 204, admin: 204, banned: 401 },
    req: async (f) => ({
      path: `/api/chats/${f.group}/messages/${await id('POST', `/api/chats/${f.group}/messages`, f.users.member, { content: 'x' })}`,
    }),
  },
  {
    method: 'DELETE',
    route: '/api/chats/{id}/messages/{messageId}',
    variant: "a fresh message of the owner's (the member may not delete it)",
    expect: { member: 403 },
    req: async (f) => ({
      path: `/api/chats/${f.group}/messages/${await id('POST', `/api/chats/${f.group}/messages`, f.users.owner, { content: 'x' })}`,
    }),
  },
  {
    method: 'POST',
    route: '/api/chats/{id}/read',
    expect: { anonymous: 401, stranger: 404, member: 204, owner: 204, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/chats/${f.group}/read`, body: { messageId: f.memberMessage } }),
  },

  // profiles
  { method: 'GET', route: '/api/profiles', expect: ALL_USERS, req: () => ({ path: '/api/profiles?search=authz' }) },
  {
    method: 'PATCH',
    route: '/api/profiles/me',
    expect: ALL_USERS,
    req: () => ({ path: '/api/profiles/me', body: { about: 'authz' } }),
  },
  {
    method: 'GET',
    route: '/api/profiles/{id}',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/profiles/${f.users.owner.user.id}` }),
  },
  {
    method: 'GET',
    route: '/api/profiles/{id}',
    variant: 'a banned user (hidden from everyone but an admin? the contract lists unbanned users only)',
    expect: { stranger: 404, member: 404 },
    req: (f) => ({ path: `/api/profiles/${f.users.banned.user.id}` }),
  },
  {
    method: 'POST',
    route: '/api/profiles/me/avatar',
    variant: "the owner's upload (own images only)",
    expect: { anonymous: 401, stranger: 404, member: 404, owner: 200, admin: 404, banned: 401 },
    req: (f) => ({ path: '/api/profiles/me/avatar', body: { imageId: f.image } }),
  },
  {
    method: 'GET',
    route: '/api/profiles/me/avatars',
    expect: ALL_USERS,
    req: () => ({ path: '/api/profiles/me/avatars' }),
  },
  {
    method: 'PUT',
    route: '/api/profiles/me/avatars/{imageId}/active',
    variant: "the owner's avatar",
    expect: { anonymous: 401, stranger: 404, member: 404, owner: 200, admin: 404, banned: 401 },
    req: (f) => ({ path: `/api/profiles/me/avatars/${f.image}/active` }),
  },
  {
    method: 'DELETE',
    route: '/api/profiles/me/avatars/{imageId}',
    variant: "a fresh avatar of the owner's",
    expect: { anonymous: 401, stranger: 404, member: 404, owner: 204, admin: 404, banned: 401 },
    req: async (f) => {
      const image = await uploadAs(f.users.owner);
      await ok('POST', '/api/profiles/me/avatar', f.users.owner, { imageId: image });
      await ok('PUT', `/api/profiles/me/avatars/${f.image}/active`, f.users.owner);
      return { path: `/api/profiles/me/avatars/${image}` };
    },
  },

  // friendships and blocks
  {
    method: 'POST',
    route: '/api/friendships/requests',
    variant: 'to the owner (the owner: to the member, a friend already)',
    expect: { anonymous: 401, stranger: 201, member: 409, owner: 409, admin: 201, banned: 401 },
    req: (f, role) => ({ path: '/api/friendships/requests', body: { userId: other(f, role) } }),
  },
  {
    method: 'GET',
    route: '/api/friendships/requests',
    expect: ALL_USERS,
    req: () => ({ path: '/api/friendships/requests?direction=outgoing' }),
  },
  {
    method: 'POST',
    route: '/api/friendships/requests/{id}/accept',
    variant: 'a fresh request to the owner',
    expect: { anonymous: 401, stranger: 404, member: 404, owner: 200, admin: 404, banned: 401 },
    req: async (f) => ({ path: `/api/friendships/requests/${await requestTo(f.users.owner)}/accept` }),
  },
  {
    method: 'POST',
    route: '/api/friendships/requests/{id}/decline',
    variant: 'a fresh request to the owner',
    expect: { anonymous: 401, stranger: 404, member: 404, owner: 204, admin: 404, banned: 401 },
    req: async (f) => ({ path: `/api/friendships/requests/${await requestTo(f.users.owner)}/decline` }),
  },
  {
    method: 'DELETE',
    route: '/api/friendships/requests/{id}',
    variant: 'a fresh request from the owner',
    expect: { anonymous: 401, stranger: 404, member: 404, owner: 204, admin: 404, banned: 401 },
    req: async (f) => {
      const to = await spare();
      const r = await ok<{ id: string }>('POST', '/api/friendships/requests', f.users.owner, { userId: to.user.id });
      return { path: `/api/friendships/requests/${r.id}` };
    },
  },
  { method: 'GET', route: '/api/friendships', expect: ALL_USERS, req: () => ({ path: '/api/friendships' }) },
  {
    method: 'GET',
    route: '/api/friendships/suggestions',
    expect: ALL_USERS,
    req: () => ({ path: '/api/friendships/suggestions' }),
  },
  {
    method: 'DELETE',
    route: '/api/friendships/{userId}',
    variant: "a fresh friend of the caller's",
    expect: signedIn(204),
    req: async (f, role) => {
      if (role === 'anonymous' || role === 'banned') return { path: `/api/friendships/${f.users.owner.user.id}` };
      const friend = await spare();
      await befriend(f.users[role], friend);
      return { path: `/api/friendships/${friend.user.id}` };
    },
  },
  {
    method: 'GET',
    route: '/api/profiles/me/blocked',
    expect: ALL_USERS,
    req: () => ({ path: '/api/profiles/me/blocked' }),
  },
  {
    method: 'GET',
    route: '/api/profiles/{id}/friends',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/profiles/${f.users.owner.user.id}/friends` }),
  },
  {
    method: 'POST',
    route: '/api/profiles/{id}/block',
    variant: 'a fresh user',
    expect: signedIn(204),
    req: async () => ({ path: `/api/profiles/${(await spare()).user.id}/block` }),
  },
  {
    method: 'DELETE',
    route: '/api/profiles/{id}/block',
    variant: 'a fresh user',
    expect: signedIn(204),
    req: async () => ({ path: `/api/profiles/${(await spare()).user.id}/block` }),
  },

  // notifications
  { method: 'GET', route: '/api/notifications', expect: ALL_USERS, req: () => ({ path: '/api/notifications' }) },
  {
    method: 'GET',
    route: '/api/notifications/unread-count',
    expect: ALL_USERS,
    req: () => ({ path: '/api/notifications/unread-count' }),
  },
  {
    method: 'POST',
    route: '/api/notifications/read',
    expect: signedIn(204),
    req: () => ({ path: '/api/notifications/read', body: {} }),
  },

  // albums
  {
    method: 'GET',
    route: '/api/profiles/{id}/albums',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/profiles/${f.users.owner.user.id}/albums` }),
  },
  {
    method: 'POST',
    route: '/api/albums',
    expect: signedIn(201),
    req: () => ({ path: '/api/albums', body: { name: 'authz album' } }),
  },
  { method: 'GET', route: '/api/albums/{id}', expect: ALL_USERS, req: (f) => ({ path: `/api/albums/${f.album}` }) },
  {
    method: 'PATCH',
    route: '/api/albums/{id}',
    expect: { anonymous: 401, stranger: 403, member: 403, owner: 200, admin: 403, banned: 401 },
    req: (f) => ({ path: `/api/albums/${f.album}`, body: { name: 'authz album renamed' } }),
  },
  {
    method: 'DELETE',
    route: '/api/albums/{id}',
    variant: "a fresh album of the owner's",
    expect: { anonymous: 401, stranger: 403, member: 403, owner: 204, admin: 403, banned: 401 },
    req: async (f) => ({ path: `/api/albums/${await id('POST', '/api/albums', f.users.owner, { name: 'x' })}` }),
  },
  {
    method: 'GET',
    route: '/api/albums/{id}/images',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/albums/${f.album}/images` }),
  },
  {
    method: 'POST',
    route: '/api/albums/{id}/images',
    variant: "the owner's image",
    expect: { anonymous: 401, stranger: 403, member: 403, owner: 200, admin: 403, banned: 401 },
    req: (f) => ({ path: `/api/albums/${f.album}/images`, body: { imageIds: [f.image] } }),
  },
  {
    method: 'POST',
    route: '/api/albums/{id}/images',
    variant: "someone else's image into one's own album (no such image of yours)",
    expect: { stranger: 404 },
    req: async (f) => ({
      path: `/api/albums/${await id('POST', '/api/albums', f.users.stranger, { name: 'mine' })}/images`,
      body: { imageIds: [f.image] },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/albums/{id}/images/{imageId}',
    expect: { anonymous: 401, stranger: 403, member: 403, owner: 204, admin: 403, banned: 401 },
    req: async (f) => {
      await ok('POST', `/api/albums/${f.album}/images`, f.users.owner, { imageIds: [f.image] });
      return { path: `/api/albums/${f.album}/images/${f.image}` };
    },
  },

  // posts
  { method: 'GET', route: '/api/posts', expect: ALL_USERS, req: () => ({ path: '/api/posts?scope=all' }) },
  {
    method: 'POST',
    route: '/api/posts',
    expect: signedIn(201),
    req: () => ({ path: '/api/posts', body: { title: 'authz post', content: 'c' } }),
  },
  {
    method: 'GET',
    route: '/api/posts/{id}',
    variant: 'public',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/posts/${f.publicPost}` }),
  },
  {
    method: 'GET',
    route: '/api/posts/{id}',
    variant: 'friends only',
    expect: FRIENDS_ONLY(200),
    req: (f) => ({ path: `/api/posts/${f.friendsPost}` }),
  },
  {
    method: 'PATCH',
    route: '/api/posts/{id}',
    variant: 'public',
    expect: { anonymous: 401, stranger: 403, member: 403, owner: 200, admin: 403, banned: 401 },
    req: (f) => ({ path: `/api/posts/${f.publicPost}`, body: { title: 'authz edited' } }),
  },
  {
    method: 'PATCH',
    route: '/api/posts/{id}',
    variant: 'friends only',
    expect: { stranger: 404, member: 403 },
    req: (f) => ({ path: `/api/posts/${f.friendsPost}`, body: { title: 'authz edited' } }),
  },
  {
    method: 'DELETE',
    route: '/api/posts/{id}',
    variant: 'a fresh public post',
    expect: { anonymous: 401, stranger: 403, member: 403, owner: 204, admin: 204, banned: 401 },
    req: async (f) => ({ path: `/api/posts/${await freshPost(f)}` }),
  },
  {
    method: 'DELETE',
    route: '/api/posts/{id}',
    variant: 'a fresh friends-only post',
    expect: { stranger: 404, member: 403, admin: 204 },
    req: async (f) => ({ path: `/api/posts/${await freshPost(f, 'friends')}` }),
  },
  {
    method: 'POST',
    route: '/api/posts/{id}/like',
    variant: 'public',
    expect: ALL_USERS,
    req: (f) => ({ path: `/api/posts/${f.publicPost}/like` }),
  },
  {
    method: 'POST',
    route: '/api/posts/{id}/like',
    variant: 'friends only',
    expect: FRIENDS_ONLY(200),
    req: (f) => ({ path: `/api/posts/${f.friendsPost}/like` }),
  },
  {
    method: 'DELETE',
    route: '/api/posts/{id}/like',
    variant: 'friends only',
    expect: FRIENDS_ONLY(200),
    req: (f) => ({ path: `/api/posts/${f.friendsPost}/like` }),
  },
  {
    method: 'GET',
    route: '/api/posts/{id}/comments',
    variant: 'friends only',
    expect: FRIENDS_ONLY(200),
    req: (f) => ({ path: `/api/posts/${f.friendsPost}/comments` }),
  },
  {
    method: 'POST',
    route: '/api/posts/{id}/comments',
    variant: 'public',
    expect: signedIn(201),
    req: (f) => ({ path: `/api/posts/${f.publicPost}/comments`, body: { content: 'authz' } }),
  },
  {
    method: 'POST',
    route: '/api/posts/{id}/comments',
    variant: 'friends only',
    expect: FRIENDS_ONLY(201),
    req: (f) => ({ path: `/api/posts/${f.friendsPost}/comments`, body: { content: 'authz' } }),
  },
  {
    method: 'DELETE',
    route: '/api/posts/{id}/comments/{commentId}',
    variant: "a fresh comment of the member's on the owner's post (comment author, post author, admin)",
    expect: { anonymous: 401, stranger: 403, member: 204, owner: 204, admin: 204, banned: 401 },
    req: async (f) => ({
      path: `/api/posts/${f.publicPost}/comments/${await id('POST', `/api/posts/${f.publicPost}/comments`, f.users.member, { content: 'x' })}`,
    }),
  },
  { method: 'GET', route: '/api/tags', expect: ALL_USERS, req: () => ({ path: '/api/tags?prefix=a' }) },

  // admin
  { method: 'GET', route: '/api/admin/users', expect: adminOnly(200), req: () => ({ path: '/api/admin/users' }) },
  { method: 'GET', route: '/api/admin/stats', expect: adminOnly(200), req: () => ({ path: '/api/admin/stats' }) },
  {
    method: 'POST',
    route: '/api/admin/users/{id}/ban',
    variant: 'a fresh user',
    expect: adminOnly(204),
    req: async () => ({ path: `/api/admin/users/${(await spare()).user.id}/ban` }),
  },
  {
    method: 'POST',
    route: '/api/admin/users/{id}/unban',
    variant: 'the banned user (admin last: the ban must hold for the rows after)',
    expect: { anonymous: 401, stranger: 403, member: 403, owner: 403, banned: 401 },
    req: (f) => ({ path: `/api/admin/users/${f.users.banned.user.id}/unban` }),
  },
  {
    method: 'POST',
    route: '/api/admin/users/{id}/unban',
    variant: 'a fresh banned user',
    expect: { admin: 204 },
    req: async (f) => {
      const u = await spare();
      await ok('POST', `/api/admin/users/${u.user.id}/ban`, f.users.admin);
      return { path: `/api/admin/users/${u.user.id}/unban` };
    },
  },
  {
    method: 'POST',
    route: '/api/admin/queues/session',
    // The queue dashboard's cookie hand-over (the dashboard itself then checks the cookie on every request).
    expect: adminOnly(204),
    req: () => ({ path: '/api/admin/queues/session' }),
  },

  // observability: no METRICS_TOKEN here, so loopback callers (this suite) are let in, signed in or not
  {
    method: 'GET',
    route: '/api/metrics',
    expect: { anonymous: 200, stranger: 200 },
    req: () => ({ path: '/api/metrics' }),
  },

  // privacy: each caller acts on their own account only
  {
    method: 'DELETE',
    route: '/api/me',
    // Before the code row below: with no code asked for, the right password and any code is a dead code.
    variant: "the caller's own password, no code asked for",
    expect: signedIn(410),
    req: () => ({ path: '/api/me', body: { password: PASSWORD, code: '000000' } }),
  },
  {
    method: 'POST',
    route: '/api/me/deletion/code',
    variant: "the caller's own password",
    expect: signedIn(202),
    req: () => ({ path: '/api/me/deletion/code', body: { password: PASSWORD } }),
  },
  { method: 'POST', route: '/api/me/export', expect: signedIn(202), req: () => ({ path: '/api/me/export' }) },
  {
    method: 'GET',
    route: '/api/me/export/{token}',
    // The mailed link is the credential (it works signed out); a made-up one opens nothing.
    variant: 'a made-up token',
    expect: { anonymous: 404, stranger: 404, owner: 404 },
    req: () => ({ path: `/api/me/export/${randomBytes(32).toString('hex')}` }),
  },
];

const SOCKET: SocketRow[] = [
  {
    event: 'message:send',
    variant: 'a private group',
    expect: {
      anonymous: 'unauthorized',
      stranger: 'not_found',
      member: 'ok',
      owner: 'ok',
      admin: 'not_found',
      banned: 'unauthorized',
    },
    payload: (f) => ({ roomId: f.group, content: 'authz socket', clientId: randomUUID() }),
  },
  {
    event: 'message:edit',
    variant: "the owner's message",
    expect: { stranger: 'not_found', member: 'forbidden', owner: 'ok', admin: 'not_found' },
    payload: (f) => ({ roomId: f.group, messageId: f.message, content: 'authz socket edit' }),
  },
  {
    event: 'message:delete',
    variant: "a fresh message of the member's",
    expect: { stranger: 'not_found', member: 'ok', owner: 'ok', admin: 'ok' },
    payload: async (f) => ({
      roomId: f.group,
      messageId: await id('POST', `/api/chats/${f.group}/messages`, f.users.member, { content: 'x' }),
    }),
  },
  {
    event: 'message:delete',
    variant: "a fresh message of the owner's",
    expect: { member: 'forbidden' },
    payload: async (f) => ({
      roomId: f.group,
      messageId: await id('POST', `/api/chats/${f.group}/messages`, f.users.owner, { content: 'x' }),
    }),
  },
  {
    event: 'typing',
    variant: 'a private group',
    expect: { stranger: 'not_found', member: 'ok', owner: 'ok', admin: 'not_found' },
    payload: (f) => ({ roomId: f.group, isTyping: true }),
  },
  {
    event: 'read',
    variant: 'a private group',
    expect: { stranger: 'not_found', member: 'ok', owner: 'ok', admin: 'not_found' },
    payload: (f) => ({ roomId: f.group, messageId: f.memberMessage }),
  },
  {
    event: 'room:watch',
    variant: 'a private group',
    expect: { stranger: 'not_found', member: 'ok', owner: 'ok', admin: 'not_found' },
    payload: (f) => ({ roomId: f.group }),
  },
  {
    event: 'room:watch',
    variant: 'a public group',
    expect: { stranger: 'ok', member: 'ok', owner: 'ok', admin: 'ok' },
    payload: (f) => ({ roomId: f.publicGroup }),
  },
  {
    event: 'typing',
    variant: 'a group the member was just removed from (the open socket left its channel)',
    expect: { member: 'not_found' },
    payload: async (f) => ({ roomId: await formerRoom(f), isTyping: true }),
  },
  {
    event: 'message:send',
    variant: 'a group the member was just removed from',
    expect: { member: 'not_found' },
    payload: async (f) => ({ roomId: await formerRoom(f), content: 'after removal', clientId: randomUUID() }),
  },
  {
    event: 'room:unwatch',
    expect: { stranger: 'ok', member: 'ok', owner: 'ok', admin: 'ok' },
    payload: (f) => ({ roomId: f.group }),
  },
];

/** Every event of the contract's ClientToServerEvents (libs/contracts/src/socket-events.ts). */
const CLIENT_EVENTS = [
  'message:send',
  'message:edit',
  'message:delete',
  'typing',
  'read',
  'room:watch',
  'room:unwatch',
];

/** A fresh group the member was in and has been removed from (the owner, its admin, removed them). */
async function formerRoom(f: Fixtures): Promise<string> {
  const room = await freshGroup(f);
  const r = await call('DELETE', `/api/chats/${room}/members/${f.users.member.user.id}`, f.users.owner.accessToken);
  if (r.status !== 204) throw new Error(`remove member: ${r.status}`);
  return room;
}

async function freshSession(u: User): Promise<User> {
  const r = await call('POST', '/api/auth/login', undefined, { email: u.email, password: PASSWORD });
  if (r.status !== 200) throw new Error(`login ${r.status}`);
  return { ...(r.json as AuthResponse), email: u.email };
}
async function requestTo(to: User): Promise<string> {
  const from = await spare();
  return (await ok<{ id: string }>('POST', '/api/friendships/requests', from, { userId: to.user.id })).id;
}
async function befriend(a: User, b: User): Promise<void> {
  const r = await ok<{ id: string }>('POST', '/api/friendships/requests', a, { userId: b.user.id });
  await ok('POST', `/api/friendships/requests/${r.id}/accept`, b);
}

function connect(token: string | undefined): Promise<Socket | 'unauthorized'> {
  const socket = io(`${API.url}${CHAT_NAMESPACE}`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      resolve(err.message === 'unauthorized' ? 'unauthorized' : (`connect_error ${err.message}` as 'unauthorized'));
    });
  });
}

describe('resilience: the authorization matrix (every route and socket event × every kind of caller)', () => {
  let f: Fixtures;

  beforeAll(async () => {
    API = await ApiProcess.start({
      RATE_LIMIT_AUTH: '1000000',
      RATE_LIMIT_SOCKET_MESSAGES: '1000000',
      RATE_LIMIT_UPLOADS: '1000000',
      RATE_LIMIT_POSTS: '1000000',
      RATE_LIMIT_LIKES: '1000000',
      RATE_LIMIT_WRITES: '1000000',
    });
    const [stranger, member, owner, admin, banned] = await Promise.all([
      signedInUser(API),
      signedInUser(API),
      signedInUser(API),
      signedInUser(API, 'admin'),
      signedInUser(API),
    ]);
    await befriend(owner, member);
    const image = await uploadAs(owner);
    const album = await id('POST', '/api/albums', owner, { name: 'authz album' });
    await ok('POST', `/api/albums/${album}/images`, owner, { imageIds: [image] });
    await ok('POST', '/api/profiles/me/avatar', owner, { imageId: image });
    const group = await id('POST', '/api/chats/groups', owner, {
      name: 'authz private',
      visibility: 'private',
      memberIds: [member.user.id],
    });
    const publicGroup = await id('POST', '/api/chats/groups', owner, {
      name: 'authz public',
      visibility: 'public',
      memberIds: [member.user.id],
    });
    const dm = await id('POST', '/api/chats/direct', owner, { userId: member.user.id });
    await ok('POST', `/api/chats/${dm}/messages`, owner, { content: 'hello' });
    const message = await id('POST', `/api/chats/${group}/messages`, owner, { content: 'owner says' });
    const memberMessage = await id('POST', `/api/chats/${group}/messages`, member, { content: 'member says' });
    const publicPost = await id('POST', '/api/posts', owner, { title: 'authz public', content: 'p' });
    const friendsPost = await id('POST', '/api/posts', owner, {
      title: 'authz friends',
      content: 'f',
      visibility: 'friends',
    });
    const comment = await id('POST', `/api/posts/${publicPost}/comments`, member, { content: 'member comments' });
    await ok('POST', `/api/admin/users/${banned.user.id}/ban`, admin);
    f = {
      api: API,
      users: { stranger, member, owner, admin, banned },
      group,
      publicGroup,
      dm,
      message,
      memberMessage,
      publicPost,
      friendsPost,
      comment,
      album,
      image,
    };
  });
  afterAll(async () => {
    await API?.kill('SIGTERM');
  });

  it('has a row for every path and method of openapi.json, and for every client→server socket event', () => {
    const documented = Object.entries(
      (openapi as unknown as { paths: Record<string, Record<string, unknown>> }).paths,
    ).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set(REST.map((r) => `${r.method} ${r.route}`));
    expect(documented.filter((op) => !covered.has(op))).toEqual([]);
    // …and no row for a route that is not documented (a typo would test nothing).
    expect([...covered].filter((op) => !documented.includes(op))).toEqual([]);
    expect(CLIENT_EVENTS.filter((e) => !SOCKET.some((r) => r.event === e))).toEqual([]);
  });

  it('answers every caller exactly as the table says', async () => {
    const violations: string[] = [];
    let checks = 0;
    for (const row of REST) {
      for (const role of ROLES) {
        const expected = row.expect[role];
        if (expected === undefined) continue;
        const req = await row.req(f, role);
        const res = await call(row.method, req.path, as(f, role)?.accessToken, req.body, req.form);
        checks++;
        if (res.status !== expected)
          violations.push(
            `${row.method} ${row.route}${row.variant ? ` [${row.variant}]` : ''} as ${role}: ${res.status}, expected ${expected} ${JSON.stringify(res.json).slice(0, 160)}`,
          );
      }
    }

    const sockets = new Map<Role, Socket | 'unauthorized'>();
    for (const role of ROLES) sockets.set(role, await connect(as(f, role)?.accessToken));
    try {
      for (const row of SOCKET) {
        for (const role of ROLES) {
          const expected = row.expect[role] ?? (role === 'anonymous' || role === 'banned' ? 'unauthorized' : undefined);
          if (expected === undefined) continue;
          const socket = sockets.get(role)!;
          let got: string;
          if (typeof socket === 'string') got = socket;
          else {
            const ack = (await socket.timeout(10_000).emitWithAck(row.event, await row.payload(f, role))) as Ack;
            got = ack.ok ? 'ok' : (ack.error?.code ?? 'no code');
          }
          checks++;
          if (got !== expected)
            violations.push(
              `socket ${row.event}${row.variant ? ` [${row.variant}]` : ''} as ${role}: ${got}, expected ${expected}`,
            );
        }
      }
    } finally {
      for (const s of sockets.values()) if (typeof s !== 'string') s.close();
    }
    console.log(
      `authz: ${checks} checks (${REST.length} REST rows over ${new Set(REST.map((r) => `${r.method} ${r.route}`)).size} operations, ${SOCKET.length} socket rows), ${violations.length} violations` +
        (violations.length ? `\n  ${violations.join('\n  ')}` : ''),
    );
    expect(violations).toEqual([]);
  });
});
