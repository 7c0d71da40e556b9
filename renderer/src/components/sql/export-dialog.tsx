import { type FormEvent, type ReactNode, useState } from 'react';

import { type ExportFormat, type ExportSource, exportFormats } from '../../../../electron/contract';
import { useSqlStore } from '../../stores/sql-store';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}

/** The source as the form holds it: the last query run, or a table named `schema.table`. */
function sourceOf(kind: 'query' | 'table', table: string, sql: string | undefined): ExportSource | string {
  if (kind === 'query') return sql ? { type: 'query', sql } : 'Run a query first: its result is what is exported';
  const match = /^([^.]+)\.(.+)$/.exec(table.trim());
  return match
    ? { type: 'table', schema: match[1] as string, table: match[2] as string }
    : 'Name the table as schema.table';
}

/**
 * Exports the last query's result or a whole table to CSV or JSON, with progress and cancel.
 * A table's tab opens it with its `table` (schema.table) chosen.
 */
export function ExportDialog({ table: initialTable, onClose }: { table?: string; onClose: () => void }): ReactNode {
  const exporting = useSqlStore((s) => s.exporting);
  const lastSql = useSqlStore((s) => s.lastRun?.sql);
  const exportData = useSqlStore((s) => s.exportData);
  const cancelExport = useSqlStore((s) => s.cancelExport);
  const [kind, setKind] = useState<'query' | 'table'>(initialTable ? 'table' : 'query');
  const [table, setTable] = useState(initialTable ?? '');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const source = sourceOf(kind, table, lastSql);
    if (typeof source === 'string') return setProblem(source);
    setProblem(undefined);
    exportData(source, format, path.trim());
  };

  return (
    <form className="sql-export" aria-label="Export" onSubmit={submit}>
      <fieldset>
        <legend>What</legend>
        <label>
          <input type="radio" name="export-source" checked={kind === 'query'} onChange={() => setKind('query')} /> The
          last query&apos;s result (every row, not only those shown)
        </label>
        <label>
          <input type="radio" name="export-source" checked={kind === 'table'} onChange={() => setKind('table')} /> The
          table{' '}
          <input
            aria-label="Table (schema.table)"
            placeholder="public.samples"
            value={table}
            onChange={(event) => (setTable(event.target.value), setKind('table'))}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Format</legend>
        {exportFormats.map((f) => (
          <label key={f}>
            <input type="radio" name="export-format" checked={format === f} onChange={() => setFormat(f)} />{' '}
            {f.toUpperCase()}
          </label>
        ))}
      </fieldset>
      <label>
        File{' '}
        <input
          aria-label="File"
          placeholder="a name in ~/Downloads, or an absolute path"
          value={path}
          onChange={(event) => setPath(event.target.value)}
        />
      </label>
      <div className="sql-export-actions">
        {exporting.status === 'running' ? (
          <button type="button" onClick={cancelExport}>
            Cancel export
          </button>
        ) : (
          <button type="submit">Export</button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {problem && (
        <p className="state state-error" role="alert">
          {problem}
        </p>
      )}
      {exporting.status === 'running' && (
        <p className="state" role="status">
          Exporting{exporting.path ? ` to ${exporting.path}` : ''}: {exporting.rows.toLocaleString('en')} rows,{' '}
          {megabytes(exporting.bytes)}
        </p>
      )}
      {exporting.status === 'done' && (
        <p className="state" role="status">
          Exported {exporting.rows.toLocaleString('en')} rows ({megabytes(exporting.bytes)}) to {exporting.path}
        </p>
      )}
      {exporting.status === 'cancelled' && (
        <p className="state" role="status">
          Export cancelled; the partial file was removed.
        </p>
      )}
      {exporting.status === 'failed' && (
        <p className="state state-error" role="alert">
          {exporting.error.message}
        </p>
      )}
    </form>
  );
}
