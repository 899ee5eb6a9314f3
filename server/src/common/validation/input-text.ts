import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * How deep a request body (or socket payload) may nest. The deepest contract shape is two levels; 32
 * leaves room and keeps every recursive step after parsing (class-transformer, class-validator) far
 * from the stack limit that `[` × 5000 reached (a 500).
 */
export const MAX_INPUT_DEPTH = 32;

/** A UTF-16 surrogate without its partner: not a character, and not encodable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** What is wrong with an input, said for a client (naming the field). */
export class InputTextError extends Error {}

/**
 * The one text sanitiser for everything a client sends (bodies, query strings, path parameters,
 * socket payloads), applied before validation:
 *  - U+0000 is dropped: PostgreSQL text cannot hold it (a 500 before). What is left is validated as
 *    usual, so `"\u0000"` alone is an empty string and a required name is a 400 naming it.
 *  - a lone surrogate is refused (400 naming the field): it is no character, UTF-8 cannot encode it
 *    (Node would store U+FFFD instead, silently) and some validators throw on it (a 500 before).
 *  - nesting deeper than MAX_INPUT_DEPTH is refused.
 * Iterative over the value (no recursion), so no input can exhaust the stack here.
 */
export function sanitiseInput(root: unknown, rootName: string, prefix = ''): unknown {
  if (typeof root === 'string') return cleanString(root, prefix || rootName);
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: prefix, depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      throw new InputTextError(`The ${rootName} is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)`);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const childPath = path ? `${path}.${key}` : key;
      if (hasLoneSurrogate(key)) throw new InputTextError(`${path || rootName} has a key that is not valid text`);
      const child = record[key];
      if (typeof child === 'string') record[key] = cleanString(child, childPath);
      else stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return root;
}

function cleanString(value: string, name: string): string {
  if (hasLoneSurrogate(value)) {
    throw new InputTextError(`${name} holds a lone UTF-16 surrogate: it is not valid text`);
  }
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/** Nest's place for it: a global pipe before the ValidationPipe, for bodies, queries and path parameters. */
@Injectable()
export class InputTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    // Field names as a client knows them: `about`, `search`, `id`.
    const what = metadata.type === 'body' ? 'request body' : metadata.type;
    try {
      return sanitiseInput(value, what, metadata.data ?? '');
    } catch (e) {
      if (e instanceof InputTextError) throw new BadRequestException(e.message);
      throw e;
    }
  }
}

/**
 * Right after the JSON parser, before any guard or pipe reads the body: a body nested too deeply is
 * a 400 here (guards such as the auth limiter read `body.email`, and nothing after should recurse into it).
 */
export function limitBodyDepth() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    if (typeof body === 'object' && body !== null && depthExceeds(body, MAX_INPUT_DEPTH)) {
      next(new BadRequestException(`The request body is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)`));
      return;
    }
    next();
  };
}

/** Whether `value` nests deeper than `max` levels; iterative. */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v as Record<string, unknown>)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
