import { acceptedEncodings, isHashedAsset } from './content-encoding';

const OURS = ['br', 'gzip'] as const;

describe('acceptedEncodings', () => {
  it('prefers brotli when the client accepts both equally, whatever order it lists them in', () => {
    expect(acceptedEncodings('gzip, deflate, br', OURS)).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br, gzip', OURS)).toEqual(['br', 'gzip']);
  });

  it('follows the q-values the client gives', () => {
    expect(acceptedEncodings('br;q=0.5, gzip;q=0.9', OURS)).toEqual(['gzip', 'br']);
    expect(acceptedEncodings('gzip;q=1.0, br;q=0.2', OURS)).toEqual(['gzip', 'br']);
  });

  it('refuses a coding with q=0 and one the header does not name', () => {
    expect(acceptedEncodings('gzip, br;q=0', OURS)).toEqual(['gzip']);
    expect(acceptedEncodings('gzip', OURS)).toEqual(['gzip']);
    expect(acceptedEncodings('deflate', OURS)).toEqual([]);
    expect(acceptedEncodings('identity', OURS)).toEqual([]);
  });

  it('lets * stand for the codings not named', () => {
    expect(acceptedEncodings('*', OURS)).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br;q=0, *;q=0.5', OURS)).toEqual(['gzip']);
  });

  it('means identity only without a header, and ignores case, spaces and a broken q', () => {
    expect(acceptedEncodings(undefined, OURS)).toEqual([]);
    expect(acceptedEncodings('', OURS)).toEqual([]);
    expect(acceptedEncodings(' GZIP ; Q=0.8 ,BR', OURS)).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br;q=abc, gzip', OURS)).toEqual(['gzip']);
  });
});

describe('isHashedAsset', () => {
  it('recognises the names Angular 21 gives its bundles and media', () => {
    expect(isHashedAsset('/srv/client/main-2UCFI4KK.js')).toBe(true);
    expect(isHashedAsset('/srv/client/chunk-KOLMNCEO.js')).toBe(true);
    expect(isHashedAsset('/srv/client/styles-SLD6Y2JD.css')).toBe(true);
    expect(isHashedAsset('/srv/client/media/logo-ABCD2345.svg')).toBe(true);
    expect(isHashedAsset('/srv/client/chunk-KOLMNCEO.js.br')).toBe(true);
    expect(isHashedAsset('/srv/client/main-2UCFI4KK.js.gz')).toBe(true);
  });

  it('leaves unhashed files to revalidation', () => {
    expect(isHashedAsset('/srv/client/index.html')).toBe(false);
    expect(isHashedAsset('/srv/client/favicon.svg')).toBe(false);
    expect(isHashedAsset('/srv/client/robots.txt')).toBe(false);
    expect(isHashedAsset('/srv/client/main.js')).toBe(false);
    expect(isHashedAsset('/srv/client/my-component.js')).toBe(false);
    expect(isHashedAsset('/srv/client/index.html.br')).toBe(false);
  });
});
