import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable, InjectionToken, isDevMode, signal } from '@angular/core';
import { LANGUAGES, type Language } from '@world-it/contracts';
import type { IntlMessageFormat } from 'intl-messageformat';

import { en, type TranslationKey } from './en';
import { compileMessage, isPlainText, messageArguments } from './icu';

export type Dictionary = Partial<Record<TranslationKey, string>>;
export type Dictionaries = Record<Language, Dictionary>;
export type TranslationParams = Record<string, string | number>;

/** The dictionaries at hand from the start; a token so tests can supply their own. */
export const I18N_DICTIONARIES = new InjectionToken<Partial<Dictionaries>>('I18N_DICTIONARIES', {
  providedIn: 'root',
  factory: () => ({ en }),
});

/**
 * How to fetch the other languages: their own chunks, so the first page of someone reading English
 * does not download (and parse) Ukrainian.
 */
export const I18N_LOADERS = new InjectionToken<Partial<Record<Language, () => Promise<Dictionary>>>>('I18N_LOADERS', {
  providedIn: 'root',
  factory: () => ({ uk: () => import('./uk').then((m) => m.uk) }),
});

export const LANGUAGE_STORAGE_KEY = 'wit.language';
export const FALLBACK_LANGUAGE: Language = 'en';

/**
 * A dictionary message parsed once; `text` is its output when it takes no arguments. Plain text
 * (most messages) has no formatter at all.
 */
interface CompiledMessage {
  readonly source: string;
  readonly format: IntlMessageFormat | null;
  readonly args: readonly string[];
  readonly text: string | null;
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly dictionaries: Partial<Dictionaries> = { ...inject(I18N_DICTIONARIES) };
  private readonly loaders = inject(I18N_LOADERS);
  private readonly loading = new Map<Language, Promise<void>>();
  private readonly document = inject(DOCUMENT);
  /** Parsed messages per language and key, made on first use; `null` when the key has no usable message. */
  private readonly cache = new Map<string, CompiledMessage | null>();
  /** True once a language was picked on this device (stored); the server's choice then never overrides it. */
  private chosenHere = false;
  /** The language asked for last: a slower load of an earlier choice must not override it. */
  private wanted: Language = this.initialLanguage();
  /** The initial language, until its dictionary is here (see `ready`). */
  private readonly language = signal<Language>(this.dictionaries[this.wanted] ? this.wanted : FALLBACK_LANGUAGE);

  /** The active language; read it in templates and computeds to re-render on a switch. */
  readonly lang = this.language.asReadonly();
  readonly languages = LANGUAGES;

  constructor() {
    effect(() => {
      this.document.documentElement.lang = this.language();
    });
  }

  /** Resolves once the initial language is usable; the app waits for it before its first render. */
  ready(): Promise<void> {
    return this.switchTo(this.wanted);
  }

  /** A language the person picked on this device: applied (once loaded) and remembered here. */
  use(lang: Language): void {
    if (!isLanguage(lang)) return;
    void this.switchTo(lang);
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
    void this.switchTo(lang);
  }

  toggle(): void {
    this.use(this.wanted === 'en' ? 'uk' : 'en');
  }

  /** Sets the language at once when its dictionary is here, else after loading it (English meanwhile). */
  private switchTo(lang: Language): Promise<void> {
    this.wanted = lang;
    if (this.dictionaries[lang]) {
      this.language.set(lang);
      return Promise.resolve();
    }
    return this.load(lang).then(() => {
      if (this.wanted === lang && this.dictionaries[lang]) this.language.set(lang);
    });
  }

  private load(lang: Language): Promise<void> {
    const loader = this.loaders[lang];
    if (!loader) return Promise.resolve();
    let pending = this.loading.get(lang);
    if (!pending) {
      pending = loader().then(
        (dictionary) => {
          this.dictionaries[lang] = dictionary;
        },
        (error: unknown) => {
          // Offline or a stale deployment: stay in the current language, and try again on the next switch.
          this.loading.delete(lang);
          report(`The ${lang} dictionary could not be loaded.`, error);
        },
      );
      this.loading.set(lang, pending);
    }
    return pending;
  }

  /**
   * Formats a key's ICU message (`{n, plural, one {# member} other {# members}}`) in the active
   * language, falling back to English and then to the key itself. Never throws into a template: an
   * argument the caller left out stays visible as `{name}` (a missing count shows as NaN in the
   * `other` form), and is reported in development.
   */
  t(key: TranslationKey, params?: TranslationParams): string {
    const lang = this.language();
    const message =
      this.compiled(lang, key) ?? (lang === FALLBACK_LANGUAGE ? null : this.compiled(FALLBACK_LANGUAGE, key));
    return message ? this.render(key, message, params) : key;
  }

  private compiled(lang: Language, key: TranslationKey): CompiledMessage | null {
    const id = `${lang}:${key}`;
    let message = this.cache.get(id);
    if (message === undefined) {
      message = this.compile(lang, key);
      this.cache.set(id, message);
    }
    return message;
  }

  private compile(lang: Language, key: TranslationKey): CompiledMessage | null {
    const source = this.dictionaries[lang]?.[key];
    if (source === undefined) return null;
    if (isPlainText(source)) return { source, format: null, args: [], text: source };
    try {
      const format = compileMessage(source, lang);
      const args = [...messageArguments(format.getAst()).keys()];
      return { source, format, args, text: args.length === 0 ? formatted(format, {}) : null };
    } catch (error) {
      report(`The ${lang} message for "${key}" is not valid ICU; using the fallback.`, error);
      return null;
    }
  }

  private render(key: TranslationKey, message: CompiledMessage, params: TranslationParams = {}): string {
    if (message.text !== null || !message.format) return message.text ?? message.source;
    const missing = message.args.filter((name) => !Object.prototype.hasOwnProperty.call(params, name));
    let values = params;
    if (missing.length > 0) {
      report(`"${key}" was formatted without ${missing.map((name) => `{${name}}`).join(', ')}.`);
      values = { ...params, ...Object.fromEntries(missing.map((name) => [name, `{${name}}`])) };
    }
    try {
      return formatted(message.format, values);
    } catch (error) {
      report(`"${key}" could not be formatted with ${JSON.stringify(params)}.`, error);
      return message.source;
    }
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

function formatted(format: IntlMessageFormat, values: TranslationParams): string {
  const out = format.format<string>(values);
  return typeof out === 'string' ? out : out.join('');
}

/** A broken message or call is a bug in our code, not the reader's problem: say so in development only. */
function report(problem: string, error?: unknown): void {
  if (isDevMode()) console.warn(`[i18n] ${problem}`, ...(error === undefined ? [] : [error]));
}
