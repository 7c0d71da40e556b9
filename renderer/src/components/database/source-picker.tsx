import { type ReactNode, useEffect, useState } from 'react';

import { useSavedConnectionsStore } from '../../stores/saved-connections-store';
import { SavedConnectionsForm } from './saved-connections-form';

/**
 * Which database the screen browses: the selected environment's stack database, or a connection
 * string saved in the secret store (a local PostgreSQL, a replica); and the place to manage those.
 */
export function SourcePicker({ environment }: { environment: string | undefined }): ReactNode {
  const connections = useSavedConnectionsStore((s) => s.connections);
  const chosen = useSavedConnectionsStore((s) => s.chosen);
  const choose = useSavedConnectionsStore((s) => s.choose);
  const load = useSavedConnectionsStore((s) => s.load);
  const [managing, setManaging] = useState(false);
  useEffect(() => void load(), [load]);
  const saved = connections.status === 'ready' ? connections.data.list : [];

  return (
    <div className="db-source">
      <label>
        Database{' '}
        <select
          aria-label="Database"
          value={chosen ?? ''}
          onChange={(event) => choose(event.target.value || undefined)}
        >
          <option value="">
            {environment ? `${environment}: its stack’s db service` : 'the selected environment’s'}
          </option>
          {saved.length > 0 && (
            <optgroup label="Saved connections">
              {saved.map((connection) => (
                <option key={connection.name} value={connection.name}>
                  {connection.name}: {connection.label}
                  {connection.readOnly ? ' (read-only)' : ''}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>{' '}
      <button type="button" aria-expanded={managing} onClick={() => setManaging(!managing)}>
        Saved connections…
      </button>
      {connections.status === 'failed' && (
        <span className="state state-error" role="alert">
          Saved connections cannot be read: {connections.message}
        </span>
      )}
      {managing && <SavedConnectionsForm />}
    </div>
  );
}
