import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';

import { useConfirmationStore } from '../stores/confirmation-store';

/** The typed-name confirmation every guarded action shares; mounted once by the shell. */
export function ConfirmationDialog(): ReactNode {
  const pending = useConfirmationStore((s) => s.pending);
  const answer = useConfirmationStore((s) => s.answer);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (pending) dialog.current?.showModal();
    else dialog.current?.close();
  }, [pending]);

  return (
    <dialog
      ref={dialog}
      className="confirmation"
      aria-labelledby="confirmation-title"
      onCancel={() => answer(undefined)}
    >
      {pending && (
        // Keyed by the request, so each one starts with an empty field.
        <ConfirmationForm key={`${pending.environment}:${pending.reason}`} {...pending} onAnswer={answer} />
      )}
    </dialog>
  );
}

interface ConfirmationFormProps {
  environment: string;
  reason: string;
  onAnswer: (typed: string | undefined) => void;
}

function ConfirmationForm({ environment, reason, onAnswer }: ConfirmationFormProps): ReactNode {
  const [typed, setTyped] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed === environment) onAnswer(typed);
  };
  return (
    <form onSubmit={submit}>
      <h2 id="confirmation-title">Confirm on {environment}</h2>
      <p>{reason}</p>
      <label>
        Type <strong>{environment}</strong> to go on
        <input
          autoFocus
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-label="Environment name"
          spellCheck={false}
        />
      </label>
      <div className="actions">
        <button type="button" onClick={() => onAnswer(undefined)}>
          Cancel
        </button>
        <button type="submit" className="danger" disabled={typed !== environment}>
          Confirm
        </button>
      </div>
    </form>
  );
}
