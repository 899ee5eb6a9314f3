import { type Formatters, IntlMessageFormat } from 'intl-messageformat';

/** One node of a parsed ICU message (the parser's own element type, reached through intl-messageformat). */
export type MessageElement = ReturnType<IntlMessageFormat['getAst']>[number];

/** How a message uses one of its arguments. */
export type ArgumentKind = 'text' | 'plural' | 'select';

/**
 * Parses a dictionary message. Tags are off: we never put markup in messages, so a `<` stays a
 * literal instead of opening a rich-text element.
 */
export function compileMessage(source: string, lang: string): IntlMessageFormat {
  return new IntlMessageFormat(source, lang, undefined, { ignoreTag: true, formatters: sharedFormatters });
}

/**
 * True when a message has no ICU syntax at all (no braces, no quote): its text is the message
 * itself, so building a formatter for it would only cost start-up time. Most keys are like that.
 */
export function isPlainText(source: string): boolean {
  return !/[{}']/.test(source);
}

/**
 * One set of Intl formatters for every message, memoized by their arguments. By default each
 * IntlMessageFormat makes its own caches, so the same plural rules were built once per message.
 */
const sharedFormatters: Formatters = {
  getNumberFormat: memoized(
    (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  ),
  getDateTimeFormat: memoized(
    (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  ),
  getPluralRules: memoized((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args)),
};

function memoized<A extends unknown[], R>(make: (...args: A) => R): (...args: A) => R {
  const made = new Map<string, R>();
  return (...args: A): R => {
    const key = JSON.stringify(args);
    let value = made.get(key);
    if (value === undefined) {
      value = make(...args);
      made.set(key, value);
    }
    return value;
  };
}

/**
 * The arguments a message reads, with how it reads them, in order of first use. Walks the
 * structure only (`options`, `children`), so it stays independent of the parser's enum values.
 */
export function messageArguments(ast: readonly MessageElement[]): Map<string, ArgumentKind> {
  const found = new Map<string, ArgumentKind>();
  const walk = (elements: readonly MessageElement[]): void => {
    for (const el of elements) {
      if ('options' in el) {
        if (!found.has(el.value)) found.set(el.value, 'pluralType' in el ? 'plural' : 'select');
        for (const option of Object.values(el.options)) walk(option.value);
      } else if ('children' in el) {
        walk(el.children);
      } else if (isArgument(el) && !found.has(el.value)) {
        found.set(el.value, 'text');
      }
    }
  };
  walk(ast);
  return found;
}

/** Each plural in the message as its argument name and branch names (`one`, `few`, `=0`, …). */
export function pluralBranches(ast: readonly MessageElement[]): [string, string[]][] {
  const found: [string, string[]][] = [];
  const walk = (elements: readonly MessageElement[]): void => {
    for (const el of elements) {
      if ('options' in el) {
        if ('pluralType' in el) found.push([el.value, Object.keys(el.options)]);
        for (const option of Object.values(el.options)) walk(option.value);
      } else if ('children' in el) {
        walk(el.children);
      }
    }
  };
  walk(ast);
  return found;
}

/**
 * A `{name}` argument, or a typed one (`{n, number}`, dates, times). Literals and `#` are the
 * elements that are not arguments; a literal is told apart by the parser's own type tag 0.
 */
function isArgument(el: MessageElement): el is MessageElement & { value: string } {
  return 'value' in el && (el.type as number) !== LITERAL;
}

/** The parser's `TYPE.literal`; the enum itself is not exported by intl-messageformat. */
const LITERAL = 0;
