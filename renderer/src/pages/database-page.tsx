import { type ReactNode, useEffect, useMemo } from 'react';

import { ConnectionBar } from '../components/database/connection-bar';
import { SchemaTree } from '../components/database/schema-tree';
import { SourcePicker } from '../components/database/source-picker';
import { StagedEditsPanel } from '../components/database/staged-edits-panel';
import { TableView } from '../components/database/table-view';
import { EnvironmentPicker } from '../components/environment-picker';
import { SqlPanel } from '../components/sql/sql-panel';
import { useDatabaseStore } from '../stores/database-store';
import { sourceName } from '../stores/database-source';
import { useSavedConnectionsStore } from '../stores/saved-connections-store';
import { useSelectionStore } from '../stores/selection-store';
import { useSqlStore } from '../stores/sql-store';

/**
 * The tabs of the main area besides the table tabs. The SQL editor adds its tab here:
 * `{ id: 'sql', label: 'SQL', view: () => <SqlEditor /> }`.
 */
const extraTabs: { id: string; label: string; view: () => ReactNode }[] = [
  { id: 'sql', label: 'SQL', view: () => <SqlPanel /> },
];

/**
 * The environment's database (or a saved connection's): a lazy tree on the left, tables (and the
 * SQL editor) in tabs.
 */
export function DatabasePage(): ReactNode {
  const open = useDatabaseStore((s) => s.open);
  const environment = useSelectionStore((s) => s.environment);
  const chosen = useSavedConnectionsStore((s) => s.chosen);
  const source = useMemo(
    () => (chosen ? { connection: chosen } : environment ? { environment } : undefined),
    [chosen, environment],
  );
  const openSql = useSqlStore((s) => s.open);
  useEffect(() => {
    if (!source) return;
    // The SQL tab and a table's export work on the same database as the tree.
    openSql(source);
    return open(source);
  }, [source, open, openSql]);
  const connection = useDatabaseStore((s) => s.connection);
  const tabs = useDatabaseStore((s) => s.tabs);
  const activeTab = useDatabaseStore((s) => s.activeTab);
  const details = useDatabaseStore((s) => s.details);
  const activate = useDatabaseStore((s) => s.activate);
  const active = tabs.find((tab) => tab.id === activeTab);
  const extra = extraTabs.find((tab) => tab.id === activeTab);
  const activeDetails = active && details[`${active.schema}.${active.relation}`];

  return (
    <section className="database-page" aria-labelledby="database-title">
      <h1 id="database-title">Database</h1>
      <EnvironmentPicker />
      <SourcePicker environment={environment} />
      {!source ? (
        <p className="state">Choose an environment, or a saved connection, to browse its database.</p>
      ) : connection.status === 'failed' ? (
        <div className="state state-error" role="alert">
          <p>Could not connect: {connection.message}</p>
          <button type="button" onClick={() => open(source)}>
            Try again
          </button>
        </div>
      ) : connection.status !== 'ready' ? (
        <p className="state" role="status">
          Connecting to the database of {sourceName(source)}…
        </p>
      ) : (
        <>
          <ConnectionBar status={connection.data} />
          <div className="db-layout">
            <SchemaTree />
            <div className="db-main">
              <div className="db-tabs" role="tablist">
                {tabs.map((tab) => (
                  <Tab
                    key={tab.id}
                    id={tab.id}
                    active={activeTab}
                    onActivate={activate}
                    title={tab.id}
                    closes={tab.relation}
                  >
                    {tab.relation}
                    {tab.filters.length > 0 ? ' (filtered)' : ''}
                  </Tab>
                ))}
                {extraTabs.map((tab) => (
                  <Tab key={tab.id} id={tab.id} active={activeTab} onActivate={activate}>
                    {tab.label}
                  </Tab>
                ))}
              </div>
              {active ? (
                <TableView
                  key={active.id}
                  tab={active}
                  details={activeDetails?.status === 'ready' ? activeDetails.data : undefined}
                />
              ) : extra ? (
                extra.view()
              ) : (
                <p className="state">Open a table from the tree on the left.</p>
              )}
              <StagedEditsPanel />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/** A tab of the main area: a table's, which `closes` (named so on its close button), or the SQL editor's. */
function Tab({
  id,
  active,
  onActivate,
  title,
  closes,
  children,
}: {
  id: string;
  active: string | undefined;
  onActivate: (id: string) => void;
  title?: string;
  closes?: string;
  children: ReactNode;
}): ReactNode {
  const closeTab = useDatabaseStore((s) => s.closeTab);
  return (
    <span className={id === active ? 'db-tab active' : 'db-tab'}>
      <button type="button" role="tab" aria-selected={id === active} title={title} onClick={() => onActivate(id)}>
        {children}
      </button>
      {closes !== undefined && (
        <button type="button" aria-label={`Close ${closes}`} onClick={() => closeTab(id)}>
          ×
        </button>
      )}
    </span>
  );
}
