import type { ReactNode } from 'react';

import type { RelationDetails } from '../../../../electron/contract';
import { useDatabaseStore } from '../../stores/database-store';
import { LoadView } from '../../shell/load-view';

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatCount(count: number | null): string {
  return count === null ? 'unknown' : `≈${count.toLocaleString('en')}`;
}

/** A relation's columns, indexes, constraints and sizes, under its node. */
function RelationBranch({ details }: { details: RelationDetails }): ReactNode {
  return (
    <ul className="db-tree-details">
      <li className="db-tree-group">Columns</li>
      {details.columns.map((column) => (
        <li key={column.name} className="db-tree-leaf">
          {column.primaryKey ? <abbr title="primary key">PK </abbr> : ''}
          {column.name} <small>{column.dataType}</small>
        </li>
      ))}
      {details.indexes.length > 0 && <li className="db-tree-group">Indexes</li>}
      {details.indexes.map((index) => (
        <li key={index.name} className="db-tree-leaf" title={index.definition}>
          {index.name} <small>{formatBytes(index.bytes)}</small>
        </li>
      ))}
      {details.constraints.length > 0 && <li className="db-tree-group">Constraints</li>}
      {details.constraints.map((constraint) => (
        <li key={constraint.name} className="db-tree-leaf" title={constraint.definition}>
          {constraint.name} <small>{constraint.type}</small>
        </li>
      ))}
      <li className="db-tree-leaf db-tree-size">
        table {formatBytes(details.tableBytes)}, indexes {formatBytes(details.indexBytes)}
      </li>
    </ul>
  );
}

/** Schemas → tables and views → columns, indexes, constraints, sizes; each level read when opened. */
export function SchemaTree(): ReactNode {
  const schemas = useDatabaseStore((s) => s.schemas);
  const relations = useDatabaseStore((s) => s.relations);
  const details = useDatabaseStore((s) => s.details);
  const source = useDatabaseStore((s) => s.source);
  const toggleSchema = useDatabaseStore((s) => s.toggleSchema);
  const loadDetails = useDatabaseStore((s) => s.loadDetails);
  const openTable = useDatabaseStore((s) => s.openTable);
  const open = useDatabaseStore((s) => s.open);

  return (
    <nav className="db-tree" aria-label="Schemas">
      <LoadView state={schemas} what="the schemas" onRetry={() => source && open(source)}>
        {(list) =>
          list.length === 0 ? (
            <p className="state">This database has no schema you may use.</p>
          ) : (
            <ul>
              {list.map((schema) => {
                const branch = relations[schema.name];
                return (
                  <li key={schema.name}>
                    <button
                      type="button"
                      className="db-tree-node"
                      aria-expanded={Boolean(branch)}
                      onClick={() => toggleSchema(schema.name)}
                    >
                      <span aria-hidden>{branch ? '▾' : '▸'}</span> {schema.name} <small>{schema.relations}</small>
                    </button>
                    {branch && (
                      <LoadView
                        state={branch}
                        what={`the tables of ${schema.name}`}
                        onRetry={() => toggleSchema(schema.name)}
                      >
                        {(items) => (
                          <ul>
                            {items.map((relation) => {
                              const key = `${schema.name}.${relation.name}`;
                              const info = details[key];
                              return (
                                <li key={relation.name}>
                                  <span className="db-tree-relation">
                                    <button
                                      type="button"
                                      className="db-tree-twisty"
                                      aria-label={`Details of ${relation.name}`}
                                      aria-expanded={Boolean(info)}
                                      onClick={() => void loadDetails(schema.name, relation.name)}
                                    >
                                      {info ? '▾' : '▸'}
                                    </button>
                                    <button
                                      type="button"
                                      className="db-tree-node"
                                      title={`${relation.kind}, ${formatCount(relation.estimatedRows)} rows, ${formatBytes(relation.totalBytes)}`}
                                      onClick={() => openTable(schema.name, relation.name)}
                                    >
                                      <span aria-hidden>{relation.kind === 'table' ? '▦' : '◇'}</span> {relation.name}
                                    </button>
                                    <small>{formatBytes(relation.totalBytes)}</small>
                                  </span>
                                  {info?.status === 'ready' && <RelationBranch details={info.data} />}
                                  {info?.status === 'failed' && <p className="state state-error">{info.message}</p>}
                                </li>
                              );
                            })}
                          </ul>
                        )}
                      </LoadView>
                    )}
                  </li>
                );
              })}
            </ul>
          )
        }
      </LoadView>
    </nav>
  );
}
