import type { ReactNode } from 'react';

import type { RecoveryProblem } from '../../../../electron/contract';

const scopeLabel: Record<RecoveryProblem['scope'], string> = {
  request: 'Request',
  uplink: 'Uplink',
  device: 'Device',
};

/** What went wrong per request, uplink or device; everything else was recovered. */
export function RecoveryProblems({ problems }: { problems: RecoveryProblem[] }): ReactNode {
  if (problems.length === 0) return null;
  return (
    <section className="recovery-problems" aria-label="Problems">
      <h3>{problems.length === 1 ? '1 problem' : `${problems.length} problems`} (everything else is recovered)</h3>
      <ul>
        {problems.map((problem, index) => (
          <li key={index} data-testid="recovery-problem">
            <span className={`recovery-scope recovery-scope-${problem.scope}`}>{scopeLabel[problem.scope]}</span>{' '}
            <span className="recovery-subject">{problem.subject}</span>: {problem.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
