import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';
import { mkdirSync } from 'node:fs';
import { MEDIA_ROUTE } from './media-urls';

const TYPES: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
};

/**
 * Serves stored media from disk at /media. A file's name is derived from an immutable id, so it is
 * cached for a year; the type is set from our own extension list and never sniffed.
 */
export function serveMedia(app: NestExpressApplication, mediaDir: string): void {
  mkdirSync(mediaDir, { recursive: true });
  app.useStaticAssets(mediaDir, {
    prefix: MEDIA_ROUTE,
    index: false,
    dotfiles: 'deny',
    redirect: false,
    fallthrough: true,
    setHeaders: (res: Response, path: string) => {
      const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
      res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream');
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'");
      res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
    },
  });
}
