import { segmentText } from './link-segments';

describe('segmentText', () => {
  it('splits text into text and http(s) link segments', () => {
    expect(segmentText('see https://angular.dev/guide and http://x.org/a?b=1#c now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://angular.dev/guide', href: 'https://angular.dev/guide' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.org/a?b=1#c', href: 'http://x.org/a?b=1#c' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('never turns javascript:, data: or other schemes into links', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<b>x</b>',
      'mailto:a@b.c',
      'ftp://host/file',
      'www.example.com',
    ]) {
      expect(segmentText(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('only links the http part of a disguised javascript: URL', () => {
    const segments = segmentText('javascript://https://evil.example/%0Aalert(1)');
    expect(
      segments.filter((s) => s.kind === 'link').every((s) => s.kind === 'link' && s.href.startsWith('https://')),
    ).toBe(true);
    expect(segments[0]).toEqual({ kind: 'text', text: 'javascript://' });
  });

  it('keeps markup as plain text', () => {
    expect(segmentText('<script>alert(1)</script>')).toEqual([{ kind: 'text', text: '<script>alert(1)</script>' }]);
  });

  it('leaves trailing punctuation and quotes outside the link', () => {
    expect(segmentText('Read https://a.dev/x.')).toEqual([
      { kind: 'text', text: 'Read ' },
      { kind: 'link', text: 'https://a.dev/x', href: 'https://a.dev/x' },
      { kind: 'text', text: '.' },
    ]);
    expect(segmentText('"https://a.dev/"><img src=x onerror=alert(1)>')[1]).toEqual({
      kind: 'link',
      text: 'https://a.dev/',
      href: 'https://a.dev/',
    });
  });

  it('keeps a closing parenthesis that belongs to the URL', () => {
    expect(segmentText('https://en.wikipedia.org/wiki/Rust_(language)')[0]).toMatchObject({
      kind: 'link',
      text: 'https://en.wikipedia.org/wiki/Rust_(language)',
    });
  });
});
