import { TestBed } from '@angular/core/testing';

import type { TranslationKey } from './en';
import { I18N_DICTIONARIES, I18N_LOADERS, I18nService, LANGUAGE_STORAGE_KEY } from './i18n.service';

describe('I18nService', () => {
  function setup(): I18nService {
    TestBed.configureTestingModule({
      providers: [
        {
          provide: I18N_DICTIONARIES,
          useValue: {
            en: { 'nav.feed': 'Feed', 'nav.chats': 'Chats', 'confirm.wrongCode': 'Wrong. Attempts left: {n}.' },
            // Ukrainian deliberately lacks 'nav.chats' to prove the English fallback.
            uk: { 'nav.feed': 'Стрічка', 'confirm.wrongCode': 'Неправильно. Залишилося спроб: {n}.' },
          },
        },
      ],
    });
    return TestBed.inject(I18nService);
  }

  beforeEach(() => localStorage.clear());
  afterEach(() => jest.restoreAllMocks());

  it('translates in the active language and switches at once', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const i18n = setup();
    expect(i18n.t('nav.feed')).toBe('Feed');

    i18n.use('uk');
    expect(i18n.lang()).toBe('uk');
    expect(i18n.t('nav.feed')).toBe('Стрічка');

    i18n.toggle();
    expect(i18n.t('nav.feed')).toBe('Feed');
  });

  it('falls back to English for a missing key, then to the key itself', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'uk');
    const i18n = setup();
    expect(i18n.t('nav.chats')).toBe('Chats');
    expect(i18n.t('nav.people' as TranslationKey)).toBe('nav.people');
  });

  it('fills {placeholders}; one left out stays visible and is reported, never thrown', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'uk');
    const i18n = setup();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(i18n.t('confirm.wrongCode', { n: 3 })).toBe('Неправильно. Залишилося спроб: 3.');
    expect(warn).not.toHaveBeenCalled();
    expect(i18n.t('confirm.wrongCode')).toBe('Неправильно. Залишилося спроб: {n}.');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"confirm.wrongCode" was formatted without {n}'));
  });

  it('falls back to English when a message is not valid ICU, then to the key', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'uk');
    TestBed.configureTestingModule({
      providers: [
        {
          provide: I18N_DICTIONARIES,
          useValue: {
            en: { 'chats.members': '{n, plural, one {# member} other {# members}}', 'nav.feed': 'Feed {' },
            uk: { 'chats.members': '{n, plural, one {# учасник} other {# учасника}', 'nav.feed': 'Стрічка {' },
          },
        },
      ],
    });
    const i18n = TestBed.inject(I18nService);
    expect(i18n.t('chats.members', { n: 2 })).toBe('2 members');
    expect(i18n.t('nav.feed')).toBe('nav.feed');
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('uk message for "chats.members" is not valid ICU'),
      expect.anything(),
    );
  });

  it('a plural whose count is left out still renders (its other form) instead of throwing', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const i18n = TestBed.inject(I18nService);
    expect(() => i18n.t('chats.members')).not.toThrow();
    expect(i18n.t('chats.members')).toBe('NaN members');
    expect(warn).toHaveBeenCalled();
  });

  it('remembers the choice and sets <html lang>', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const i18n = setup();
    i18n.use('uk');
    TestBed.tick();
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('uk');
    expect(document.documentElement.lang).toBe('uk');
  });

  it("adopts the account's language only when none was picked on this device", () => {
    const fresh = setup();
    fresh.adopt('uk');
    expect(fresh.lang()).toBe('uk');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
    fresh.use('en');
    fresh.adopt('uk');
    expect(fresh.lang()).toBe('en');
  });

  it('keeps a language picked earlier on this device over the account', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const i18n = setup();
    i18n.adopt('uk');
    expect(i18n.lang()).toBe('en');
  });

  it('ignores an unknown stored language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'xx');
    const i18n = setup();
    expect(['en', 'uk']).toContain(i18n.lang());
  });

  describe('a language loaded on demand', () => {
    function withLoader(load: () => Promise<Record<string, string>>): I18nService {
      TestBed.configureTestingModule({
        providers: [
          { provide: I18N_DICTIONARIES, useValue: { en: { 'nav.feed': 'Feed' } } },
          { provide: I18N_LOADERS, useValue: { uk: load } },
        ],
      });
      return TestBed.inject(I18nService);
    }

    it('shows English until Ukrainian has arrived, then switches', async () => {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
      let arrive!: (d: Record<string, string>) => void;
      const load = jest.fn(() => new Promise<Record<string, string>>((resolve) => (arrive = resolve)));
      const i18n = withLoader(load);
      i18n.use('uk');
      expect(i18n.lang()).toBe('en');
      expect(i18n.t('nav.feed')).toBe('Feed');
      arrive({ 'nav.feed': 'Стрічка' });
      await i18n.ready();
      expect(i18n.lang()).toBe('uk');
      expect(i18n.t('nav.feed')).toBe('Стрічка');
      i18n.toggle();
      i18n.toggle();
      expect(i18n.lang()).toBe('uk');
      expect(load).toHaveBeenCalledTimes(1);
    });

    it('starts in a stored Ukrainian once ready, and a later choice wins over a slow load', async () => {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, 'uk');
      let arrive!: (d: Record<string, string>) => void;
      const i18n = withLoader(() => new Promise((resolve) => (arrive = resolve)));
      const ready = i18n.ready();
      i18n.use('en');
      arrive({ 'nav.feed': 'Стрічка' });
      await ready;
      expect(i18n.lang()).toBe('en');
    });

    it('stays in English when the dictionary cannot be fetched, and tries again on the next switch', async () => {
      jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
      const load = jest
        .fn<Promise<Record<string, string>>, []>()
        .mockRejectedValueOnce(new Error('offline'))
        .mockResolvedValueOnce({ 'nav.feed': 'Стрічка' });
      const i18n = withLoader(load);
      i18n.use('uk');
      await i18n.ready();
      expect(i18n.lang()).toBe('en');
      i18n.use('uk');
      await i18n.ready();
      expect(i18n.lang()).toBe('uk');
    });
  });

  describe('plurals on the real dictionaries', () => {
    async function real(lang: 'en' | 'uk'): Promise<I18nService> {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
      const i18n = TestBed.inject(I18nService);
      await i18n.ready();
      return i18n;
    }

    it.each([
      [1, '1 учасник'],
      [2, '2 учасники'],
      [5, '5 учасників'],
      [11, '11 учасників'],
      [21, '21 учасник'],
      [22, '22 учасники'],
      [25, '25 учасників'],
      [0, '0 учасників'],
      [1.5, '1,5 учасника'],
      [1234, '1234 учасники'.replace('1234', new Intl.NumberFormat('uk').format(1234))],
    ])('Ukrainian: %p members → %p', async (n, expected) => {
      expect((await real('uk')).t('chats.members', { n })).toBe(expected);
    });

    it.each([
      [1, '1 member'],
      [2, '2 members'],
      [0, '0 members'],
      [1000, '1,000 members'],
    ])('English: %p members → %p', async (n, expected) => {
      expect((await real('en')).t('chats.members', { n })).toBe(expected);
    });

    it('Ukrainian verbs and nouns agree with the count in a sentence', async () => {
      const i18n = await real('uk');
      expect(i18n.t('confirm.wrongCode', { n: 1 })).toBe('Код неправильний. Залишилася 1 спроба.');
      expect(i18n.t('confirm.wrongCode', { n: 3 })).toBe('Код неправильний. Залишилося 3 спроби.');
      expect(i18n.t('confirm.wrongCode', { n: 5 })).toBe('Код неправильний. Залишилося 5 спроб.');
      expect(i18n.t('confirm.resendIn', { s: 21 })).toBe('Новий код можна надіслати через 21 секунду');
      expect(i18n.t('confirm.resendIn', { s: 44 })).toBe('Новий код можна надіслати через 44 секунди');
      expect(i18n.t('confirm.resendIn', { s: 59 })).toBe('Новий код можна надіслати через 59 секунд');
      expect(i18n.t('chats.room.newMessages', { n: 22 })).toBe('22 нові повідомлення');
    });

    it('switching language re-formats the same count', async () => {
      const i18n = await real('en');
      expect(i18n.t('confirm.wrongCode', { n: 1 })).toBe('That code is not right. 1 attempt left.');
      expect(i18n.t('validation.minLength', { n: 8 })).toBe('Use at least 8 characters.');
      i18n.use('uk');
      await i18n.ready();
      expect(i18n.t('validation.minLength', { n: 8 })).toBe('Щонайменше 8 символів.');
      expect(i18n.t('validation.minLength', { n: 1 })).toBe('Щонайменше 1 символ.');
    });
  });
});
