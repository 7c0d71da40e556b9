import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef } from 'react';

import { cellText } from './cell-text';

/** Every row's height (px), as the stylesheet draws it (.data-grid-row). */
export const gridRowHeight = 28;

export interface GridColumn {
  name: string;
  dataType?: string;
}

export interface DataGridProps {
  columns: GridColumn[];
  /** Cells by column position; objects are JSON, ISO strings timestamps. */
  rows: unknown[][];
  /** Called when the last rows come into view: load the next page. */
  onEndReached?: () => void;
  /** The selected cell, highlighted. */
  selected?: { row: number; column: number } | undefined;
  onSelect?: (cell: { row: number; column: number }) => void;
  /** Double-click or Enter on a cell. */
  onActivate?: (cell: { row: number; column: number }) => void;
  /** Extra class of a row (staged for deletion, inserted). */
  rowClass?: (row: number) => string | undefined;
  /** What a cell shows instead of its value (a staged change, an editor). */
  renderCell?: (row: number, column: number) => ReactNode | undefined;
  /** Sort indicator and click on a header. */
  sort?: { column: string; direction: 'asc' | 'desc' } | undefined;
  onSortBy?: (column: string) => void;
  /** Shown instead of the rows when there are none. */
  empty?: string;
  label?: string;
}

/**
 * A virtualized table of any result: only the rows on screen are in the DOM, every row the same
 * height, columns a fixed width the user can scroll across. Used for table pages and for the SQL
 * editor's results.
 */
export function DataGrid(props: DataGridProps): ReactNode {
  const { columns, rows, onEndReached, selected, onSelect, onActivate, rowClass, renderCell, sort, onSortBy } = props;
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- rows re-render with the props anyway
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => gridRowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (onEndReached && rows.length > 0 && lastShown >= rows.length - 5) onEndReached();
  }, [lastShown, rows.length, onEndReached]);

  const template = `3.5rem repeat(${columns.length}, 12rem)`;
  return (
    <div
      className="data-grid"
      role="grid"
      aria-label={props.label ?? 'rows'}
      aria-rowcount={rows.length + 1}
      ref={scroller}
    >
      <div className="data-grid-row data-grid-header" role="row" style={{ gridTemplateColumns: template }}>
        <span className="data-grid-gutter" role="columnheader">
          #
        </span>
        {/* Keyed by position: a query result may repeat a column name (SELECT 1, 1). */}
        {columns.map((column, index) => (
          <span key={index} role="columnheader" title={column.dataType} className="data-grid-heading">
            {onSortBy ? (
              <button type="button" onClick={() => onSortBy(column.name)}>
                {column.name}
                {sort?.column === column.name ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            ) : (
              column.name
            )}
            <small>{column.dataType}</small>
          </span>
        ))}
      </div>
      {rows.length === 0 ? (
        <p className="state data-grid-empty">{props.empty ?? 'No rows.'}</p>
      ) : (
        <div className="data-grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                className={`data-grid-row ${rowClass?.(item.index) ?? ''}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)` }}
              >
                <span className="data-grid-gutter">{item.index + 1}</span>
                {columns.map((column, index) => {
                  const custom = renderCell?.(item.index, index);
                  const shown = cellText(row[index], column.dataType);
                  const isSelected = selected?.row === item.index && selected.column === index;
                  return (
                    <span
                      key={index}
                      role="gridcell"
                      tabIndex={isSelected ? 0 : -1}
                      aria-selected={isSelected}
                      className={`data-grid-cell cell-${shown.kind}`}
                      title={custom === undefined ? shown.text : undefined}
                      onClick={() => onSelect?.({ row: item.index, column: index })}
                      onDoubleClick={() => onActivate?.({ row: item.index, column: index })}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') onActivate?.({ row: item.index, column: index });
                      }}
                    >
                      {custom ?? shown.text}
                    </span>
                  );
                })}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
