import { SOCKET_PAYLOAD_MAX_BYTES } from '@world-it/contracts';
import { payloadBytes, validatePayload } from './chat.gateway';
import { SendMessageEventDto, TypingEventDto } from './dto/socket-payloads.dto';

describe('socket payload checks', () => {
  const roomId = '0b7c6a1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b';

  it('measures a payload in UTF-8 bytes as it travels', () => {
    expect(payloadBytes(undefined)).toBe(0);
    expect(payloadBytes({ a: 'é' })).toBe(Buffer.byteLength('{"a":"é"}'));
    expect(payloadBytes({ content: 'x'.repeat(SOCKET_PAYLOAD_MAX_BYTES) })).toBeGreaterThan(SOCKET_PAYLOAD_MAX_BYTES);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(payloadBytes(cyclic)).toBe(Number.POSITIVE_INFINITY);
  });

  it('returns the DTO for a valid payload', async () => {
    const dto = await validatePayload(SendMessageEventDto, { roomId, content: 'hi', clientId: 'c-1' });
    expect(dto).toBeInstanceOf(SendMessageEventDto);
  });

  it.each([
    [undefined, /object/],
    [null, /object/],
    ['text', /object/],
    [[roomId], /object/],
    [{ roomId: 'nope', content: 'x', clientId: 'c' }, /roomId/],
    [{ roomId, content: 'x' }, /clientId/],
    [{ roomId, content: 'x', clientId: 'has spaces' }, /clientId/],
    [{ roomId, content: 'x', clientId: 'c', admin: true }, /admin/],
  ])('names what is wrong in %j', async (body, message) => {
    const result = await validatePayload(SendMessageEventDto, body);
    expect(typeof result).toBe('string');
    expect(result).toMatch(message);
  });

  it('insists on a boolean isTyping', async () => {
    expect(typeof (await validatePayload(TypingEventDto, { roomId, isTyping: 'yes' }))).toBe('string');
    expect(await validatePayload(TypingEventDto, { roomId, isTyping: false })).toBeInstanceOf(TypingEventDto);
  });
});
