import { type ReactNode, useState } from 'react';

interface ScaleFormProps {
  name: string;
  desired: number;
  busy: 'scaling' | 'restarting' | undefined;
  onScale: (replicas: number) => void;
}

/** The replica count to ask for; Scale is offered only for a different, valid number. */
export function ScaleForm({ name, desired, busy, onScale }: ScaleFormProps): ReactNode {
  const [replicas, setReplicas] = useState(String(desired));
  const wanted = Number(replicas);
  const valid = replicas !== '' && Number.isInteger(wanted) && wanted >= 0 && wanted <= 100;
  return (
    <form
      className="scale-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid && wanted !== desired) onScale(wanted);
      }}
    >
      <input
        type="number"
        min={0}
        max={100}
        value={replicas}
        onChange={(event) => setReplicas(event.target.value)}
        aria-label={`Replicas of ${name}`}
      />
      <button type="submit" disabled={!valid || wanted === desired || busy !== undefined}>
        {busy === 'scaling' ? 'Scaling…' : 'Scale'}
      </button>
    </form>
  );
}
