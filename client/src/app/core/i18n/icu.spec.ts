import { compileMessage, isPlainText } from './icu';

describe('icu', () => {
  it('tells plain text (no formatter needed) from ICU syntax', () => {
    expect(isPlainText('Sign in to World IT')).toBe(true);
    expect(isPlainText('Page 1 of #2 <b>')).toBe(true);
    expect(isPlainText('Attempts left: {n}.')).toBe(false);
    expect(isPlainText('{n, plural, one {# member} other {# members}}')).toBe(false);
    // A quote is ICU's escape character: such messages go through the formatter, which unescapes them.
    expect(isPlainText("Don''t miss '{this}'")).toBe(false);
    expect(compileMessage("Don''t miss '{this}'", 'en').format()).toBe("Don't miss {this}");
  });

  it('messages share their Intl formatters: plurals in both languages still pick their own forms', () => {
    const en = compileMessage('{n, plural, one {# member} other {# members}}', 'en');
    const uk = compileMessage('{n, plural, one {# учасник} few {# учасники} other {# учасників}}', 'uk');
    expect([1, 2, 5].map((n) => en.format({ n }))).toEqual(['1 member', '2 members', '5 members']);
    expect([1, 2, 5, 21].map((n) => uk.format({ n }))).toEqual([
      '1 учасник',
      '2 учасники',
      '5 учасників',
      '21 учасник',
    ]);
  });
});
