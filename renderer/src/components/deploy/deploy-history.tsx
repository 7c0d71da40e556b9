import type { ReactNode } from 'react';

import type { DeployRevision } from '../../../../electron/contract';

const resultWords: Record<DeployRevision['result'], string> = {
  converged: 'Converged',
  failed: 'Failed',
  'no-changes': 'No changes',
};

interface DeployHistoryProps {
  revisions: DeployRevision[];
  /** False while a run is going on: one change at a time. */
  canRollBack: boolean;
  onRollBack: (revision: number) => void;
}

/** The journal of the environment, newest first, each earlier revision one click from a rollback. */
export function DeployHistory({ revisions, canRollBack, onRollBack }: DeployHistoryProps): ReactNode {
  if (revisions.length === 0) {
    return <p className="state">No deploys from this machine yet: the first one appears here.</p>;
  }
  return (
    <table className="table deploy-history" data-testid="deploy-history">
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">When</th>
          <th scope="col">By</th>
          <th scope="col">Result</th>
          <th scope="col">Changes</th>
          <th scope="col" aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {revisions.map((revision, index) => (
          <tr key={revision.revision}>
            <td>{revision.revision}</td>
            <td>{new Date(revision.at).toLocaleString()}</td>
            <td>{revision.user}</td>
            <td>
              <span className={`result result-${revision.result}`}>{resultWords[revision.result]}</span>
              {revision.failures.map((failure) => (
                <div key={failure.service} className="run-reason">
                  {failure.service}: {failure.reason}
                  {failure.rolledBack ? ' (rolled back)' : ''}
                </div>
              ))}
            </td>
            <td>{changes(revision)}</td>
            <td>
              {index > 0 && (
                <button type="button" disabled={!canRollBack} onClick={() => onRollBack(revision.revision)}>
                  Roll back to {revision.revision}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function changes(revision: DeployRevision): string {
  const parts = [
    ['created', revision.created],
    ['updated', revision.updated],
    ['removed', revision.removed],
  ] as const;
  const said = parts.filter(([, keys]) => keys.length > 0).map(([verb, keys]) => `${verb} ${keys.join(', ')}`);
  return said.length > 0 ? said.join('; ') : '—';
}
