/**
 * The rules a new password must meet: Django's four validators as the original platform ran them
 * in production (original-clair.md §3.1), with Django's messages, so that an operator gets the
 * feedback they know.
 */
const minimumLength = 8;

/**
 * The most common passwords of public breach lists plus German favourites; a short stand-in for
 * Django's 20,000-entry list, compared case-insensitively as Django does.
 */
const commonPasswords = new Set([
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  '111111',
  '000000',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'qwerty',
  'qwertz',
  'qwertyuiop',
  'qwertzuiop',
  'abc123',
  'abcdefgh',
  'iloveyou',
  'letmein',
  'welcome',
  'welcome1',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'trustno1',
  'superman',
  'starwars',
  'master',
  'shadow',
  'michael',
  'jennifer',
  'computer',
  'internet',
  'whatever',
  'administrator',
  'changeme',
  'secret123',
  'passwort',
  'passwort1',
  'hallo123',
  'hallohallo',
  'schatz123',
  'fussball',
  'geheim123',
  'asdfghjkl',
  'asdfasdf',
  'zxcvbnm',
  '1q2w3e4r',
  '1qaz2wsx',
  'q1w2e3r4',
]);

/** Django's UserAttributeSimilarityValidator default: 70 % of characters in common is too similar. */
const maximumSimilarity = 0.7;

/** Length in characters, as Python counts them, not in UTF-16 units. */
const length = (text: string): number => [...text].length;

/** Python's difflib SequenceMatcher.quick_ratio: characters in common, as a share of both lengths. */
function quickRatio(a: string, b: string): number {
  const available = new Map<string, number>();
  for (const char of b) available.set(char, (available.get(char) ?? 0) + 1);
  let matches = 0;
  for (const char of a) {
    const left = available.get(char) ?? 0;
    if (left > 0) {
      available.set(char, left - 1);
      matches += 1;
    }
  }
  const total = length(a) + length(b);
  return total === 0 ? 1 : (2 * matches) / total;
}

/**
 * Django's exceeds_maximum_length_ratio: a password ten times longer than an attribute cannot be
 * "too similar" to it, whatever the characters in common.
 */
function tooLongToResemble(password: string, value: string): boolean {
  return length(password) >= 10 * length(value) && length(value) < (maximumSimilarity / 2) * length(password);
}

function tooSimilar(password: string, attribute: string): boolean {
  const value = attribute.toLowerCase();
  if (value === '' || tooLongToResemble(password, value)) return false;
  const lowered = password.toLowerCase();
  // Django compares the whole value and each of its words: "anna" in "anna@angestellte.de".
  const parts = [value, ...value.split(/\W+/u).filter(Boolean)];
  return parts.some((part) => quickRatio(lowered, part) >= maximumSimilarity);
}

export interface AccountAttributes {
  username: string;
  email: string;
}

/** Every rule `password` breaks, as Django words it; empty when the password may be used. */
export function passwordProblems(password: string, account: AccountAttributes): string[] {
  const problems: string[] = [];
  if (tooSimilar(password, account.username)) problems.push('The password is too similar to the username.');
  if (tooSimilar(password, account.email)) problems.push('The password is too similar to the email address.');
  if (length(password) < minimumLength) {
    problems.push(`This password is too short. It must contain at least ${minimumLength} characters.`);
  }
  if (commonPasswords.has(password.trim().toLowerCase())) problems.push('This password is too common.');
  if (/^\d+$/u.test(password)) problems.push('This password is entirely numeric.');
  return problems;
}
