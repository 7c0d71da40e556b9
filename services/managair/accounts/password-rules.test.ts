import { describe, expect, it } from 'vitest';

import { passwordProblems } from './password-rules';

const account = { username: 'annaAngestellte', email: 'anna@angestellte.de' };

describe('password rules for new passwords', () => {
  it('accept a long, uncommon password unlike the account', () => {
    expect(passwordProblems('Lüftung-im-Klassenzimmer-7', account)).toEqual([]);
  });

  it.each([
    ['Abc-12', 'This password is too short. It must contain at least 8 characters.'],
    ['Passwort', 'This password is too common.'],
    ['QWERTZUIOP', 'This password is too common.'],
    ['9876543210987', 'This password is entirely numeric.'],
  ])('refuse %s', (password, problem) => {
    expect(passwordProblems(password, account)).toEqual([problem]);
  });

  it('refuse a password too similar to the username or to a word of the email address', () => {
    expect(passwordProblems('Angestellte1', account)).toEqual([
      'The password is too similar to the username.',
      'The password is too similar to the email address.',
    ]);
    expect(passwordProblems('hilfsarbeiter-horst', { username: 'horstHilfsarbeiter', email: 'h@x.de' })).toEqual([
      'The password is too similar to the username.',
    ]);
    expect(passwordProblems('Prueferin2024', { username: 'ingo', email: 'priska.prueferin@example.org' })).toEqual([
      'The password is too similar to the email address.',
    ]);
  });

  it('report every rule broken at once', () => {
    expect(passwordProblems('1234567', account)).toEqual([
      'This password is too short. It must contain at least 8 characters.',
      'This password is too common.',
      'This password is entirely numeric.',
    ]);
  });

  it('do not compare with an attribute ten times shorter than the password, as Django', () => {
    expect(passwordProblems('a-long-passphrase-with-x', { username: 'x', email: '' })).toEqual([]);
  });
});
