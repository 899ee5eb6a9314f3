import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { acceptedEncodings, isHashedAsset, PRECOMPRESSED } from './content-encoding';

const NOT_CLIENT = /^\/(api|media|socket\.io)(\/|$)/;
/** Types the build precompresses (scripts/precompress-client.mjs); images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.txt', '.json', '.webmanifest', '.xml']);
/** A request for one of these that matches no file is a missing file (404), not an app route for index.html. */
const FILE_LIKE = /\.(js|mjs|css|map|html|svg|txt|json|webmanifest|xml|ico|png|jpe?g|gif|webp|avif|woff2?|ttf)$/i;
const ENCODINGS = PRECOMPRESSED.map((p) => p.encoding);

/**
 * The built Angular client at `/`, with deep links (`/chats/...`) answered by index.html.
 * A file with a precompressed sibling (`main-X.js.br`, `.gz`) is sent as that sibling when the
 * request accepts its encoding, so brotli-11 runs once at build time instead of per request; any
 * other compressible response is compressed on the fly by the compression middleware.
 * Hashed bundles are cached for a year; index.html and unhashed files are revalidated.
 */
export function serveClient(app: NestExpressApplication, clientDir: string): void {
  const root = resolve(clientDir);
  const index = join(root, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isClientRead(req)) return next();
    const file = fileUnder(root, req.path);
    if (!file) return next();
    sendPrecompressed(req, res, file).then((sent) => (sent ? undefined : next()), next);
  });
  // Only for client reads: mounted bare, the static middleware would stat a file for every API request.
  const files = express.static(root, {
    index: false,
    redirect: false,
    setHeaders: (res: Response, path: string) => setCachingHeaders(res, path),
  });
  app.use((req: Request, res: Response, next: NextFunction) => (isClientRead(req) ? files(req, res, next) : next()));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isClientRead(req)) return next();
    if (FILE_LIKE.test(req.path)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web client is not built yet: run `npm run build:client`.');
      return;
    }
    sendPrecompressed(req, res, index).then((sent) => {
      if (sent) return;
      setCachingHeaders(res, index);
      res.sendFile(index);
    }, next);
  });
}

function isClientRead(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !NOT_CLIENT.test(req.path);
}

/** The file a URL path names inside `root`, or null when it would leave it or is not compressible. */
function fileUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Like the static middleware, no dotfiles (`/.env.js`) and no NUL bytes.
  if (decoded.includes('\0') || /(^|\/)\./.test(decoded)) return null;
  if (!COMPRESSIBLE.has(extname(decoded).toLowerCase())) return null;
  const file = resolve(root, `.${decoded}`);
  return file.startsWith(root + sep) ? file : null;
}

function setCachingHeaders(res: Response, path: string): void {
  res.setHeader('Cache-Control', isHashedAsset(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (COMPRESSIBLE.has(extname(path.replace(/\.(br|gz)$/, '')).toLowerCase())) res.vary('Accept-Encoding');
}

/** Sends `file`'s freshest precompressed sibling the request accepts; false when there is none. */
async function sendPrecompressed(req: Request, res: Response, file: string): Promise<boolean> {
  const accepted = acceptedEncodings(req.headers['accept-encoding'], ENCODINGS);
  if (accepted.length === 0) return false;
  const original = await stat(file).catch(() => null);
  if (!original?.isFile()) return false;
  for (const encoding of accepted) {
    const variant = file + PRECOMPRESSED.find((p) => p.encoding === encoding)!.suffix;
    const found = await stat(variant).catch(() => null);
    // A sibling older than its file is left over from an earlier build: never send stale content.
    if (!found?.isFile() || found.mtimeMs < original.mtimeMs) continue;
    res.type(extname(file));
    res.setHeader('Content-Encoding', encoding);
    setCachingHeaders(res, file);
    const sent = await new Promise<boolean>((done) =>
      // The path is absolute and checked by fileUnder, so send's dotfile rule (meant for URL paths) is off.
      res.sendFile(variant, { dotfiles: 'allow', cacheControl: false }, (err) => {
        // An error after the headers went out is a client that left: nothing more to send.
        if (!err || res.headersSent) return done(true);
        res.removeHeader('Content-Encoding');
        res.removeHeader('Content-Type');
        done(false);
      }),
    );
    if (sent) return true;
  }
  return false;
}
