import { inject, Injectable } from '@angular/core';
import type { Image } from '@world-it/contracts';
import { filter, map, type Observable } from 'rxjs';

import { UploadHttp } from './upload-http';
import { toUploadStep, type UploadStep } from './upload-progress';

/** POST /api/uploads (multipart field `file`) with progress, for every feature that stores a picture. */
@Injectable({ providedIn: 'root' })
export class UploadService {
  private readonly uploads = inject(UploadHttp);

  /** Emits progress steps, then one `done` with the stored Image, and completes. */
  upload(file: Blob, name = file instanceof File ? file.name : 'image'): Observable<UploadStep> {
    const body = new FormData();
    body.append('file', file, name);
    return this.uploads.client.post<Image>('/api/uploads', body, { reportProgress: true, observe: 'events' }).pipe(
      map(toUploadStep),
      filter((step): step is UploadStep => step !== null),
    );
  }
}
