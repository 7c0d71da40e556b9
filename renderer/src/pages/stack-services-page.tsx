import type { ReactNode } from 'react';

import { EnvironmentPicker } from '../components/environment-picker';
import { ConnectionBanner } from '../components/stack-services/connection-banner';
import { NodesStrip } from '../components/stack-services/nodes-strip';
import { ServicesTable } from '../components/stack-services/services-table';
import { SpecPanel } from '../components/stack-services/spec-panel';
import { useWatchedEnvironment } from '../stores/use-selected-environment';
import { useServicesStore } from '../stores/stack-services-store';

/** The stack's services, tasks and nodes, live from the engine's events. */
export function ServicesPage(): ReactNode {
  const open = useServicesStore((s) => s.open);
  const close = useServicesStore((s) => s.close);
  const reload = useServicesStore((s) => s.reload);
  const watch = useServicesStore((s) => s.watch);
  const stack = useServicesStore((s) => s.stack);
  const services = useServicesStore((s) => s.services);
  const nodes = useServicesStore((s) => s.nodes);
  const actionError = useServicesStore((s) => s.actionError);
  const dismissError = useServicesStore((s) => s.dismissError);

  const environment = useWatchedEnvironment(open, close);

  return (
    <section className="services-page" aria-labelledby="services-title">
      <h1 id="services-title">Services</h1>
      <EnvironmentPicker />
      {!environment ? (
        <p className="state">Choose an environment to see the services of its stack.</p>
      ) : (
        <div className="services-layout">
          <div className="services-main">
            <ConnectionBanner watch={watch} onRetry={reload} />
            {actionError && (
              <div className="banner banner-error" role="alert">
                <p>{actionError}</p>
                <button type="button" onClick={dismissError}>
                  Dismiss
                </button>
              </div>
            )}
            {watch.status === 'connecting' ? (
              <p className="state" role="status">
                Connecting to the engine of {environment}…
              </p>
            ) : (
              <>
                {nodes.length > 0 && <NodesStrip nodes={nodes} />}
                {stack !== undefined && services.length === 0 ? (
                  <p className="state">
                    The stack <code>{stack}</code> has no services: deploy it on the Deploy screen.
                  </p>
                ) : (
                  stack !== undefined && <ServicesTable services={services} stack={stack} />
                )}
              </>
            )}
          </div>
          <SpecPanel />
        </div>
      )}
    </section>
  );
}
