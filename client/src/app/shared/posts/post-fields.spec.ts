import { hostOf, isHttpUrl, isValidTag, normaliseTag } from './post-fields';

describe('post fields', () => {
  it('normalises tags as the server does', () => {
    expect(normaliseTag('  #Angular ')).toBe('angular');
    expect(normaliseTag('##Web Dev')).toBe('web-dev');
    expect(normaliseTag('Київ')).toBe('київ');
  });

  it('accepts letters, digits, - and _ only', () => {
    expect(isValidTag('node_js-20')).toBe(true);
    expect(isValidTag('київ')).toBe(true);
    expect(isValidTag('')).toBe(false);
    expect(isValidTag('-lead')).toBe(false);
    expect(isValidTag('a<b>')).toBe(false);
    expect(isValidTag('x'.repeat(51))).toBe(false);
  });

  it('takes http and https URLs with a host, nothing else', () => {
    expect(isHttpUrl('https://angular.dev/guide')).toBe(true);
    expect(isHttpUrl('http://localhost:3000')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('ftp://x.org')).toBe(false);
    expect(isHttpUrl('angular.dev')).toBe(false);
    expect(isHttpUrl('https://a b.org')).toBe(false);
  });

  it('shows a link by its host', () => {
    expect(hostOf('https://www.github.com/angular/angular')).toBe('github.com');
    expect(hostOf('http://example.org:8080/x')).toBe('example.org');
  });
});
