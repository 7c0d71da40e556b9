import type { ReactNode } from 'react';

import { LoadView } from '../../shell/load-view';
import { useServicesStore } from '../../stores/stack-services-store';

/** The service's spec as the swarm holds it, secret-like values masked, beside the table. */
export function SpecPanel(): ReactNode {
  const spec = useServicesStore((s) => s.spec);
  const inspect = useServicesStore((s) => s.inspect);
  const closeSpec = useServicesStore((s) => s.closeSpec);
  if (!spec) return null;
  return (
    <aside className="spec-panel" aria-label={`Spec of ${spec.service}`}>
      <header>
        <h2>{spec.service}</h2>
        <button type="button" onClick={closeSpec} aria-label="Close the spec">
          ✕
        </button>
      </header>
      <LoadView state={spec.state} what="the spec" onRetry={() => void inspect(spec.service)}>
        {(text) => <pre data-testid="service-spec">{text.text}</pre>}
      </LoadView>
    </aside>
  );
}
