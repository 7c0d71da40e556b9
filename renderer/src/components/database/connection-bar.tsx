import { type ReactNode, useEffect, useState } from 'react';

import type { DatabaseStatus } from '../../../../electron/contract';
import { useDatabaseStore } from '../../stores/database-store';

/** Minutes and seconds until `until`, ticking every second; undefined once past. */
function useRemaining(until: string | undefined): string | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    // From the moment the unlock arrives, not from when the bar was first drawn.
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [until]);
  if (!until) return undefined;
  const seconds = Math.max(0, Math.round((Date.parse(until) - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What the browser is connected to, whether it can write, and what happened to the connection. */
export function ConnectionBar({ status }: { status: DatabaseStatus }): ReactNode {
  const unlock = useDatabaseStore((s) => s.unlock);
  const lock = useDatabaseStore((s) => s.lock);
  const remaining = useRemaining(status.unlockedUntil);
  const [minutes, setMinutes] = useState(10);

  return (
    <div className="db-connection" data-testid="db-connection">
      <span className={`db-state db-state-${status.state}`}>
        {status.state === 'connected' ? 'Connected' : 'Connection lost'}
      </span>
      <span className="db-label">{status.label}</span>
      {status.readOnly ? (
        <span className="db-badge db-badge-readonly" title="PostgreSQL refuses every write in this session">
          Read-only
        </span>
      ) : (
        <span className="db-badge db-badge-writable">
          {status.readOnlyByDefault ? `Writable for ${remaining ?? '…'}` : 'Writable'}
        </span>
      )}
      {status.readOnlyByDefault &&
        (status.readOnly ? (
          <span className="db-unlock">
            <label>
              Unlock writes for{' '}
              <select value={minutes} onChange={(event) => setMinutes(Number(event.target.value))}>
                {[5, 10, 30].map((m) => (
                  <option key={m} value={m}>
                    {m} minutes
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => void unlock(minutes)}>
              Unlock…
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => void lock()}>
            Lock now
          </button>
        ))}
      {status.notice && (
        <span className={status.state === 'lost' ? 'db-notice db-notice-lost' : 'db-notice'} role="status">
          {status.notice}
        </span>
      )}
    </div>
  );
}
