import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';

import type { RotateSecretResult, StoredSecret } from '../../../../electron/contract';
import { failedState } from '../../stores/load-state';
import { useStorageStore } from '../../stores/storage-store';
import { randomSecret } from './random-secret';

type Step =
  | { step: 'value' }
  | { step: 'review' }
  | { step: 'rotating' }
  | { step: 'done'; result: RotateSecretResult }
  | { step: 'failed'; message: string };

interface RotateSecretWizardProps {
  /** The declared secrets that can be rotated; the one picked in the table first. */
  secrets: StoredSecret[];
  initial: string;
  onClose: () => void;
}

const STEPS = ['Secret', 'New value', 'Review', 'Rotate'];

/**
 * Rotates a secret in four steps: pick it (and see who uses it), choose the new value (a strong
 * random one unless typed), review what will happen, then watch it happen. The typed value lives
 * only in this form's state and is sent to the engine once; it is never shown back.
 */
export function RotateSecretWizard({ secrets, initial, onClose }: RotateSecretWizardProps): ReactNode {
  const rotateSecret = useStorageStore((s) => s.rotateSecret);
  const dialog = useRef<HTMLDialogElement>(null);
  const [key, setKey] = useState(initial);
  const [picked, setPicked] = useState(false);
  const [mode, setMode] = useState<'random' | 'typed'>('random');
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<Step | undefined>(undefined);
  const secret = secrets.find((candidate) => candidate.key === key);
  useEffect(() => dialog.current?.showModal(), []);

  const index = !picked ? 0 : state === undefined || state.step === 'value' ? 1 : state.step === 'review' ? 2 : 3;
  const rotate = async () => {
    if (!secret?.key) return;
    setState({ step: 'rotating' });
    try {
      const result = await rotateSecret(secret.key, mode === 'random' ? randomSecret() : typed);
      setState(result ? { step: 'done', result } : { step: 'review' });
    } catch (error) {
      setState({ step: 'failed', message: failedState(error).message });
    } finally {
      setTyped('');
    }
  };
  const next = (event: FormEvent) => {
    event.preventDefault();
    if (!picked) setPicked(true);
    else if (index === 1) setState({ step: 'review' });
    else if (index === 2) void rotate();
  };

  return (
    <dialog ref={dialog} className="wizard" aria-labelledby="wizard-title" onCancel={onClose}>
      <form onSubmit={next}>
        <h2 id="wizard-title">Rotate a secret</h2>
        <ol className="wizard-steps">
          {STEPS.map((label, at) => (
            <li key={label} className={at === index ? 'current' : at < index ? 'done' : ''}>
              {label}
            </li>
          ))}
        </ol>

        {index === 0 && (
          <>
            <label>
              Secret
              <select value={key} onChange={(event) => setKey(event.target.value)}>
                {secrets.map((candidate) => (
                  <option key={candidate.key} value={candidate.key}>
                    {candidate.key}
                  </option>
                ))}
              </select>
            </label>
            {secret && (
              <p>
                {secret.usedBy.length > 0 ? `Used by ${secret.usedBy.join(', ')}.` : 'No service uses it yet.'} Read
                from <code>{secret.file}</code>.
              </p>
            )}
          </>
        )}

        {index === 1 && (
          <fieldset className="wizard-value">
            <legend>New value of {key}</legend>
            <label>
              <input type="radio" checked={mode === 'random'} onChange={() => setMode('random')} />
              Generate a strong random value (64 hex characters), recommended
            </label>
            <label>
              <input type="radio" checked={mode === 'typed'} onChange={() => setMode('typed')} />
              Enter a value (for a key issued elsewhere, such as a TTN API key)
            </label>
            {mode === 'typed' && (
              <input
                type="password"
                autoComplete="off"
                spellCheck={false}
                aria-label="New value"
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
              />
            )}
          </fieldset>
        )}

        {index >= 1 && secret?.databasePassword && (
          <p className="wizard-warning" role="note">
            PostgreSQL keeps its own copy of this password in its data volume and does not read the secret again. Change
            the database user&apos;s password too (<code>ALTER USER … PASSWORD</code>), and the database URL secret that
            contains it, or the services will no longer log in.
          </p>
        )}

        {index === 2 && secret && (
          <div className="wizard-review">
            <p>This will:</p>
            <ol>
              <li>
                write the new value to <code>{secret.file}</code> (readable by you only);
              </li>
              <li>create a new docker secret for it (secrets cannot change in place, each value gets its own name);</li>
              <li>
                {secret.usedBy.length > 0
                  ? `switch ${secret.usedBy.join(', ')} to it: their tasks restart, one by one as their update policy says;`
                  : 'switch no service, since none uses it yet;'}
              </li>
              <li>leave the old version until the next deploy removes it.</li>
            </ol>
          </div>
        )}

        {state?.step === 'rotating' && (
          <p className="state" role="status">
            Rotating {key}…
          </p>
        )}
        {state?.step === 'done' && (
          <div className="wizard-result" role="status">
            <p>
              Rotated {key}: the services now use <code>{state.result.name}</code>.
            </p>
            <p>
              {state.result.updatedServices.length > 0
                ? `Restarting: ${state.result.updatedServices.join(', ')}. Follow them on the Services screen.`
                : 'No service needed switching.'}
            </p>
          </div>
        )}
        {state?.step === 'failed' && (
          <p className="state state-error" role="alert">
            {state.message}
          </p>
        )}

        <div className="actions">
          {index < 3 && (
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          )}
          {index === 1 && (
            <button type="button" onClick={() => setPicked(false)}>
              Back
            </button>
          )}
          {index === 2 && (
            <button type="button" onClick={() => setState({ step: 'value' })}>
              Back
            </button>
          )}
          {index < 2 && (
            <button type="submit" disabled={!secret || (index === 1 && mode === 'typed' && typed === '')}>
              Next
            </button>
          )}
          {index === 2 && (
            <button type="submit" className="danger">
              Rotate {key}
            </button>
          )}
          {(state?.step === 'done' || state?.step === 'failed') && (
            <button type="button" onClick={onClose}>
              Close
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
