import type { ReactNode } from 'react';

import { type DeployRun, runProgress, type ServiceRun } from '../../stores/deploy-run';

const stateWords: Record<ServiceRun['state'], string> = {
  waiting: 'Waiting',
  converged: 'Running',
  failed: 'Failed',
  'rolling-back': 'Rolling back',
  'rolled-back': 'Rolled back',
  removed: 'Removed',
};

/** A deploy or rollback as it moves: an overall bar, one row per service, and the result once known. */
export function RunProgress({ run }: { run: DeployRun }): ReactNode {
  const { done, total } = runProgress(run);
  const title =
    run.kind === 'deploy' ? `Deploy to ${run.environment}` : `Rollback of ${run.environment} to revision ${run.target}`;
  return (
    <section className={`run run-${run.status}`} aria-label="Progress" data-testid="deploy-run">
      <h2>{title}</h2>
      <RunOutcome run={run} />
      <progress className="run-overall" max={Math.max(total, 1)} value={run.status === 'no-changes' ? 1 : done} />
      {run.services.length > 0 && (
        <table className="table run-services">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Tasks</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {run.services.map((service) => (
              <ServiceRow key={service.name} service={service} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RunOutcome({ run }: { run: DeployRun }): ReactNode {
  switch (run.status) {
    case 'starting':
      return <p role="status">Starting…</p>;
    case 'running':
      return <p role="status">Applying the plan and waiting for every service to run…</p>;
    case 'converged':
      return (
        <p role="status">
          Done in {seconds(run)}: every service runs. Recorded as revision {run.revision}.
        </p>
      );
    case 'no-changes':
      return <p role="status">Nothing to change. Recorded as revision {run.revision}.</p>;
    case 'failed':
      return (
        <p role="alert">
          Failed after {seconds(run)} (revision {run.revision}): {run.failures.length} service
          {run.failures.length === 1 ? '' : 's'} did not come up;{' '}
          {run.failures.every((failure) => failure.rolledBack)
            ? 'each went back to its previous spec'
            : 'see below what to fix'}
          . Fix the cause in the files, then deploy again, or roll back from the history.
        </p>
      );
    case 'error':
      return <p role="alert">Stopped: {run.error}</p>;
  }
}

function ServiceRow({ service }: { service: ServiceRun }): ReactNode {
  return (
    <tr className={`run-service run-service-${service.state}`}>
      <td>{service.key}</td>
      <td>
        <progress max={Math.max(service.desired, 1)} value={service.running} /> {service.running}/{service.desired}
      </td>
      <td>
        <span className="run-state">{stateWords[service.state]}</span>
        {service.settledAfterMs !== undefined && (
          <span className="plan-note"> after {Math.round(service.settledAfterMs / 1000)} s</span>
        )}
        {service.state === 'rolled-back' && service.rollbackOk === false && ' (the previous spec does not run either)'}
        {service.reason && <div className="run-reason">{service.reason}</div>}
        {service.logs.length > 0 && <pre className="run-logs">{service.logs.join('\n')}</pre>}
      </td>
    </tr>
  );
}

/** The run's duration, which other tools do not show: how long a deploy takes is worth knowing. */
function seconds(run: DeployRun): string {
  return `${Math.round(((run.endedAt ?? run.startedAt) - run.startedAt) / 1000)} s`;
}
