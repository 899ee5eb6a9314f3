import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { LANGUAGES, type Language } from '@world-it/contracts';

import { en, type TranslationKey } from './en';
import { uk } from './uk';

export type Dictionaries = Record<Language, Partial<Record<TranslationKey, string>>>;
export type TranslationParams = Record<string, string | number>;

/** The dictionaries per language; a token so tests can supply their own. */
export const I18N_DICTIONARIES = new InjectionToken<Dictionaries>('I18N_DICTIONARIES', {
  providedIn: 'root',
  factory: () => ({ en, uk }),
});

export const LANGUAGE_STORAGE_KEY = 'wit.language';
export const FALLBACK_LANGUAGE: Language = 'en';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly dictionaries = inject(I18N_DICTIONARIES);
  private readonly document = inject(DOCUMENT);
  /** True once a language was picked on this device (stored); the server's choice then never overrides it. */
  private chosenHere = false;
  private readonly language = signal<Language>(this.initialLanguage());

  /** The active language; read it in templates and computeds to re-render on a switch. */
  readonly lang = this.language.asReadonly();
  readonly languages = LANGUAGES;

  constructor() {
    effect(() => {
      this.document.documentElement.lang = this.language();
    });
  }

  /** A language the person picked on this device: applied and remembered here. */
  use(lang: Language): void {
    if (!isLanguage(lang)) return;
    this.language.set(lang);
    this.chosenHere = true;
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this tab only.
    }
  }

  /**
   * The account's saved language, applied when a session starts — unless a language was picked on
   * this device, which wins. Not stored: it follows the account, not the device.
   */
  adopt(lang: Language | null | undefined): void {
    if (this.chosenHere || !isLanguage(lang)) return;
    this.language.set(lang);
  }

  toggle(): void {
    this.use(this.language() === 'en' ? 'uk' : 'en');
  }

  /** Translates a key in the active language, falling back to English and then to the key itself. */
  t(key: TranslationKey, params?: TranslationParams): string {
    const lang = this.language();
    const template = this.dictionaries[lang]?.[key] ?? this.dictionaries[FALLBACK_LANGUAGE]?.[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match,
    );
  }

  private initialLanguage(): Language {
    try {
      const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
      if (isLanguage(stored)) {
        this.chosenHere = true;
        return stored;
      }
    } catch {
      // fall through to the browser's preference
    }
    const preferred = this.document.defaultView?.navigator.language?.slice(0, 2).toLowerCase();
    return isLanguage(preferred) ? preferred : FALLBACK_LANGUAGE;
  }
}
