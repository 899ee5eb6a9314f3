import { HttpErrorResponse, HttpEventType, HttpHeaderResponse, HttpResponse } from '@angular/common/http';
import type { Image } from '@world-it/contracts';

import { toUploadStep, uploadProblemOf } from './upload-progress';

const image: Image = {
  id: 'i1',
  url: '/media/images/i1.webp',
  thumbUrl: '/media/images/i1_thumb.webp',
  width: 4,
  height: 3,
};

describe('toUploadStep', () => {
  it('turns sent bytes into a percentage', () => {
    expect(toUploadStep({ type: HttpEventType.UploadProgress, loaded: 25, total: 100 })).toEqual({
      kind: 'progress',
      percent: 25,
    });
  });

  it('holds at 99 % until the server has answered with the stored picture', () => {
    expect(toUploadStep({ type: HttpEventType.UploadProgress, loaded: 100, total: 100 })).toEqual({
      kind: 'progress',
      percent: 99,
    });
    expect(toUploadStep(new HttpResponse({ status: 201, body: image }))).toEqual({ kind: 'done', image });
  });

  it('reports 0 % when the size is unknown, and ignores events that change nothing', () => {
    expect(toUploadStep({ type: HttpEventType.UploadProgress, loaded: 10 })).toEqual({ kind: 'progress', percent: 0 });
    expect(toUploadStep({ type: HttpEventType.Sent })).toBeNull();
    expect(toUploadStep(new HttpHeaderResponse({ status: 201 }))).toBeNull();
    expect(toUploadStep(new HttpResponse<Image>({ status: 201, body: null }))).toBeNull();
  });
});

describe('uploadProblemOf', () => {
  const fail = (status: number) => new HttpErrorResponse({ status, url: '/api/uploads' });

  it('reads the server refusal', () => {
    expect(uploadProblemOf(fail(413))).toBe('tooBig');
    expect(uploadProblemOf(fail(400))).toBe('badType');
    expect(uploadProblemOf(fail(500))).toBe('failed');
    expect(uploadProblemOf(fail(0))).toBe('failed');
    expect(uploadProblemOf(new Error('boom'))).toBe('failed');
  });
});
