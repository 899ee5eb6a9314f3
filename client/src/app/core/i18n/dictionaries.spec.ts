import type { Language } from '@world-it/contracts';
import { LANGUAGES } from '@world-it/contracts';

import { en } from './en';
import { compileMessage, messageArguments, pluralBranches } from './icu';
import { uk } from './uk';

/**
 * The dictionaries as the app ships them. The types already tie uk to en's keys, but a cast, an
 * `as const` slip or a stale merge can get past them; these checks run on the real objects.
 */
const dictionaries: Record<Language, Record<string, string>> = { en, uk };

/** The plural categories each language's rules produce for whole and fractional counts (CLDR). */
const PLURAL_FORMS: Record<Language, string[]> = {
  en: ['one', 'other'],
  uk: ['one', 'few', 'many', 'other'],
};

/** Counts that reach every category above in both languages. */
const COUNTS = [0, 1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1.5];

function keysOf(lang: Language): string[] {
  return Object.keys(dictionaries[lang]).sort();
}

const messages = LANGUAGES.flatMap((lang) =>
  Object.entries(dictionaries[lang]).map(([key, source]) => ({ lang, key, source })),
);

/** Runs a check on each message and collects what it reports, so a failure names every bad key at once. */
function problems(check: (m: (typeof messages)[number]) => string | null | undefined): string[] {
  return messages.flatMap((m) => {
    try {
      const problem = check(m);
      return problem ? [`${m.lang} ${m.key}: ${problem}`] : [];
    } catch (error) {
      return [`${m.lang} ${m.key}: ${error instanceof Error ? error.message : String(error)}`];
    }
  });
}

describe('translation dictionaries', () => {
  it('cover every language the app offers, with the plural categories of its rules', () => {
    expect(Object.keys(dictionaries).sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) {
      expect([...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort()).toEqual(
        [...PLURAL_FORMS[lang]].sort(),
      );
    }
  });

  it.each(LANGUAGES.filter((lang) => lang !== 'en'))(
    '%s has exactly the English keys, none missing or extra',
    (lang) => {
      const reference = new Set(keysOf('en'));
      const own = new Set(keysOf(lang));
      expect({
        missing: [...reference].filter((k) => !own.has(k)),
        extra: [...own].filter((k) => !reference.has(k)),
      }).toEqual({ missing: [], extra: [] });
    },
  );

  it('has no empty message', () => {
    expect(problems(({ source }) => (source.trim() === '' ? 'empty' : null))).toEqual([]);
  });

  it('every message parses as ICU MessageFormat', () => {
    expect(problems(({ lang, source }) => void compileMessage(source, lang))).toEqual([]);
  });

  it('every key takes the same arguments, used the same way, in every language', () => {
    const usage = (lang: Language, key: string) =>
      JSON.stringify(
        [...messageArguments(compileMessage(dictionaries[lang][key] ?? '', lang).getAst())].sort(([a], [b]) =>
          a.localeCompare(b),
        ),
      );
    expect(
      problems(({ lang, key }) => {
        const own = usage(lang, key);
        const reference = usage('en', key);
        return own === reference ? null : `arguments ${own}, English has ${reference}`;
      }),
    ).toEqual([]);
  });

  it("every plural gives exactly the plural categories of its language's rules", () => {
    expect(
      problems(({ lang, source }) => {
        const wrong = pluralBranches(compileMessage(source, lang).getAst())
          .map(([arg, branches]) => [arg, branches.filter((b) => !b.startsWith('=')).sort()] as const)
          .filter(([, categories]) => categories.join() !== [...PLURAL_FORMS[lang]].sort().join());
        return wrong.map(([arg, categories]) => `{${arg}} has ${categories.join('/')}`).join('; ');
      }),
    ).toEqual([]);
  });

  it('every message formats to its own text (no ICU quoting or stray syntax)', () => {
    expect(
      problems(({ lang, source }) => {
        const format = compileMessage(source, lang);
        const args = messageArguments(format.getAst());
        if ([...args.values()].every((kind) => kind === 'text')) {
          // Without plurals the output must be the source with each {name} filled in: an apostrophe
          // that ICU took as a quote, or a literal brace, shows up as a difference here.
          const values = Object.fromEntries([...args.keys()].map((name) => [name, `<${name}>`]));
          const out = format.format<string>(values);
          const expected = source.replace(/\{(\w+)\}/g, '<$1>');
          return out === expected ? null : `formats to "${String(out)}", expected "${expected}"`;
        }
        for (const n of COUNTS) {
          const values = Object.fromEntries(
            [...args].map(([name, kind]) => [name, kind === 'plural' ? n : `<${name}>`]),
          );
          const out = String(format.format<string>(values));
          // A branch with # shows the count, and nothing of the ICU syntax leaks into the text.
          if (source.includes('#') && !out.includes(new Intl.NumberFormat(lang).format(n))) {
            return `for ${n} formats to "${out}" without the count`;
          }
          if (/[{}#]/.test(out)) return `for ${n} formats to "${out}"`;
        }
        return null;
      }),
    ).toEqual([]);
  });
});
