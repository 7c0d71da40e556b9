import type { ReactNode } from 'react';

import type { EnvironmentProblem } from '../../../../electron/contract';

/** Problems across the env file and the compose templates, each at its file:line so it can be found. */
export function FileProblems({ problems }: { problems: readonly EnvironmentProblem[] }): ReactNode {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-label="Problems" data-testid="deploy-problems">
      {problems.map((problem, index) => (
        <li key={index} className={`problem problem-${problem.severity}`}>
          <code className="problem-place">
            {[problem.file, problem.line, problem.column].filter(Boolean).join(':')}
          </code>{' '}
          {problem.severity === 'warning' ? 'Warning: ' : ''}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}
