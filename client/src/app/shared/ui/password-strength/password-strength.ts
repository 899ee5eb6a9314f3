export type StrengthLevel = 'weak' | 'fair' | 'good' | 'strong';

/** A rough 0..4 score: length first, then variety of character classes, minus obvious repeats. */
export function passwordScore(password: string): number {
  if (!password) return 0;
  let score = 0;
  if (password.length >= 8) score++;
  if (password.length >= 12) score++;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes >= 2) score++;
  if (classes >= 3) score++;
  if (/^(.)\1+$/.test(password) || /^(?:0123|1234|2345|abcd|qwer|pass)/i.test(password)) score = Math.min(score, 1);
  return Math.min(score, 4);
}

export function strengthLevel(score: number): StrengthLevel {
  if (score <= 1) return 'weak';
  if (score === 2) return 'fair';
  if (score === 3) return 'good';
  return 'strong';
}
