import { type ReactNode, useCallback, useEffect } from 'react';

import { ContextsTable } from '../components/environments/contexts-table';
import { EnvironmentsTable } from '../components/environments/environments-table';
import { LoadView } from '../shell/load-view';
import { useContextsStore } from '../stores/contexts-store';
import { useEnvironmentsStore } from '../stores/environments-store';

/**
 * Every environment file with its class, context, connection and problems, and the docker
 * contexts they name. Connections are checked once per refresh, never polled.
 */
export function EnvironmentsPage(): ReactNode {
  const environments = useEnvironmentsStore((s) => s.environments);
  const contexts = useContextsStore((s) => s.contexts);
  const connections = useContextsStore((s) => s.connections);

  const refresh = useCallback(async () => {
    await Promise.all([useEnvironmentsStore.getState().load(), useContextsStore.getState().load()]);
    const envs = useEnvironmentsStore.getState().environments;
    const ctxs = useContextsStore.getState().contexts;
    const named = envs.status === 'ready' ? envs.data.filter((e) => !e.isExample).map((e) => e.dockerContext) : [];
    const known = ctxs.status === 'ready' ? ctxs.data.map((c) => c.name) : [];
    await useContextsStore.getState().check([...named, ...known]);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  return (
    <section aria-labelledby="environments-title" className="environments-page">
      <header className="page-header">
        <h1 id="environments-title">Environments</h1>
        <button type="button" onClick={() => void refresh()}>
          Refresh
        </button>
      </header>
      <LoadView state={environments} what="the environments" onRetry={() => void refresh()}>
        {(list) =>
          list.length === 0 ? (
            <p className="state">
              No environments yet. Add an <code>.env</code> file to the <code>environments/</code> folder.
            </p>
          ) : (
            <EnvironmentsTable environments={list} connections={connections} />
          )
        }
      </LoadView>
      <h2>Docker contexts</h2>
      <LoadView state={contexts} what="the docker contexts" onRetry={() => void refresh()}>
        {(list) => <ContextsTable contexts={list} connections={connections} />}
      </LoadView>
    </section>
  );
}
