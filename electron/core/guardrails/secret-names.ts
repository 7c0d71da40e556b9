const secretWords = new Set(['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'KEY', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS']);

/**
 * Whether an environment variable's value is a credential, judged by the words of its name
 * (DB_PASSWORD, TTN_API_KEY, but not KEYBOARD). Plans, specs and clairctl's output show such
 * values only as changed or masked, never as text.
 */
export function looksSecret(name: string): boolean {
  return name
    .toUpperCase()
    .split(/[_.-]/)
    .some((word) => secretWords.has(word));
}
