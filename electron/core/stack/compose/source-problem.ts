/**
 * A problem found in a file the user wrote (compose template, extension file, env file), placed
 * so that an editor can jump to it. Errors stop a deploy; warnings are shown and the deploy goes on.
 */
export interface SourceProblem {
  severity: 'error' | 'warning';
  /** Absolute path of the file. */
  file: string;
  /** 1-based, absent when the problem concerns the file as a whole. */
  line?: number;
  /** 1-based. */
  column?: number;
  message: string;
}

/** `file:line:column: message`, the form compilers use and terminals make clickable. */
export function formatProblem(problem: SourceProblem): string {
  const place = [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':');
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${place}: ${prefix}${problem.message}`;
}

export function hasErrors(problems: readonly SourceProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
