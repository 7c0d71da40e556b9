/**
 * The compose specification's interpolation of one string: `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+replacement}`, `${VAR+replacement}`
 * and `$$` for a literal dollar. Defaults and replacements may themselves contain references.
 *
 * One deliberate difference from docker compose: a reference without a default to a variable the
 * environment does not set is an error, not an empty string with a warning, because a deploy
 * built on a silently empty value is worse than no deploy.
 */

export type Variables = Readonly<Record<string, string | undefined>>;

export interface InterpolationProblem {
  /** Offset of the `$` that starts the reference, within the interpolated string. */
  offset: number;
  /** The variable concerned; absent for malformed syntax. */
  variable?: string;
  message: string;
}

export interface Interpolated {
  value: string;
  problems: InterpolationProblem[];
}

const namePattern = /^[_a-zA-Z][_a-zA-Z0-9]*/;

export function interpolate(text: string, variables: Variables): Interpolated {
  const problems: InterpolationProblem[] = [];
  let value = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      value += text.slice(i);
      break;
    }
    value += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      value += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = matchingBrace(text, dollar + 2);
      if (close < 0) {
        problems.push({ offset: dollar, message: 'unterminated "${": missing "}"' });
        break;
      }
      value += expandBraced(text.slice(dollar + 2, close), dollar, variables, problems);
      i = close + 1;
    } else {
      const name = namePattern.exec(text.slice(dollar + 1))?.[0];
      if (!name) {
        problems.push({ offset: dollar, message: 'invalid interpolation: write "$$" for a literal "$"' });
        i = dollar + 1;
        continue;
      }
      value += lookUp(name, dollar, variables, problems);
      i = dollar + 1 + name.length;
    }
  }
  return { value, problems };
}

/** Index of the `}` closing a `${` whose body starts at `start`, or -1. */
function matchingBrace(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

const operators = [':-', ':?', ':+', '-', '?', '+'] as const;

function expandBraced(body: string, offset: number, variables: Variables, problems: InterpolationProblem[]): string {
  const name = namePattern.exec(body)?.[0];
  const rest = body.slice(name?.length ?? 0);
  const operator = operators.find((candidate) => rest.startsWith(candidate));
  if (!name || (rest !== '' && !operator)) {
    problems.push({ offset, message: `invalid interpolation "\${${body}}"` });
    return '';
  }
  if (!operator) return lookUp(name, offset, variables, problems);

  const operandOffset = offset + 2 + name.length + operator.length;
  const expandOperand = (): string => {
    const nested = interpolate(rest.slice(operator.length), variables);
    problems.push(...nested.problems.map((problem) => ({ ...problem, offset: problem.offset + operandOffset })));
    return nested.value;
  };
  const current = variables[name];
  const emptyCounts = operator.startsWith(':');
  const isSet = current !== undefined && !(emptyCounts && current === '');
  switch (operator) {
    case ':-':
    case '-':
      return isSet ? current : expandOperand();
    case ':+':
    case '+':
      return isSet ? expandOperand() : '';
    case ':?':
    case '?': {
      if (isSet) return current;
      const reason = expandOperand();
      const state = current === undefined ? 'not set' : 'empty';
      problems.push({
        offset,
        variable: name,
        message: `variable ${name} is ${state}${reason ? `: ${reason}` : ' and is required'}`,
      });
      return '';
    }
  }
}

function lookUp(name: string, offset: number, variables: Variables, problems: InterpolationProblem[]): string {
  const current = variables[name];
  if (current === undefined) {
    problems.push({ offset, variable: name, message: `variable ${name} is not set and has no default` });
    return '';
  }
  return current;
}
