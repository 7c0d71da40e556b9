import type { ReactNode } from 'react';

import { shownCount, useUplinksStore } from '../../stores/uplinks-store';

/** Filters (device, port, problems only, time range), pause, and what the table holds. */
export function UplinkFilters(): ReactNode {
  useUplinksStore((s) => s.version);
  const buffer = useUplinksStore((s) => s.buffer);
  const filter = useUplinksStore((s) => s.filter);
  const pausedAt = useUplinksStore((s) => s.pausedAt);
  const { setFilter, setPaused } = useUplinksStore.getState();
  const devices = [...buffer.devices].sort();
  const ports = [...buffer.ports].sort((a, b) => a - b);
  const shown = shownCount({ buffer, pausedAt });

  return (
    <div className="uplink-filters">
      <label>
        Device{' '}
        <select
          value={filter.deviceId ?? ''}
          onChange={(event) => setFilter({ deviceId: event.target.value || undefined })}
        >
          <option value="">All devices</option>
          {devices.map((device) => (
            <option key={device} value={device}>
              {device}
            </option>
          ))}
        </select>
      </label>
      <label>
        fPort{' '}
        <select
          value={filter.fPort ?? ''}
          onChange={(event) => setFilter({ fPort: event.target.value === '' ? undefined : Number(event.target.value) })}
        >
          <option value="">All ports</option>
          {ports.map((port) => (
            <option key={port} value={port}>
              {port}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={filter.problemsOnly}
          onChange={(event) => setFilter({ problemsOnly: event.target.checked })}
        />{' '}
        Decode errors only
      </label>
      <label>
        From <TimeInput valueMs={filter.sinceMs} onChange={(sinceMs) => setFilter({ sinceMs })} />
      </label>
      <label>
        To <TimeInput valueMs={filter.untilMs} onChange={(untilMs) => setFilter({ untilMs })} />
      </label>
      <button type="button" aria-pressed={pausedAt !== undefined} onClick={() => setPaused(pausedAt === undefined)}>
        {pausedAt === undefined ? 'Pause' : 'Resume'}
      </button>
      <p className="uplink-counts" role="status" data-testid="uplink-counts">
        {shown.toLocaleString('en')} shown of {buffer.kept.toLocaleString('en')} kept (
        {buffer.received.toLocaleString('en')} received; the last {buffer.capacity.toLocaleString('en')} are kept)
        {pausedAt !== undefined && (
          <span className="uplink-paused">
            {' '}
            · Paused: {(buffer.received - pausedAt).toLocaleString('en')} new while paused
          </span>
        )}
      </p>
    </div>
  );
}

/** A local date and time input that speaks epoch milliseconds to the store. */
function TimeInput({ valueMs, onChange }: { valueMs: number | undefined; onChange: (ms: number | undefined) => void }) {
  const local = valueMs === undefined ? '' : toLocalInput(new Date(valueMs));
  return (
    <input
      type="datetime-local"
      step={1}
      value={local}
      onChange={(event) => onChange(event.target.value ? new Date(event.target.value).getTime() : undefined)}
    />
  );
}

function toLocalInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 19);
}
