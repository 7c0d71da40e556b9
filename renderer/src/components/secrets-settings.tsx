import { type FormEvent, type ReactNode, useEffect, useState } from 'react';

import { LoadView } from '../shell/load-view';
import { type SecretsOverview, useSecretsStore } from '../stores/secrets-store';
import { ActionError, needsPlainTextConsent, PlainTextConsent } from './plain-text-consent';

/** Where secrets go on this machine, the names stored, and a form to store one (never to read one). */
export function SecretsSettings(): ReactNode {
  const secrets = useSecretsStore((s) => s.secrets);
  const load = useSecretsStore((s) => s.load);
  useEffect(() => void load(), [load]);

  return (
    <section className="secrets-settings" aria-labelledby="secrets-title">
      <h2 id="secrets-title">Secrets</h2>
      <LoadView state={secrets} what="the secret store" onRetry={() => void load()}>
        {(data) => <SecretsPanel data={data} />}
      </LoadView>
    </section>
  );
}

function SecretsPanel({ data: { status, names } }: { data: SecretsOverview }): ReactNode {
  const store = useSecretsStore((s) => s.store);
  const remove = useSecretsStore((s) => s.remove);
  const actionError = useSecretsStore((s) => s.actionError);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [allowPlainText, setAllowPlainText] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await store({ name, value, allowPlainText })) {
      setName('');
      setValue('');
    }
  };

  return (
    <>
      <p
        className={status.encrypted ? 'secrets-status' : 'secrets-status secrets-unencrypted'}
        data-testid="secret-store-status"
      >
        {status.message}
      </p>
      {names.length === 0 ? (
        <p className="muted">No secrets stored.</p>
      ) : (
        <ul className="secret-names">
          {names.map((secret) => (
            <li key={secret}>
              <code>{secret}</code>{' '}
              <button type="button" onClick={() => void remove(secret)} aria-label={`Remove ${secret}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {status.storing !== 'unavailable' && (
        <form className="secret-form" onSubmit={(event) => void submit(event)}>
          <label>
            Name <input value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
          </label>
          <label>
            Value{' '}
            <input
              type="password"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              autoComplete="off"
            />
          </label>
          <PlainTextConsent store={status} what="secrets" allowed={allowPlainText} onChange={setAllowPlainText} />
          <button type="submit" disabled={!name || !value || (needsPlainTextConsent(status) && !allowPlainText)}>
            Store secret
          </button>
        </form>
      )}
      <ActionError message={actionError} />
    </>
  );
}
