import { type ReactNode, useRef, useState } from 'react';

import { useSqlStore } from '../../stores/sql-store';
import { ExplainTree } from './explain-tree';
import { ExportDialog } from './export-dialog';
import { HistoryList } from './history-list';
import { SqlEditor, type SqlEditorHandle } from './sql-editor';
import { SqlResults } from './sql-results';

const views = [
  { id: 'result', label: 'Result' },
  { id: 'plan', label: 'Plan' },
  { id: 'history', label: 'History' },
] as const;

/** The Database screen's SQL tab: the editor, its toolbar, and the result, plan or history below. */
export function SqlPanel(): ReactNode {
  const store = useSqlStore();
  const editor = useRef<SqlEditorHandle>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const running = store.run.status === 'running' || store.explain.status === 'running';
  const current = () => editor.current?.textToRun() ?? { sql: store.text, origin: { line: 1, column: 1 } };
  const sqlError =
    store.run.status === 'error' ? store.run.error : store.explain.status === 'error' ? store.explain.error : undefined;

  return (
    <div className="sql-panel">
      <SqlEditor ref={editor} text={store.text} onChange={store.setText} onRun={store.runSql} error={sqlError} />
      <div className="sql-toolbar" role="toolbar" aria-label="SQL">
        <button type="button" disabled={running} onClick={() => store.runSql(current())} title="Ctrl+Enter">
          Run
        </button>
        <button type="button" disabled={!running} onClick={store.cancel}>
          Cancel
        </button>
        <button type="button" disabled={running} onClick={() => store.explainSql(current(), false)}>
          Explain
        </button>
        <button type="button" disabled={running} onClick={() => store.explainSql(current(), true)}>
          Explain analyze
        </button>
        <button type="button" onClick={() => setExportOpen(!exportOpen)} aria-expanded={exportOpen}>
          Export…
        </button>
        <span className="sql-views" role="tablist" aria-label="Show">
          {views.map((view) => (
            <button
              key={view.id}
              type="button"
              role="tab"
              aria-selected={store.view === view.id}
              onClick={() => store.setView(view.id)}
            >
              {view.label}
            </button>
          ))}
        </span>
      </div>
      {exportOpen && <ExportDialog onClose={() => setExportOpen(false)} />}
      {store.view === 'result' && <SqlResults />}
      {store.view === 'plan' && <ExplainTree />}
      {store.view === 'history' && <HistoryList />}
    </div>
  );
}
