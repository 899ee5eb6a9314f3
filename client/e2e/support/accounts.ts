import type { AuthResponse } from '@world-it/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserRun } from './browser-run';
import { guardNativeSubmits } from './forms';
import { uniqueEmail, waitForCode } from './outbox';

export const PASSWORD = 'correct horse battery staple';

/** Registers and confirms through the real API (code read from the development outbox). */
export async function signUp(displayName: string): Promise<AuthResponse> {
  const { baseUrl } = browserRun();
  const email = uniqueEmail(displayName.toLowerCase().replace(/\W+/g, '-'));
  const reg = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, displayName }),
  });
  if (reg.status !== 202) throw new Error(`register → ${reg.status} ${await reg.text()}`);
  const code = await waitForCode(email);
  const res = await fetch(`${baseUrl}/api/auth/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, code }),
  });
  if (res.status !== 201) throw new Error(`confirm → ${res.status} ${await res.text()}`);
  return (await res.json()) as AuthResponse;
}

/** A browser context already signed in as `auth` (the client keeps its session in localStorage). */
export async function signedInPage(
  browser: Browser,
  auth: AuthResponse,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const { baseUrl } = browserRun();
  const context = await browser.newContext({ viewport });
  await guardNativeSubmits(context);
  await context.addInitScript(
    (session) => {
      if (!localStorage.getItem('wit.session')) localStorage.setItem('wit.session', session);
    },
    JSON.stringify({ accessToken: auth.accessToken, refreshToken: auth.refreshToken, user: auth.user }),
  );
  const page = await context.newPage();
  await page.goto(baseUrl, { waitUntil: 'networkidle' });
  return { context, page };
}

export async function apiAs<T>(
  auth: AuthResponse,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const { baseUrl } = browserRun();
  const res = await fetch(baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth.accessToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
