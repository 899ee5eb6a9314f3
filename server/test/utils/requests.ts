import { bearer, type TestUser } from '../factories/users';
import type { TestApp } from './create-test-app';

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
