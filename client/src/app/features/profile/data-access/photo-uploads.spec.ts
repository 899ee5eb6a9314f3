import { HttpErrorResponse } from '@angular/common/http';
import { Injector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type Image, UPLOAD_MAX_BYTES } from '@world-it/contracts';
import { Subject } from 'rxjs';

import { UploadService } from '../../../shared/data-access/upload/upload.service';
import type { UploadStep } from '../../../shared/data-access/upload/upload-progress';
import { PhotoUploads } from './photo-uploads';

/** Each upload is a Subject the test drives: progress, the stored Image, or a failure. */
class FakeUploads {
  readonly calls: { file: Blob; steps: Subject<UploadStep> }[] = [];
  upload(file: Blob) {
    const steps = new Subject<UploadStep>();
    this.calls.push({ file, steps });
    return steps.asObservable();
  }
}

const png = (name: string, size = 100) => {
  const file = new File([new Uint8Array(1)], name, { type: 'image/png' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
};
const imageFor = (id: string): Image => ({ id, url: `/u/${id}`, thumbUrl: `/t/${id}`, width: 1, height: 1 });

describe('PhotoUploads (several photos, each with its own progress)', () => {
  let fake: FakeUploads;
  let queue: PhotoUploads;
  let stored: Image[];
  let injector: Injector;

  beforeEach(() => {
    fake = new FakeUploads();
    TestBed.configureTestingModule({ providers: [{ provide: UploadService, useValue: fake }] });
    injector = Injector.create({ providers: [PhotoUploads], parent: TestBed.inject(Injector) });
    queue = injector.get(PhotoUploads);
    stored = [];
    queue.uploaded$.subscribe((i) => stored.push(i));
  });

  const statuses = () => queue.items().map((r) => `${r.file.name}:${r.status}:${r.progress}`);

  it('uploads every file at once and tracks each one separately', () => {
    queue.add([png('a.png'), png('b.png'), png('c.png')]);
    expect(fake.calls.map((c) => (c.file as File).name)).toEqual(['a.png', 'b.png', 'c.png']);
    expect(queue.busy()).toBe(true);

    fake.calls[0].steps.next({ kind: 'progress', percent: 40 });
    fake.calls[2].steps.next({ kind: 'progress', percent: 90 });
    expect(statuses()).toEqual(['a.png:uploading:40', 'b.png:uploading:0', 'c.png:uploading:90']);

    fake.calls[2].steps.next({ kind: 'done', image: imageFor('c') });
    fake.calls[2].steps.complete();
    expect(statuses()).toEqual(['a.png:uploading:40', 'b.png:uploading:0', 'c.png:done:100']);
    expect(stored.map((i) => i.id)).toEqual(['c']);
    expect(queue.finished()).toBe(false);

    for (const [i, id] of [
      [0, 'a'],
      [1, 'b'],
    ] as const) {
      fake.calls[i].steps.next({ kind: 'done', image: imageFor(id) });
      fake.calls[i].steps.complete();
    }
    expect(queue.finished()).toBe(true);
    expect(stored.map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });

  it('refuses a wrong type or an oversized file without sending it, and offers no retry for it', () => {
    const pdf = new File(['x'], 'doc.pdf', { type: 'application/pdf' });
    queue.add([pdf, png('huge.png', UPLOAD_MAX_BYTES + 1), png('ok.png')]);
    expect(fake.calls).toHaveLength(1);
    expect(queue.items().map((r) => [r.file.name, r.status, r.problem, r.retryable])).toEqual([
      ['doc.pdf', 'failed', 'badType', false],
      ['huge.png', 'failed', 'tooBig', false],
      ['ok.png', 'uploading', null, false],
    ]);
    queue.retry(queue.items()[0].id);
    expect(fake.calls).toHaveLength(1);
  });

  it('shows a failure on its own row only, and a retry sends that file again', () => {
    queue.add([png('a.png'), png('b.png')]);
    fake.calls[0].steps.error(new HttpErrorResponse({ status: 0 }));
    fake.calls[1].steps.next({ kind: 'progress', percent: 70 });
    expect(queue.items().map((r) => [r.status, r.problem, r.retryable])).toEqual([
      ['failed', 'failed', true],
      ['uploading', null, false],
    ]);

    queue.retry(queue.items()[0].id);
    expect(fake.calls).toHaveLength(3);
    expect(fake.calls[2].file).toBe(queue.items()[0].file);
    expect(statuses()[0]).toBe('a.png:uploading:0');
    fake.calls[2].steps.next({ kind: 'done', image: imageFor('a') });
    expect(statuses()[0]).toBe('a.png:done:100');
  });

  it("takes the server's refusal as the reason (413 too big, 400 not a picture): no retry", () => {
    queue.add([png('a.png'), png('b.png')]);
    fake.calls[0].steps.error(new HttpErrorResponse({ status: 413 }));
    fake.calls[1].steps.error(new HttpErrorResponse({ status: 400 }));
    expect(queue.items().map((r) => [r.problem, r.retryable])).toEqual([
      ['tooBig', false],
      ['badType', false],
    ]);
  });

  it('dismissing a row cancels its upload; clearing keeps what is still on its way', () => {
    queue.add([png('a.png'), png('b.png'), png('c.png')]);
    queue.dismiss(queue.items()[0].id);
    expect(fake.calls[0].steps.observed).toBe(false);
    fake.calls[1].steps.next({ kind: 'done', image: imageFor('b') });
    fake.calls[1].steps.complete();
    queue.clearFinished();
    expect(statuses()).toEqual(['c.png:uploading:0']);
  });

  it('cancels every running upload when its owner goes away', () => {
    queue.add([png('a.png'), png('b.png')]);
    (injector as unknown as { destroy(): void }).destroy();
    expect(fake.calls.every((c) => !c.steps.observed)).toBe(true);
  });
});
