import type { ReactNode } from 'react';

import type { ContextConnection, PresentedHostKey } from '../../../../electron/contract';

type Unreachable = Extract<ContextConnection, { state: 'unreachable' }>;

interface HostKeyPromptProps {
  failure: Unreachable & { hostKey: NonNullable<Unreachable['hostKey']> };
  onTrust: (hostKey: PresentedHostKey) => void;
  busy: boolean;
}

/**
 * An unknown SSH host key, shown for the user to compare with the server's own before trusting
 * it; a changed key is a warning with no way to trust it from here.
 */
export function HostKeyPrompt({ failure, onTrust, busy }: HostKeyPromptProps): ReactNode {
  const { hostKey } = failure;
  const changed = failure.failure === 'host-key-changed';
  return (
    <div className={changed ? 'host-key host-key-changed' : 'host-key'} role={changed ? 'alert' : 'group'}>
      <p>
        <strong>{changed ? 'The host key has changed: possible man-in-the-middle.' : 'Unknown SSH host key.'}</strong>{' '}
        {failure.message}
      </p>
      <dl>
        <dt>Server</dt>
        <dd>
          {hostKey.host}:{hostKey.port}
        </dd>
        <dt>Key type</dt>
        <dd>{hostKey.type}</dd>
        <dt>Fingerprint</dt>
        <dd>
          <code data-testid="host-key-fingerprint">{hostKey.fingerprint}</code>
        </dd>
      </dl>
      {!changed && (
        <button type="button" onClick={() => onTrust(hostKey)} disabled={busy}>
          Trust this key
        </button>
      )}
    </div>
  );
}
