import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Image } from '@world-it/contracts';

import { UploadService } from './upload.service';
import type { UploadStep } from './upload-progress';

describe('UploadService', () => {
  let http: HttpTestingController;
  let service: UploadService;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(UploadService);
  });
  afterEach(() => http.verify());

  it('posts the file as the multipart field "file" and reports progress, then the Image', () => {
    const steps: UploadStep[] = [];
    let completed = false;
    const file = new File([new Uint8Array(8)], 'cat.png', { type: 'image/png' });
    service.upload(file).subscribe({ next: (s) => steps.push(s), complete: () => (completed = true) });

    const req = http.expectOne('/api/uploads');
    expect(req.request.method).toBe('POST');
    expect(req.request.reportProgress).toBe(true);
    const body = req.request.body as FormData;
    expect((body.get('file') as File).name).toBe('cat.png');

    req.event({ type: HttpEventType.UploadProgress, loaded: 4, total: 8 });
    const image: Image = { id: 'i1', url: '/u', thumbUrl: '/t', width: 1, height: 1 };
    req.flush(image, { status: 201, statusText: 'Created' });

    expect(steps).toEqual([
      { kind: 'progress', percent: 50 },
      { kind: 'done', image },
    ]);
    expect(completed).toBe(true);
  });

  it('names a Blob (a cropped avatar) as asked', () => {
    service.upload(new Blob([new Uint8Array(2)], { type: 'image/webp' }), 'avatar.webp').subscribe();
    const req = http.expectOne('/api/uploads');
    expect(((req.request.body as FormData).get('file') as File).name).toBe('avatar.webp');
    req.flush(null);
  });
});
