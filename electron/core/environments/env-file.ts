import { parse } from 'dotenv';

import type { SourceProblem } from '../stack/compose/source-problem';

export interface EnvFile {
  /** The values exactly as dotenv reads them (no `${VAR}` expansion inside the env file). */
  variables: Record<string, string>;
  /** The 1-based line of each variable's (last) assignment, for messages. */
  lines: Record<string, number>;
  problems: SourceProblem[];
}

const assignment = /^\s*(?:export\s+)?(?<name>[\w.-]+)\s*=\s*(?<value>.*)$/;

/**
 * An env file with dotenv's semantics for the values, plus what dotenv does not say: on which line
 * each variable is set, and which lines it silently skipped (`DOCKER CONTEXT=x` would otherwise
 * vanish without a word). Problems never quote a value.
 */
export function parseEnvFile(file: string, text: string): EnvFile {
  const variables = parse(text);
  const lines: Record<string, number> = {};
  const problems: SourceProblem[] = [];
  const rows = text.split(/\r?\n/);

  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (row.trim() === '' || row.trimStart().startsWith('#')) continue;
    const match = assignment.exec(row);
    if (!match?.groups) {
      problems.push({
        severity: 'error',
        file,
        line: index + 1,
        column: 1,
        message: 'not a NAME=value assignment (dotenv would ignore this line)',
      });
      continue;
    }
    const { name, value } = match.groups as { name: string; value: string };
    if (name in lines) {
      problems.push({
        severity: 'warning',
        file,
        line: index + 1,
        column: 1,
        message: `${name} is set again (line ${lines[name]} is overridden)`,
      });
    }
    lines[name] = index + 1;
    index = lastLineOfValue(rows, index, value);
  }
  return { variables, lines, problems };
}

/** A quoted value may run over several lines; its continuation lines are not assignments. */
function lastLineOfValue(rows: readonly string[], index: number, value: string): number {
  const quote = value[0];
  if (quote !== '"' && quote !== "'" && quote !== '`') return index;
  if (value.slice(1).includes(quote)) return index;
  for (let next = index + 1; next < rows.length; next++) {
    if (rows[next]!.includes(quote)) return next;
  }
  return index;
}
