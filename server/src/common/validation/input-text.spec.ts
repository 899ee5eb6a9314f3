import { depthExceeds, hasLoneSurrogate, InputTextError, MAX_INPUT_DEPTH, sanitiseInput } from './input-text';

describe('input text rules', () => {
  it('finds lone surrogates and only them', () => {
    expect(hasLoneSurrogate('a\ud800b')).toBe(true);
    expect(hasLoneSurrogate('\udc00')).toBe(true);
    expect(hasLoneSurrogate('\ud800\ud800\udc00')).toBe(true);
    expect(hasLoneSurrogate('Ada \ud83d\ude00')).toBe(false);
    expect(hasLoneSurrogate('plain')).toBe(false);
  });

  it('drops NUL everywhere and names the field holding a lone surrogate', () => {
    expect(sanitiseInput({ a: 'x\u0000y', b: ['\u0000', { c: 'z\u0000' }] }, 'request body')).toEqual({
      a: 'xy',
      b: ['', { c: 'z' }],
    });
    expect(() => sanitiseInput({ profile: { about: 'x\ud800' } }, 'request body')).toThrow(
      new InputTextError('profile.about holds a lone UTF-16 surrogate: it is not valid text'),
    );
    expect(sanitiseInput('a\u0000', 'query', 'search')).toBe('a');
  });

  it('refuses nesting past the limit without recursing (no stack overflow at 100,000 levels)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(depthExceeds(deep, MAX_INPUT_DEPTH)).toBe(true);
    expect(() => sanitiseInput(deep, 'request body')).toThrow(/nested too deeply/);
    expect(depthExceeds({ a: { b: [1, 2] } }, MAX_INPUT_DEPTH)).toBe(false);
  });
});
