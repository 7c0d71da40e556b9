import { type ReactNode, useEffect } from 'react';

import { SecretsSettings } from '../components/secrets-settings';
import { LoadView } from '../shell/load-view';
import { useAppStore } from '../stores/app-store';

export function OverviewPage(): ReactNode {
  const info = useAppStore((s) => s.info);
  const loadInfo = useAppStore((s) => s.loadInfo);
  useEffect(() => void loadInfo(), [loadInfo]);

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <LoadView state={info} what="the control centre's status" onRetry={() => void loadInfo()}>
        {(data) => (
          <>
            <dl className="facts" data-testid="app-info">
              <dt>Version</dt>
              <dd>{data.version}</dd>
              <dt>Running as</dt>
              <dd>{data.shell === 'electron' ? 'Desktop window' : 'Browser (served by the local host)'}</dd>
              <dt>Platform</dt>
              <dd>{data.platform}</dd>
              <dt>Node.js</dt>
              <dd>{data.nodeVersion}</dd>
            </dl>
            {/* Only once the control centre answers: one error state, not one per section. */}
            <SecretsSettings />
          </>
        )}
      </LoadView>
    </section>
  );
}
