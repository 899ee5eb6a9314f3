import { TestBed } from '@angular/core/testing';

import type { TranslationKey } from './en';
import { I18N_DICTIONARIES, I18nService, LANGUAGE_STORAGE_KEY } from './i18n.service';

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

  it('fills {placeholders} and leaves unknown ones visible', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'uk');
    const i18n = setup();
    expect(i18n.t('confirm.wrongCode', { n: 3 })).toBe('Неправильно. Залишилося спроб: 3.');
    expect(i18n.t('confirm.wrongCode')).toBe('Неправильно. Залишилося спроб: {n}.');
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
});
