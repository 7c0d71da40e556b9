import type { ReactNode } from 'react';

import { EnvironmentPicker } from '../components/environment-picker';
import { UplinkDetail } from '../components/uplinks/uplink-detail';
import { UplinkFilters } from '../components/uplinks/uplink-filters';
import { UplinkSave } from '../components/uplinks/uplink-save';
import { UplinkSourceBar } from '../components/uplinks/uplink-source-bar';
import { UplinkTable } from '../components/uplinks/uplink-table';
import { useUplinksStore } from '../stores/uplinks-store';
import { useWatchedEnvironment } from '../stores/use-selected-environment';

/**
 * The environment's TTN uplinks as they arrive, decoded by the forwarders' own code: what TTN's
 * Console shows as live data, with filters, a long history and saving as a capture or fixture.
 */
export function UplinksPage(): ReactNode {
  const open = useUplinksStore((s) => s.open);
  const close = useUplinksStore((s) => s.close);
  const stream = useUplinksStore((s) => s.stream);
  // A boolean, not the count: the page re-renders when the first row arrives, not at every batch.
  const empty = useUplinksStore((s) => s.buffer.received === 0);
  const connected = useUplinksStore((s) => Object.values(s.connections).some((c) => c.state === 'connected'));
  const allRefused = useUplinksStore((s) => {
    const connections = Object.values(s.connections);
    return connections.length > 0 && connections.every((c) => c.state === 'refused');
  });

  const environment = useWatchedEnvironment(open, close);

  return (
    <section className="uplinks-page">
      <h1>Live uplinks</h1>
      <EnvironmentPicker />
      {!environment ? (
        <p className="state">Choose an environment to watch the uplinks of its TTN applications.</p>
      ) : (
        <>
          <UplinkSourceBar />
          <UplinkFilters />
          {empty && stream.status === 'watching' && connected && (
            <p className="state">Waiting for the first uplink… sensors send every few minutes.</p>
          )}
          {allRefused && (
            <p className="state">
              No application could log in: fix the API key files or application ids in the environment, then Reconnect.
            </p>
          )}
          <UplinkTable />
          <UplinkDetail />
          <UplinkSave />
        </>
      )}
    </section>
  );
}
