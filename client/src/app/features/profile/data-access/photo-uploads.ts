import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { Image } from '@world-it/contracts';
import { Subject, type Subscription } from 'rxjs';

import { UploadService } from '../../../shared/data-access/upload/upload.service';
import { type UploadProblem, uploadProblemOf } from '../../../shared/data-access/upload/upload-progress';
import { imageFileProblem } from '../../../shared/util/image-file';

export interface PhotoUpload {
  readonly id: number;
  readonly file: File;
  readonly status: 'uploading' | 'done' | 'failed';
  /** 0..100; 100 once stored. */
  readonly progress: number;
  readonly problem: UploadProblem | null;
  /** A failure the same file may get past on a second try (not a wrong type or size). */
  readonly retryable: boolean;
}

/**
 * Several photos uploading side by side, one row each: its own progress, its own failure, a retry
 * for what a retry can fix. Files the browser already knows are wrong are refused without sending.
 * Provided per component: leaving the page cancels what is still on its way.
 */
@Injectable()
export class PhotoUploads {
  private readonly uploads = inject(UploadService);
  private readonly running = new Map<number, Subscription>();
  private nextId = 1;

  private readonly rows = signal<PhotoUpload[]>([]);
  readonly items = this.rows.asReadonly();
  readonly busy = computed(() => this.rows().some((r) => r.status === 'uploading'));
  readonly finished = computed(() => this.rows().length > 0 && !this.busy());

  private readonly stored = new Subject<Image>();
  /** Each photo as the server stored it, in the order they finish. */
  readonly uploaded$ = this.stored.asObservable();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const sub of this.running.values()) sub.unsubscribe();
      this.running.clear();
      this.stored.complete();
    });
  }

  add(files: readonly File[]): void {
    for (const file of files) {
      const id = this.nextId++;
      const problem = imageFileProblem(file);
      this.rows.update((rows) => [
        ...rows,
        problem
          ? { id, file, status: 'failed', progress: 0, problem, retryable: false }
          : { id, file, status: 'uploading', progress: 0, problem: null, retryable: false },
      ]);
      if (!problem) this.start(id);
    }
  }

  retry(id: number): void {
    const row = this.rows().find((r) => r.id === id);
    if (!row || row.status !== 'failed' || !row.retryable) return;
    this.patch(id, { status: 'uploading', progress: 0, problem: null, retryable: false });
    this.start(id);
  }

  /** Drops a row; one still uploading is cancelled. */
  dismiss(id: number): void {
    this.running.get(id)?.unsubscribe();
    this.running.delete(id);
    this.rows.update((rows) => rows.filter((r) => r.id !== id));
  }

  /** Clears every row that is no longer uploading. */
  clearFinished(): void {
    this.rows.update((rows) => rows.filter((r) => r.status === 'uploading'));
  }

  private start(id: number): void {
    const row = this.rows().find((r) => r.id === id);
    if (!row) return;
    const sub = this.uploads.upload(row.file).subscribe({
      next: (step) => {
        if (step.kind === 'progress') {
          this.patch(id, { progress: step.percent });
        } else {
          this.patch(id, { status: 'done', progress: 100 });
          this.stored.next(step.image);
        }
      },
      error: (err: unknown) => {
        this.running.delete(id);
        const problem = uploadProblemOf(err);
        this.patch(id, { status: 'failed', problem, retryable: problem === 'failed' });
      },
      complete: () => this.running.delete(id),
    });
    // A synchronous answer (tests) may have completed already.
    if (!sub.closed) this.running.set(id, sub);
  }

  private patch(id: number, change: Partial<PhotoUpload>): void {
    this.rows.update((rows) => rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  }
}
