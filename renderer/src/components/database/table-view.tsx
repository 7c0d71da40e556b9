import { type ReactNode, useCallback, useState } from 'react';

import type { ForeignKey, RelationDetails, RowFilter } from '../../../../electron/contract';
import { type TableTab, useDatabaseStore } from '../../stores/database-store';
import { ExportDialog } from '../sql/export-dialog';
import { cellFullText, cellText } from './cell-text';
import { DataGrid } from './data-grid';
import { FiltersBar } from './filters-bar';
import { formatCount } from './schema-tree';

type CellRef = { row: number; column: number };

/** Filters that open `fk`'s other side for a row: its columns equal to the row's values. */
function followFilters(fk: ForeignKey, value: (column: string) => unknown): RowFilter[] {
  return fk.referencedColumns.map((column, index) => {
    const own = value(fk.columns[index]!);
    return own === null ? { column, operator: 'is null' } : { column, operator: '=', value: cellFullText(own) };
  });
}

/** One table's rows: keyset pages as the grid scrolls, sort by header, filters, related rows, staged edits. */
export function TableView({ tab, details }: { tab: TableTab; details: RelationDetails | undefined }): ReactNode {
  const staged = useDatabaseStore((s) => s.staged);
  const stage = useDatabaseStore((s) => s.stage);
  const sortBy = useDatabaseStore((s) => s.sortBy);
  const setFilters = useDatabaseStore((s) => s.setFilters);
  const loadMore = useDatabaseStore((s) => s.loadMore);
  const openTable = useDatabaseStore((s) => s.openTable);
  const cancelPage = useDatabaseStore((s) => s.cancelPage);
  const [exportOpen, setExportOpen] = useState(false);
  const [selected, setSelected] = useState<CellRef | undefined>(undefined);
  const [editing, setEditing] = useState<(CellRef & { text: string }) | undefined>(undefined);
  /** The new row's typed values; a column left out takes its default, null is SQL NULL. */
  const [inserting, setInserting] = useState<Record<string, string | null> | undefined>(undefined);

  const columnNames = tab.columns.map((column) => column.name);
  const editable = tab.keyColumns.length > 0;
  const table = { schema: tab.schema, relation: tab.relation };
  const keyOf = (row: number) =>
    Object.fromEntries(
      tab.keyColumns.map((column) => [column, cellFullText(tab.rows[row]![columnNames.indexOf(column)])]),
    );
  const sameRow = (key: Record<string, string>, row: number) =>
    Object.entries(keyOf(row)).every(([column, value]) => key[column] === value);
  const ownEdits = staged.filter((edit) => edit.schema === tab.schema && edit.relation === tab.relation);

  /** The staged new value of a cell, if any: the last staged update of it wins. */
  const stagedValue = (row: number, column: number): { value: string | null } | undefined => {
    const name = columnNames[column]!;
    for (const edit of [...ownEdits].reverse()) {
      if (edit.kind === 'update' && name in edit.changes && sameRow(edit.key, row))
        return { value: edit.changes[name]! };
    }
    return undefined;
  };
  const deleted = (row: number) => ownEdits.some((edit) => edit.kind === 'delete' && sameRow(edit.key, row));

  const stageUpdate = (cell: CellRef, value: string | null) => {
    stage({ ...table, kind: 'update', key: keyOf(cell.row), changes: { [columnNames[cell.column]!]: value } });
    setEditing(undefined);
  };

  const renderCell = (row: number, column: number): ReactNode | undefined => {
    if (editing?.row === row && editing.column === column) {
      return (
        <input
          className="db-cell-editor"
          aria-label={`New value of ${columnNames[column]}`}
          autoFocus
          value={editing.text}
          onChange={(event) => setEditing({ ...editing, text: event.target.value })}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'Enter') stageUpdate(editing, editing.text);
            if (event.key === 'Escape') setEditing(undefined);
          }}
        />
      );
    }
    const change = stagedValue(row, column);
    if (!change) return undefined;
    return (
      <span className="cell-staged" title="staged, not committed">
        {cellText(change.value, tab.columns[column]?.dataType).text}
      </span>
    );
  };

  const onEndReached = useCallback(() => loadMore(tab.id), [loadMore, tab.id]);
  const selectedValue = (column: string) =>
    selected ? tab.rows[selected.row]?.[columnNames.indexOf(column)] : undefined;
  const selectedColumn = selected ? columnNames[selected.column] : undefined;
  const outgoing = details?.references.filter((fk) => selectedColumn && fk.columns.includes(selectedColumn)) ?? [];

  return (
    <div className="db-table">
      <div className="db-table-toolbar">
        <span className="db-table-count" data-testid="row-estimate">
          {formatCount(tab.estimatedRows)} {tab.estimatedRows === 1 ? 'row' : 'rows'} (estimate) ·{' '}
          {tab.rows.length.toLocaleString('en')} loaded
          {tab.next ? '' : tab.rows.length > 0 ? ', all' : ''}
        </span>
        {!editable && tab.columns.length > 0 && (
          <span className="state">No primary key: rows cannot be edited here.</span>
        )}
        {editable && (
          <>
            <button
              type="button"
              disabled={!selected}
              onClick={() =>
                selected && setEditing({ ...selected, text: cellFullText(tab.rows[selected.row]![selected.column]) })
              }
            >
              Edit cell
            </button>
            <button type="button" disabled={!selected} onClick={() => selected && stageUpdate(selected, null)}>
              Set NULL
            </button>
            <button
              type="button"
              disabled={!selected}
              onClick={() => selected && stage({ ...table, kind: 'delete', key: keyOf(selected.row) })}
            >
              Delete row
            </button>
            <button type="button" onClick={() => setInserting({})}>
              Add row…
            </button>
          </>
        )}
        <button type="button" onClick={() => setExportOpen(!exportOpen)} aria-expanded={exportOpen}>
          Export…
        </button>
        {selected &&
          outgoing.map((fk) => (
            <button
              key={fk.name}
              type="button"
              onClick={() => openTable(fk.schema, fk.relation, followFilters(fk, selectedValue))}
            >
              Open {fk.relation} row →
            </button>
          ))}
        {selected &&
          details?.referencedBy.map((fk) => (
            <button
              key={fk.name}
              type="button"
              onClick={() => openTable(fk.schema, fk.relation, followFilters(fk, selectedValue))}
            >
              ← {fk.relation} referencing it
            </button>
          ))}
      </div>
      {exportOpen && <ExportDialog table={`${tab.schema}.${tab.relation}`} onClose={() => setExportOpen(false)} />}
      <FiltersBar
        key={JSON.stringify(tab.filters)}
        columns={columnNames}
        filters={tab.filters}
        onApply={(filters) => setFilters(tab.id, filters)}
      />
      {inserting && (
        <form
          className="db-insert"
          aria-label="New row"
          onSubmit={(event) => {
            event.preventDefault();
            stage({ ...table, kind: 'insert', values: inserting });
            setInserting(undefined);
          }}
        >
          <p>Empty fields take the column’s default.</p>
          {tab.columns.map((column) => {
            const value = inserting[column.name];
            const withValue = (next: string | null | undefined) => {
              const rest = Object.fromEntries(Object.entries(inserting).filter(([name]) => name !== column.name));
              setInserting(next === undefined || next === '' ? rest : { ...rest, [column.name]: next });
            };
            return (
              <span key={column.name} className="db-insert-field">
                <label>
                  {column.name} <small>{column.dataType}</small>
                  <input
                    value={value ?? ''}
                    disabled={value === null}
                    placeholder={value === null ? 'NULL' : ''}
                    onChange={(event) => withValue(event.target.value)}
                  />
                </label>
                <label>
                  <input
                    type="checkbox"
                    aria-label={`${column.name} is NULL`}
                    checked={value === null}
                    onChange={(event) => withValue(event.target.checked ? null : undefined)}
                  />{' '}
                  NULL
                </label>
              </span>
            );
          })}
          <button type="submit">Stage insert</button>
          <button type="button" onClick={() => setInserting(undefined)}>
            Cancel
          </button>
        </form>
      )}
      {tab.error && (
        <p className="state state-error" role="alert">
          {tab.error}
        </p>
      )}
      {tab.loading && (
        <p className="state" role="status">
          {tab.rows.length > 0 ? 'Loading more rows…' : 'Loading rows…'}{' '}
          <button type="button" onClick={() => cancelPage(tab.id)}>
            Cancel
          </button>
        </p>
      )}
      <DataGrid
        label={`${tab.schema}.${tab.relation}`}
        columns={tab.columns}
        rows={tab.rows}
        onEndReached={tab.next ? onEndReached : undefined}
        selected={selected}
        onSelect={setSelected}
        onActivate={(cell) => editable && setEditing({ ...cell, text: cellFullText(tab.rows[cell.row]![cell.column]) })}
        rowClass={(row) => (deleted(row) ? 'row-deleted' : undefined)}
        renderCell={renderCell}
        sort={tab.sort}
        onSortBy={(column) => sortBy(tab.id, column)}
        empty={
          tab.loading ? 'Loading rows…' : tab.filters.length > 0 ? 'No row matches the filters.' : 'The table is empty.'
        }
      />
    </div>
  );
}
