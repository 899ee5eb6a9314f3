import { FormControl } from '@angular/forms';

import { albumYear, albumYearMax, parseAlbumYear } from './album-year';

describe('album year', () => {
  const check = (value: string) => albumYear(new FormControl(value, { nonNullable: true }));

  it('may be left empty', () => {
    expect(check('')).toBeNull();
    expect(check('  ')).toBeNull();
    expect(parseAlbumYear(' ')).toBeNull();
  });

  it('takes whole years from 1900 to next year, as the server does', () => {
    expect(check('1900')).toBeNull();
    expect(check(String(albumYearMax()))).toBeNull();
    expect(check('1899')).toEqual({ yearInvalid: true });
    expect(check(String(albumYearMax() + 1))).toEqual({ yearInvalid: true });
    expect(check('20.5')).toEqual({ yearInvalid: true });
    expect(check('abcd')).toEqual({ yearInvalid: true });
    expect(parseAlbumYear(' 2024 ')).toBe(2024);
  });

  it('counts next year from the clock', () => {
    expect(albumYearMax(new Date(Date.UTC(2030, 5, 1)))).toBe(2031);
  });
});
