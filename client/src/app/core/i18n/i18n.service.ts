import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable, InjectionToken, isDevMode, signal } from '@angular/core';
import { LANGUAGES, type Language } from '@world-it/contracts';
import type { IntlMessageFormat } from 'intl-messageformat';

import { en, type TranslationKey } from './en';
import { compileMessage, messageArguments } from './icu';
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

/** A dictionary message parsed once; `text` is its output when it takes no arguments. */
interface CompiledMessage {
  readonly source: string;
  readonly format: IntlMessageFormat;
  readonly args: readonly string[];
  readonly text: string | null;
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly dictionaries = inject(I18N_DICTIONARIES);
  private readonly document = inject(DOCUMENT);
  /** Parsed messages per language and key, made on first use; `null` when the key has no usable message. */
  private readonly cache = new Map<string, CompiledMessage | null>();
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
    if (message.text !== null) return message.text;
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
