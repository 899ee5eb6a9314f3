import { FetchBackend, HttpBackend, HttpClient, HttpXhrBackend } from '@angular/common/http';
import { EnvironmentInjector, inject, Injectable, runInInjectionContext } from '@angular/core';

import { authInterceptor } from '../../../core/interceptors/auth.interceptor';

/**
 * An HttpClient for uploads. The app uses the fetch backend, and fetch() cannot report upload
 * progress; this client sends through XHR instead, with the same auth interceptor (bearer token,
 * refresh on 401). Under test, whatever backend is provided (the testing one) is used as is.
 */
@Injectable({ providedIn: 'root' })
export class UploadHttp {
  private readonly injector = inject(EnvironmentInjector);
  private readonly backend: HttpBackend = (() => {
    const provided = inject(HttpBackend);
    return provided instanceof FetchBackend ? inject(HttpXhrBackend) : provided;
  })();

  readonly client = new HttpClient({
    handle: (req) => runInInjectionContext(this.injector, () => authInterceptor(req, (r) => this.backend.handle(r))),
  });
}
