import type { Image } from '@world-it/contracts';
import { bearer, type TestUser } from '../factories/users';
import type { TestApp } from './create-test-app';
import { png } from './images';

/**
 * Requests to the test app made as `u` (each carries their access token). A spec binds it once its app
 * exists: `const as = (u: TestUser) => requestsAs(t, u);` then `as(alice).get('/api/…').expect(200)`.
 */
export function requestsAs(t: TestApp, u: TestUser) {
  const auth = bearer(u.accessToken);
  return {
    get: (path: string) => t.http.get(path).set(auth),
    post: (path: string, body?: object) =>
      t.http
        .post(path)
        .set(auth)
        .send(body ?? {}),
    put: (path: string) => t.http.put(path).set(auth),
    patch: (path: string, body: object) => t.http.patch(path).set(auth).send(body),
    del: (path: string) => t.http.delete(path).set(auth),
  };
}

/** Uploads a fresh PNG of `width` × `height` as `u` (expects 201) and answers the stored Image. */
export async function uploadPng(t: TestApp, u: TestUser, width?: number, height?: number): Promise<Image> {
  const res = await t.http
    .post('/api/uploads')
    .set(bearer(u.accessToken))
    .attach('file', await png(width, height), 'a.png')
    .expect(201);
  return res.body as Image;
}
