import type { ReactNode } from 'react';

import type { StoredObject } from '../../../../electron/contract';
import { StatusBadge } from './status-badge';

interface StorageTableProps<T extends StoredObject> {
  title: string;
  objects: T[];
  empty: string;
  testId: string;
  /** An extra cell per row (the secrets' Rotate button). */
  action?: (object: T) => ReactNode;
}

/** Volumes, secrets or configs: name, status, who uses it, when it was created. */
export function StorageTable<T extends StoredObject>({
  title,
  objects,
  empty,
  testId,
  action,
}: StorageTableProps<T>): ReactNode {
  return (
    <section className="storage-section">
      <h2>{title}</h2>
      {objects.length === 0 ? (
        <p className="state">{empty}</p>
      ) : (
        <table className="table storage-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Used by</th>
              <th scope="col">Created</th>
              {action && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {objects.map((object) => (
              <tr key={object.name} className={`storage-row storage-row-${object.status}`}>
                <td>
                  {object.key && object.key !== object.name && <strong>{object.key} </strong>}
                  <code>{object.name}</code>
                  {object.external && <span className="muted"> external</span>}
                </td>
                <td>
                  <StatusBadge status={object.status} />
                </td>
                <td>{object.usedBy.length > 0 ? object.usedBy.join(', ') : <span className="muted">nothing</span>}</td>
                <td>{object.createdAt ? new Date(object.createdAt).toLocaleString() : '—'}</td>
                {action && <td>{action(object)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
