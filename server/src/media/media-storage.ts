import { Injectable } from '@nestjs/common';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';

/**
 * Where media files live, by key (`images/<id>.webp`). Local disk today; an S3-compatible store
 * implements the same three calls (and serves `/media` itself or through a CDN).
 */
export abstract class MediaStorage {
  abstract put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The file, or null when it does not exist. */
  abstract get(key: string): Promise<Buffer | null>;
  /** Idempotent: deleting a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9]+(\/[A-Za-z0-9_.-]+)+$/;

/** Files under MEDIA_DIR, written atomically (temp file + rename) so a reader never sees half a file. */
@Injectable()
export class LocalDiskStorage extends MediaStorage {
  readonly root: string;

  constructor(config: AppConfig) {
    super();
    this.root = resolve(config.mediaDir);
  }

  path(key: string): string {
    if (!KEY.test(key) || key.includes('..')) throw new Error(`Invalid media key "${key}"`);
    const full = resolve(join(this.root, key));
    if (!full.startsWith(this.root + sep)) throw new Error(`Invalid media key "${key}"`);
    return full;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, data);
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
