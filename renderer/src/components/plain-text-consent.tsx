import type { ReactNode } from 'react';

import type { SecretStoreStatus } from '../../../electron/contract';

/** Whether storing in the secret store waits for the user's consent to keep values unencrypted. */
export const needsPlainTextConsent = (store: SecretStoreStatus): boolean => store.storing === 'needs-plain-text-choice';

/** The explicit consent to store without encryption, asked only where the secret store needs it (Linux without a keyring). */
export function PlainTextConsent({
  store,
  what,
  allowed,
  onChange,
}: {
  store: SecretStoreStatus;
  /** What is stored: "secrets", "it". */
  what: string;
  allowed: boolean;
  onChange: (allowed: boolean) => void;
}): ReactNode {
  if (!needsPlainTextConsent(store)) return null;
  return (
    <label>
      <input type="checkbox" checked={allowed} onChange={(event) => onChange(event.target.checked)} /> Store {what}{' '}
      without encryption on this machine
    </label>
  );
}

/** Why a form's last action failed; nothing when it did not. */
export function ActionError({ message }: { message: string | undefined }): ReactNode {
  if (!message) return null;
  return (
    <p className="state state-error" role="alert">
      {message}
    </p>
  );
}
