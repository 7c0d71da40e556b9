import { type ReactNode, useState } from 'react';

import { ClairError, type ContextSummary } from '../../../../electron/contract';
import { type ConnectionStatus, useContextsStore } from '../../stores/contexts-store';
import { ConnectionState } from './connection-state';
import { ContextForm } from './context-form';

interface ContextsTableProps {
  contexts: readonly ContextSummary[];
  connections: Record<string, ConnectionStatus>;
}

/** The docker CLI's contexts with their connection, and the form to add, edit or remove one. */
export function ContextsTable({ contexts, connections }: ContextsTableProps): ReactNode {
  const remove = useContextsStore((s) => s.remove);
  /** The context in the form: a name to edit it, 'new' to add one, undefined when closed. */
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<string>();
  const edited = contexts.find((context) => context.name === editing);

  const onRemove = async (name: string) => {
    setError(undefined);
    try {
      await remove(name);
    } catch (failure) {
      setError(failure instanceof ClairError ? failure.message : String(failure));
    }
  };

  return (
    <>
      <table className="table" data-testid="contexts">
        <thead>
          <tr>
            <th scope="col">Context</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Connection</th>
            <th scope="col" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {contexts.map((context) => (
            <tr key={context.name}>
              <td>
                <strong>{context.name}</strong>
                {context.current && <span className="muted"> (docker CLI's current)</span>}
                {context.description && <div className="muted">{context.description}</div>}
              </td>
              <td>
                <code>{context.error ?? context.host}</code>
              </td>
              <td>
                <ConnectionState status={connections[context.name]} />
              </td>
              <td className="row-actions">
                {context.endpoint && context.name !== 'default' && (
                  <button type="button" onClick={() => setEditing(context.name)}>
                    Edit
                  </button>
                )}
                {context.name !== 'default' && (
                  <button type="button" className="danger" onClick={() => void onRemove(context.name)}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="state-error" role="alert">
          {error}
        </p>
      )}
      {editing ? (
        <ContextForm key={editing} {...(edited ? { editing: edited } : {})} onDone={() => setEditing(undefined)} />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          Add a context
        </button>
      )}
    </>
  );
}
