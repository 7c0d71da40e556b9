import { type FormEvent, type ReactNode, useState } from 'react';

import { ClairError, type ContextEndpoint, type ContextSummary } from '../../../../electron/contract';
import { type ConnectionStatus, useContextsStore } from '../../stores/contexts-store';
import { ConnectionState } from './connection-state';
import { HostKeyPrompt } from './host-key-prompt';

interface ContextFormProps {
  /** The context being edited; absent to add one. */
  editing?: ContextSummary;
  onDone: () => void;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * Adds or edits a docker context: the local engine's socket, or a host over SSH with a key file
 * or the ssh-agent. "Test connection" reaches it before saving and, for an unknown SSH host,
 * shows the key's fingerprint to trust.
 */
export function ContextForm({ editing, onDone }: ContextFormProps): ReactNode {
  const { test, save, trust } = useContextsStore.getState();
  const initial = editing?.endpoint;
  const [name, setName] = useState(editing?.name ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [kind, setKind] = useState<ContextEndpoint['kind']>(initial?.kind ?? 'ssh');
  const [socketPath, setSocketPath] = useState(initial?.kind === 'local' ? initial.socketPath : DEFAULT_SOCKET);
  const ssh = initial?.kind === 'ssh' ? initial : undefined;
  const [user, setUser] = useState(ssh?.user ?? '');
  const [host, setHost] = useState(ssh?.host ?? '');
  const [port, setPort] = useState(String(ssh?.port ?? 22));
  const [authMethod, setAuthMethod] = useState(ssh?.auth.method ?? 'identity-file');
  const [identityFile, setIdentityFile] = useState(ssh?.auth.method === 'identity-file' ? ssh.auth.identityFile : '');
  const [result, setResult] = useState<ConnectionStatus>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const endpoint = (): ContextEndpoint =>
    kind === 'local'
      ? { kind, socketPath }
      : {
          kind,
          user,
          host,
          port: Number(port),
          auth: authMethod === 'agent' ? { method: 'agent' } : { method: 'identity-file', identityFile },
        };

  /** Runs one step of the form, showing its error in words instead of losing it. */
  const step = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure instanceof ClairError || failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const testNow = async () => {
    setResult({ state: 'checking' });
    setResult(await test(endpoint()));
  };
  const runTest = () => step(testNow);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void step(async () => {
      await save({
        name,
        endpoint: endpoint(),
        ...(description ? { description } : {}),
        ...(editing ? { replaces: editing.name } : {}),
      });
      onDone();
    });
  };

  return (
    <form className="context-form" onSubmit={onSubmit} aria-label={editing ? `Edit ${editing.name}` : 'Add a context'}>
      <h3>{editing ? `Edit the context ${editing.name}` : 'Add a docker context'}</h3>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} required placeholder="production-swarm" />
      </label>
      <label>
        Description <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <fieldset>
        <legend>Engine</legend>
        <label>
          <input type="radio" checked={kind === 'ssh'} onChange={() => setKind('ssh')} /> Over SSH
        </label>
        <label>
          <input type="radio" checked={kind === 'local'} onChange={() => setKind('local')} /> On this machine
        </label>
      </fieldset>
      {kind === 'local' ? (
        <label>
          Socket <input value={socketPath} onChange={(e) => setSocketPath(e.target.value)} required />
        </label>
      ) : (
        <>
          <label>
            User <input value={user} onChange={(e) => setUser(e.target.value)} required />
          </label>
          <label>
            Host <input value={host} onChange={(e) => setHost(e.target.value)} required />
          </label>
          <label>
            Port <input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
          </label>
          <fieldset>
            <legend>Log in with</legend>
            <label>
              <input
                type="radio"
                checked={authMethod === 'identity-file'}
                onChange={() => setAuthMethod('identity-file')}
              />{' '}
              A key file
            </label>
            <label>
              <input type="radio" checked={authMethod === 'agent'} onChange={() => setAuthMethod('agent')} /> The
              ssh-agent
            </label>
          </fieldset>
          {authMethod === 'identity-file' && (
            <label>
              Key file{' '}
              <input
                value={identityFile}
                onChange={(e) => setIdentityFile(e.target.value)}
                required
                placeholder="~/.ssh/id_ed25519"
              />
            </label>
          )}
        </>
      )}
      {result?.state === 'unreachable' && result.hostKey ? (
        <HostKeyPrompt
          failure={{ ...result, hostKey: result.hostKey }}
          busy={busy}
          onTrust={(hostKey) =>
            void step(async () => {
              await trust(hostKey);
              await testNow();
            })
          }
        />
      ) : (
        result && (
          <p className="context-test-result" role="status">
            <ConnectionState status={result} />
          </p>
        )
      )}
      {error && (
        <p className="state-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => void runTest()} disabled={busy}>
          Test connection
        </button>
        <button type="submit" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
