import type { ReactNode } from 'react';

import type { UplinkSourceKind } from '../../../../electron/contract';
import { useUplinksStore } from '../../stores/uplinks-store';

const sourceLabels: Record<UplinkSourceKind, string> = { ttn: 'TTN', 'dev-broker': 'Dev broker (simulated TTN)' };

const stateLabels = {
  connecting: 'connecting…',
  connected: 'connected',
  reconnecting: 'reconnecting',
  refused: 'refused',
} as const;

/**
 * Where the uplinks come from, and how each application's connection stands: the reason of a
 * retry or a refusal in words, so a wrong key or application id is plain to see.
 */
export function UplinkSourceBar(): ReactNode {
  const sources = useUplinksStore((s) => s.sources);
  const source = useUplinksStore((s) => s.source);
  const stream = useUplinksStore((s) => s.stream);
  const connections = useUplinksStore((s) => s.connections);
  const watch = useUplinksStore((s) => s.watch);

  if (sources.status === 'loading' || sources.status === 'idle') return <p className="state">Reading the sources…</p>;
  if (sources.status === 'failed') {
    return (
      <p className="state state-error" role="alert">
        {sources.message}
      </p>
    );
  }
  const { tenant, applications } = sources.data;
  const chosen = sources.data.sources.find((candidate) => candidate.kind === source);
  const unusable = sources.data.sources.filter((candidate) => candidate.problems.length > 0);
  return (
    <div className="uplink-sources">
      <div className="uplink-source-pick">
        <label>
          Source{' '}
          <select
            value={source ?? ''}
            onChange={(event) => watch(event.target.value as UplinkSourceKind)}
            disabled={sources.data.sources.length === 0}
          >
            {source === undefined && <option value="">Choose…</option>}
            {sources.data.sources.map((candidate) => (
              <option key={candidate.kind} value={candidate.kind} disabled={candidate.problems.length > 0}>
                {sourceLabels[candidate.kind]}
              </option>
            ))}
          </select>
        </label>
        {chosen && <code className="uplink-url">{chosen.url}</code>}
        {source && (
          <button type="button" onClick={() => watch(source)}>
            Reconnect
          </button>
        )}
      </div>
      {unusable.map((candidate) => (
        <p key={candidate.kind} className="uplink-source-problem" role="alert">
          {sourceLabels[candidate.kind]} cannot be watched: {candidate.problems.join('; ')}
        </p>
      ))}
      {stream.status === 'failed' && (
        <p className="uplink-source-problem" role="alert">
          The watch stopped: {stream.error.message}
        </p>
      )}
      {source && stream.status !== 'failed' && (
        <ul className="uplink-connections" aria-label="Connections">
          {applications.map(({ application, applicationId }) => {
            const connection = connections[application];
            const state = connection?.state ?? 'connecting';
            return (
              <li key={application} data-state={state}>
                <strong>
                  {applicationId}@{tenant}
                </strong>{' '}
                {stateLabels[state]}
                {connection?.message && <span className="uplink-connection-message">: {connection.message}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
