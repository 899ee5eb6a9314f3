import { BadRequestException } from '@nestjs/common';
import { decodeTimeKey, encodeTimeKey } from './time-key-cursor';

describe('chat keyset cursors', () => {
  const id = '0b7c6a1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b';

  it('round-trips a (time, id) key with millisecond precision', () => {
    const at = new Date('2025-03-04T05:06:07.891Z');
    expect(decodeTimeKey(encodeTimeKey(at, id))).toEqual({ at, id });
    expect(decodeTimeKey(encodeTimeKey(at.toISOString(), id.toUpperCase()))).toEqual({ at, id });
  });

  it('treats no cursor as the first page', () => {
    expect(decodeTimeKey(undefined)).toBeNull();
    expect(decodeTimeKey('')).toBeNull();
  });

  it.each([
    ['garbage', 'not base64 JSON'],
    [Buffer.from('"just a string"').toString('base64url'), 'not an object'],
    [Buffer.from(JSON.stringify({ t: '2025-01-01T00:00:00Z' })).toString('base64url'), 'no id'],
    [Buffer.from(JSON.stringify({ t: 'yesterday', id })).toString('base64url'), 'not a time'],
    [Buffer.from(JSON.stringify({ t: '2025-01-01T00:00:00Z', id: "x' OR 1=1" })).toString('base64url'), 'not a uuid'],
    [Buffer.from(JSON.stringify({ t: 1735689600000, id })).toString('base64url'), 'a number, not an ISO time'],
  ])('rejects %s (%s) with 400', (cursor) => {
    expect(() => decodeTimeKey(cursor)).toThrow(BadRequestException);
  });
});
