import type { ReactNode } from 'react';

import { logLevels } from '../../../../electron/contract';
import { shownCount, useLogsStore } from '../../stores/logs-store';
import { type DownloadFormat, formatLines, saveAs } from './download-lines';
import { serviceColour } from './service-colour';

const levelLabels = { error: 'Error', warn: 'Warning', info: 'Info', debug: 'Debug', other: 'Other' } as const;

/** Filters (text, level, service), the time range, follow/pause and download. */
export function LogToolbar(): ReactNode {
  // One selector each, never the whole store: lines arrive many times a second, and the toolbar
  // should re-render only when something it shows changed.
  const environment = useLogsStore((s) => s.environment);
  const serviceList = useLogsStore((s) => s.services);
  const range = useLogsStore((s) => s.range);
  const patternText = useLogsStore((s) => s.patternText);
  const patternError = useLogsStore((s) => s.patternError);
  const levels = useLogsStore((s) => s.levels);
  const hiddenServices = useLogsStore((s) => s.hiddenServices);
  const following = useLogsStore((s) => s.following);
  const paused = useLogsStore((s) => s.pausedAt !== undefined);
  const nothingShown = useLogsStore((s) => shownCount(s) === 0);
  const { setPattern, toggleLevel, toggleService, setRange, setFollowing, setPaused } = useLogsStore.getState();
  const services = serviceList.status === 'ready' ? serviceList.data : [];

  const download = (format: DownloadFormat) => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const lines = useLogsStore.getState().buffer.matching();
    saveAs(formatLines(lines, format), `${environment ?? 'logs'}-${stamp}.${format}`);
  };

  return (
    <div className="log-toolbar">
      <div className="log-filter">
        <label>
          Filter (regular expression){' '}
          <input
            type="search"
            value={patternText}
            placeholder="error|timeout"
            aria-invalid={patternError !== undefined}
            onChange={(event) => setPattern(event.target.value)}
          />
        </label>
        {patternError && (
          <p className="log-input-error" role="alert">
            Not a valid regular expression: {patternError}
          </p>
        )}
      </div>
      <fieldset className="log-levels">
        <legend>Levels</legend>
        {logLevels.map((level) => (
          <label key={level}>
            <input type="checkbox" checked={levels.includes(level)} onChange={() => toggleLevel(level)} />{' '}
            {levelLabels[level]}
          </label>
        ))}
      </fieldset>
      <fieldset className="log-services">
        <legend>Services</legend>
        {services.length === 0 && (
          <span className="state">{serviceList.status === 'loading' ? 'Loading…' : 'None'}</span>
        )}
        {services.map((service) => (
          <label key={service} style={{ borderColor: serviceColour(service) }}>
            <input
              type="checkbox"
              checked={!hiddenServices.includes(service)}
              onChange={() => toggleService(service)}
            />{' '}
            {service}
          </label>
        ))}
      </fieldset>
      <fieldset className="log-range">
        <legend>Time range</legend>
        <label>
          From <TimeInput value={range.since} onChange={(since) => setRange({ ...range, since })} />
        </label>
        <label>
          To <TimeInput value={range.until} onChange={(until) => setRange({ ...range, until })} />
        </label>
        {(range.since ?? range.until) && (
          <button type="button" onClick={() => setRange({ since: undefined, until: undefined })}>
            Live
          </button>
        )}
      </fieldset>
      <div className="log-actions">
        <button type="button" aria-pressed={following} onClick={() => setFollowing(!following)}>
          {following ? 'Following' : 'Follow'}
        </button>
        <button type="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={nothingShown} onClick={() => download('log')}>
          Download .log
        </button>
        <button type="button" disabled={nothingShown} onClick={() => download('jsonl')}>
          Download .jsonl
        </button>
      </div>
    </div>
  );
}

/** A local date and time input that speaks ISO (UTC) to the store. */
function TimeInput({ value, onChange }: { value: string | undefined; onChange: (iso: string | undefined) => void }) {
  const local = value ? toLocalInput(new Date(value)) : '';
  return (
    <input
      type="datetime-local"
      step={1}
      value={local}
      onChange={(event) => onChange(event.target.value ? new Date(event.target.value).toISOString() : undefined)}
    />
  );
}

function toLocalInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 19);
}
