import type { ReactNode } from 'react';

import type { RecoverySource } from '../../../../electron/contract';
import { useRecoveryStore } from '../../stores/recovery-store';

const retentions = [
  { hours: 24, label: '24 hours (The Things Network, community)' },
  { hours: 24 * 30, label: '30 days (The Things Stack Cloud)' },
];

/** Step 1: which forwarder's TTN application, and how far back TTN keeps its uplinks. */
export function RecoverySourceStep({ source }: { source: RecoverySource }): ReactNode {
  const applicationId = useRecoveryStore((s) => s.applicationId);
  const retentionHours = useRecoveryStore((s) => s.retentionHours);
  const runs = useRecoveryStore((s) => s.runs);
  const choose = useRecoveryStore((s) => s.chooseApplication);
  const setRetention = useRecoveryStore((s) => s.setRetentionHours);
  const findGaps = useRecoveryStore((s) => s.findGaps);
  const resume = useRecoveryStore((s) => s.resume);
  const unfinished = runs.filter((run) => run.stage === 'fetched' || run.stage === 'importing');

  return (
    <div className="recovery-step">
      {source.problems.map((problem) => (
        <div key={problem} className="banner banner-warning" role="alert">
          {problem}
        </div>
      ))}
      <p className="recovery-lead">
        Samples a forwarder missed while it was cut off from TTN can be fetched back from the application&apos;s Storage
        Integration at <code>{source.storageUrl}</code>, as long as TTN still keeps them.
      </p>
      <div className="recovery-form">
        <label>
          Forwarder (TTN application)
          <select value={applicationId ?? ''} onChange={(event) => choose(event.target.value)}>
            {source.applications.map((application) => (
              <option key={application.applicationId} value={application.applicationId}>
                {application.applicationId} ({application.protocol === 'ELSYSERS' ? 'ERS CO2' : 'Clairchen'})
              </option>
            ))}
          </select>
        </label>
        <label>
          TTN keeps uplinks for
          <select value={retentionHours} onChange={(event) => setRetention(Number(event.target.value))}>
            {retentions.map((retention) => (
              <option key={retention.hours} value={retention.hours}>
                {retention.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={!applicationId} onClick={() => void findGaps()}>
          Find gaps
        </button>
      </div>
      {unfinished.length > 0 && (
        <section className="recovery-runs" aria-label="Unfinished recoveries">
          <h3>Unfinished recoveries</h3>
          <ul>
            {unfinished.map((run) => (
              <li key={run.runId}>
                {run.applicationId}, started {run.createdAt.slice(0, 16).replace('T', ' ')} UTC:{' '}
                {run.done.toLocaleString('en')} of {run.total.toLocaleString('en')} samples imported{' '}
                <button type="button" onClick={() => resume(run.runId)}>
                  Resume import
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
