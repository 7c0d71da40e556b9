import { describe, expect, it } from 'vitest';

import { interpolate } from './interpolate';

const variables = { SET: 'value', EMPTY: '' };
const valueOf = (text: string) => interpolate(text, variables).value;
const problemsOf = (text: string) => interpolate(text, variables).problems;

describe('interpolate', () => {
  it('substitutes $VAR and ${VAR}', () => {
    expect(valueOf('a-$SET-${SET}-b')).toBe('a-value-value-b');
    expect(valueOf('${EMPTY}')).toBe('');
  });

  it('turns $$ into a literal dollar without looking further', () => {
    expect(valueOf('cost $$5 and $${SET}')).toBe('cost $5 and ${SET}');
    expect(problemsOf('$$NOT_SET')).toEqual([]);
  });

  it('uses the default of ${VAR:-default} when the variable is unset or empty', () => {
    expect(valueOf('${SET:-d}|${EMPTY:-d}|${UNSET:-d}')).toBe('value|d|d');
  });

  it('uses the default of ${VAR-default} only when the variable is unset', () => {
    expect(valueOf('${SET-d}|${EMPTY-d}|${UNSET-d}')).toBe('value||d');
  });

  it('expands references inside a default', () => {
    expect(valueOf('${UNSET:-${SET}/x}')).toBe('value/x');
    expect(problemsOf('${SET:-${ALSO_UNSET}}')).toEqual([]);
    expect(problemsOf('ab${UNSET:-${ALSO_UNSET}}')).toEqual([
      { offset: 11, variable: 'ALSO_UNSET', message: 'variable ALSO_UNSET is not set and has no default' },
    ]);
  });

  it('fails ${VAR:?err} when the variable is unset or empty, with the template’s reason', () => {
    expect(valueOf('${SET:?needed}')).toBe('value');
    expect(problemsOf('${EMPTY:?set the domain}')).toEqual([
      { offset: 0, variable: 'EMPTY', message: 'variable EMPTY is empty: set the domain' },
    ]);
    expect(problemsOf('x ${UNSET:?}')).toEqual([
      { offset: 2, variable: 'UNSET', message: 'variable UNSET is not set and is required' },
    ]);
  });

  it('fails ${VAR?err} only when the variable is unset', () => {
    expect(problemsOf('${EMPTY?reason}')).toEqual([]);
    expect(problemsOf('${UNSET?reason}')).toEqual([
      { offset: 0, variable: 'UNSET', message: 'variable UNSET is not set: reason' },
    ]);
  });

  it('replaces with ${VAR:+alt} and ${VAR+alt} when the variable is set', () => {
    expect(valueOf('${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}|${UNSET+alt}')).toBe('alt||alt|');
  });

  it('reports a reference without a default to an unset variable, unlike compose’s silent empty string', () => {
    expect(interpolate('$UNSET and ${UNSET}', variables)).toEqual({
      value: ' and ',
      problems: [
        { offset: 0, variable: 'UNSET', message: 'variable UNSET is not set and has no default' },
        { offset: 11, variable: 'UNSET', message: 'variable UNSET is not set and has no default' },
      ],
    });
  });

  it('reports malformed references', () => {
    expect(problemsOf('5$')).toEqual([{ offset: 1, message: 'invalid interpolation: write "$$" for a literal "$"' }]);
    expect(problemsOf('${SET')).toEqual([{ offset: 0, message: 'unterminated "${": missing "}"' }]);
    expect(problemsOf('${SET:x}')).toEqual([{ offset: 0, message: 'invalid interpolation "${SET:x}"' }]);
  });
});
