import { type FormEvent, type ReactNode, useState } from 'react';

import { useSavedConnectionsStore } from '../../stores/saved-connections-store';
import { ActionError, needsPlainTextConsent, PlainTextConsent } from '../plain-text-consent';

/**
 * The saved connection strings: listed by name and label (never the string: it holds a password),
 * deleted, or added. They go to the control centre's secret store.
 */
export function SavedConnectionsForm(): ReactNode {
  const connections = useSavedConnectionsStore((s) => s.connections);
  const save = useSavedConnectionsStore((s) => s.save);
  const remove = useSavedConnectionsStore((s) => s.remove);
  const actionError = useSavedConnectionsStore((s) => s.actionError);
  const [name, setName] = useState('');
  const [connectionString, setConnectionString] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const [allowPlainText, setAllowPlainText] = useState(false);
  if (connections.status !== 'ready') return null;
  const { list, store } = connections.data;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save({ name, connectionString, readOnly, allowPlainText })) {
      setName('');
      setConnectionString('');
      setReadOnly(false);
    }
  };

  return (
    <section className="db-saved-connections" aria-label="Saved connections">
      {list.length === 0 ? (
        <p className="muted">No connection saved yet.</p>
      ) : (
        <ul>
          {list.map((connection) => (
            <li key={connection.name}>
              <strong>{connection.name}</strong> <code>{connection.label}</code>
              {connection.readOnly ? ' read-only' : ''}{' '}
              <button
                type="button"
                aria-label={`Delete ${connection.name}`}
                onClick={() => void remove(connection.name)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{store.message}</p>
      {store.storing !== 'unavailable' && (
        <form onSubmit={(event) => void submit(event)}>
          <label>
            Name <input value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
          </label>
          <label>
            Connection string{' '}
            <input
              type="password"
              placeholder="postgres://user:password@host:5432/database"
              value={connectionString}
              onChange={(event) => setConnectionString(event.target.value)}
              autoComplete="off"
            />
          </label>
          <label>
            <input type="checkbox" checked={readOnly} onChange={(event) => setReadOnly(event.target.checked)} />{' '}
            Read-only (writes need the name typed, for a while)
          </label>
          <PlainTextConsent store={store} what="it" allowed={allowPlainText} onChange={setAllowPlainText} />
          <button
            type="submit"
            disabled={!name || !connectionString || (needsPlainTextConsent(store) && !allowPlainText)}
          >
            Save connection
          </button>
        </form>
      )}
      <ActionError message={actionError} />
    </section>
  );
}
