import type { ReactNode } from 'react';

import type { EnvironmentProblem } from '../../../../electron/contract';

/** The env file's problems, each with its line, errors and warnings in their colours. */
export function ProblemList({ problems }: { problems: readonly EnvironmentProblem[] }): ReactNode {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-label="Problems">
      {problems.map((problem, index) => (
        <li key={index} className={`problem problem-${problem.severity}`}>
          <span className="problem-place">{problem.line !== undefined ? `line ${problem.line}` : 'file'}</span>{' '}
          {problem.severity === 'warning' ? 'Warning: ' : ''}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}
