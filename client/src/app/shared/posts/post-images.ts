import { DestroyRef, inject, Injectable, signal, computed } from '@angular/core';
import { type Image, POST_IMAGES_MAX } from '@world-it/contracts';
import type { Subscription } from 'rxjs';

import { UploadService } from '../data-access/upload/upload.service';
import { type UploadProblem, uploadProblemOf } from '../data-access/upload/upload-progress';
import { imageFileProblem } from '../util/image-file';

/** One picture of a post being written: already stored (an edit), on its way, or refused. */
export interface DraftImage {
  readonly key: number;
  readonly name: string;
  /** What the tile shows: the stored thumbnail, or the picked file itself while it uploads. */
  readonly preview: string | null;
  readonly status: 'uploading' | 'done' | 'failed';
  readonly progress: number;
  readonly image: Image | null;
  readonly problem: UploadProblem | null;
  readonly file: File | null;
}

/**
 * The pictures of a draft post, in the author's order: each uploads on its own with progress, a
 * failure can be retried or removed, and the post takes the ids of those stored. Provided per
 * composer; leaving it cancels what is still on its way and frees the local previews.
 */
@Injectable()
export class PostImages {
  private readonly uploads = inject(UploadService);
  private readonly running = new Map<number, Subscription>();
  private readonly objectUrls = new Map<number, string>();
  private nextKey = 1;

  private readonly rows = signal<readonly DraftImage[]>([]);
  readonly items = this.rows.asReadonly();
  readonly busy = computed(() => this.rows().some((r) => r.status === 'uploading'));
  readonly failed = computed(() => this.rows().some((r) => r.status === 'failed'));
  readonly full = computed(() => this.rows().length >= POST_IMAGES_MAX);
  readonly imageIds = computed(() =>
    this.rows()
      .map((r) => r.image?.id)
      .filter((id): id is string => !!id),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.reset([]));
  }

  /** Starts from a post's stored pictures (or none). */
  reset(images: readonly Image[]): void {
    for (const sub of this.running.values()) sub.unsubscribe();
    this.running.clear();
    for (const url of this.objectUrls.values()) URL.revokeObjectURL(url);
    this.objectUrls.clear();
    this.rows.set(
      images.map((image) => ({
        key: this.nextKey++,
        name: image.id,
        preview: image.thumbUrl,
        status: 'done',
        progress: 100,
        image,
        problem: null,
        file: null,
      })),
    );
  }

  /** Adds picked files up to the limit; returns how many did not fit. */
  add(files: readonly File[]): number {
    const room = Math.max(0, POST_IMAGES_MAX - this.rows().length);
    for (const file of files.slice(0, room)) {
      const key = this.nextKey++;
      const problem = imageFileProblem(file);
      let preview: string | null = null;
      if (!problem && typeof URL.createObjectURL === 'function') {
        preview = URL.createObjectURL(file);
        this.objectUrls.set(key, preview);
      }
      this.rows.update((rows) => [
        ...rows,
        {
          key,
          name: file.name,
          preview,
          status: problem ? 'failed' : 'uploading',
          progress: 0,
          image: null,
          problem,
          file: problem ? null : file,
        },
      ]);
      if (!problem) this.start(key, file);
    }
    return Math.max(0, files.length - room);
  }

  retry(key: number): void {
    const row = this.rows().find((r) => r.key === key);
    if (!row?.file || row.status !== 'failed') return;
    this.patch(key, { status: 'uploading', progress: 0, problem: null });
    this.start(key, row.file);
  }

  remove(key: number): void {
    this.running.get(key)?.unsubscribe();
    this.running.delete(key);
    const url = this.objectUrls.get(key);
    if (url) URL.revokeObjectURL(url);
    this.objectUrls.delete(key);
    this.rows.update((rows) => rows.filter((r) => r.key !== key));
  }

  private start(key: number, file: File): void {
    const sub = this.uploads.upload(file).subscribe({
      next: (step) => {
        if (step.kind === 'progress') this.patch(key, { progress: step.percent });
        else this.patch(key, { status: 'done', progress: 100, image: step.image });
      },
      error: (err: unknown) => {
        this.running.delete(key);
        this.patch(key, { status: 'failed', problem: uploadProblemOf(err) });
      },
      complete: () => this.running.delete(key),
    });
    if (!sub.closed) this.running.set(key, sub);
  }

  private patch(key: number, change: Partial<DraftImage>): void {
    this.rows.update((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  }
}
