import { type ReactNode, useState } from 'react';

import { filterOperators, type FilterOperator, type RowFilter } from '../../../../electron/contract';

interface FiltersBarProps {
  columns: string[];
  filters: RowFilter[];
  onApply: (filters: RowFilter[]) => void;
}

const withoutValue = new Set<FilterOperator>(['is null', 'is not null']);

/** Conditions on columns, all of which a row must meet; applied together, by the database. */
export function FiltersBar({ columns, filters, onApply }: FiltersBarProps): ReactNode {
  const [draft, setDraft] = useState<RowFilter[]>(filters);
  const change = (index: number, patch: Partial<RowFilter>) =>
    setDraft(draft.map((filter, i) => (i === index ? { ...filter, ...patch } : filter)));

  return (
    <form
      className="db-filters"
      aria-label="Filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(
          draft.map((filter) =>
            withoutValue.has(filter.operator) ? { column: filter.column, operator: filter.operator } : filter,
          ),
        );
      }}
    >
      {draft.map((filter, index) => (
        <span key={index} className="db-filter">
          <select
            aria-label="Column"
            value={filter.column}
            onChange={(event) => change(index, { column: event.target.value })}
          >
            {columns.map((column) => (
              <option key={column}>{column}</option>
            ))}
          </select>
          <select
            aria-label="Operator"
            value={filter.operator}
            onChange={(event) => change(index, { operator: event.target.value as FilterOperator })}
          >
            {filterOperators.map((operator) => (
              <option key={operator}>{operator}</option>
            ))}
          </select>
          {!withoutValue.has(filter.operator) && (
            <input
              aria-label="Value"
              value={filter.value ?? ''}
              onChange={(event) => change(index, { value: event.target.value })}
            />
          )}
          <button
            type="button"
            aria-label="Remove filter"
            onClick={() => setDraft(draft.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </span>
      ))}
      <button
        type="button"
        disabled={columns.length === 0}
        onClick={() => setDraft([...draft, { column: columns[0]!, operator: '=', value: '' }])}
      >
        Add filter
      </button>
      <button type="submit">Apply filters</button>
    </form>
  );
}
