import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { returned } from '../database/returned-rows';
import { imageKey, thumbKey } from '../media/media.service';
import { LocalDiskStorage } from '../media/media-storage';

/** How long an ended (expired or revoked) session is kept: its refresh tokens answer "session ended" meanwhile. */
export const ENDED_SESSION_KEEP_MS = 24 * 60 * 60 * 1000;
/**
 * How long a spent refresh token is kept in a live session: presenting it again within this window is
 * recognised as reuse (a copied token) and revokes the session; later it is only "invalid" (401).
 */
export const SPENT_TOKEN_KEEP_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * Grace period of uploads: a deleted image's row, and a file in MEDIA_DIR without a live image row (an
 * upload being written, a crash between file and row, a delete whose file removal failed), are only
 * removed once this old. A live image is never removed: it is in its owner's photos
 * (GET /api/profiles/:id/images) whether or not anything else shows it.
 */
export const UPLOAD_GRACE_MS = 24 * 60 * 60 * 1000;

/** Rows deleted per statement, so one run never holds long locks or builds a huge transaction. */
const BATCH = 5000;
/** media file names the app writes: `<uuid>.webp`, `<uuid>_thumb.webp`, and their `….<uuid>.tmp` while written. */
const MEDIA_FILE =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(_thumb)?\.webp(\.[0-9a-f-]{36}\.tmp)?$/;

export interface UploadsSweep {
  /** Deleted image rows nothing shows any more (their files were removed when deleted). */
  rows: number;
  /** Files under MEDIA_DIR/images without a live image row, past the grace period. */
  files: number;
}

@Injectable()
export class HousekeepingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly storage: LocalDiskStorage,
  ) {}

  /** Deletes in batches until nothing matches; `select` yields the ids (at most BATCH) of one batch. */
  private async deleteInBatches(table: string, select: string, params: unknown[]): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = returned<{ id: string }>(
        await this.ds.query(`DELETE FROM "${table}" WHERE "id" IN (${select} LIMIT ${BATCH}) RETURNING "id"`, params),
      );
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }

  /**
   * Sessions that ended (expired or revoked) more than a day ago go with all their refresh tokens
   * (ON DELETE CASCADE); in live sessions, refresh tokens spent more than 7 days ago go. Every refresh
   * adds a row, so without this the tables only grow.
   */
  async sessions(now = new Date()): Promise<{ sessions: number; refreshTokens: number }> {
    const endedBefore = new Date(now.getTime() - ENDED_SESSION_KEEP_MS);
    const sessions =
      (await this.deleteInBatches('sessions', `SELECT "id" FROM "sessions" WHERE "expires_at" < $1`, [endedBefore])) +
      (await this.deleteInBatches('sessions', `SELECT "id" FROM "sessions" WHERE "revoked_at" < $1`, [endedBefore]));
    const refreshTokens = await this.deleteInBatches(
      'refresh_tokens',
      `SELECT "id" FROM "refresh_tokens" WHERE "spent_at" < $1`,
      [new Date(now.getTime() - SPENT_TOKEN_KEEP_MS)],
    );
    return { sessions, refreshTokens };
  }

  /**
   * Orphaned uploads. (1) Image rows deleted by their owner more than the grace period ago that no
   * message, post, room, avatar or album refers to any more (messages and posts keep pointing at a
   * deleted image to show the "removed" placeholder, so those rows stay). (2) Files in MEDIA_DIR/images
   * older than the grace period whose image row is missing or deleted.
   */
  async uploads(now = new Date()): Promise<UploadsSweep> {
    const before = new Date(now.getTime() - UPLOAD_GRACE_MS);
    const rows = await this.deleteInBatches(
      'images',
      `SELECT i."id" FROM "images" i
        WHERE i."deleted_at" < $1
          AND NOT EXISTS (SELECT 1 FROM "messages" m WHERE m."image_id" = i."id")
          AND NOT EXISTS (SELECT 1 FROM "post_images" p WHERE p."image_id" = i."id")
          AND NOT EXISTS (SELECT 1 FROM "rooms" r WHERE r."avatar_image_id" = i."id")
          AND NOT EXISTS (SELECT 1 FROM "avatars" a WHERE a."image_id" = i."id")
          AND NOT EXISTS (SELECT 1 FROM "album_images" ai WHERE ai."image_id" = i."id")
          AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."avatar_image_id" = i."id")`,
      [before],
    );
    return { rows, files: await this.sweepFiles(before) };
  }

  private async sweepFiles(before: Date): Promise<number> {
    const dir = join(this.storage.root, 'images');
    let handle;
    try {
      handle = await opendir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    let removed = 0;
    let batch = new Map<string, string[]>();
    const flush = async () => {
      const ids = [...batch.keys()];
      const live = new Set(
        (
          (await this.ds.query(`SELECT "id" FROM "images" WHERE "id" = ANY($1::uuid[]) AND "deleted_at" IS NULL`, [
            ids,
          ])) as { id: string }[]
        ).map((r) => r.id),
      );
      for (const [id, keys] of batch) {
        if (live.has(id)) continue;
        for (const key of keys) await this.storage.delete(key);
        removed += keys.length;
      }
      batch = new Map();
    };
    for await (const entry of handle) {
      if (!entry.isFile()) continue;
      const m = MEDIA_FILE.exec(entry.name);
      if (!m) continue; // not a file this app writes: never touched
      const info = await stat(join(dir, entry.name)).catch(() => null);
      if (!info || info.mtime >= before) continue; // maybe an upload in progress: its row comes next
      const id = m[1];
      const key = m[3] ? `images/${entry.name}` : m[2] ? thumbKey(id) : imageKey(id);
      // A temp file older than the grace period is a crashed write: it goes whatever the row says.
      if (m[3]) {
        await this.storage.delete(key);
        removed++;
        continue;
      }
      batch.set(id, [...(batch.get(id) ?? []), key]);
      if (batch.size >= 500) await flush();
    }
    if (batch.size) await flush();
    return removed;
  }
}
