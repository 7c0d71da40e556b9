import { memo, type ReactNode } from 'react';

import type { LogLine } from '../../../../electron/contract';
import type { LogEntry } from '../../stores/logs-store';
import { serviceColour } from './service-colour';

/** Every row's height (px), as the stylesheet draws it: the list positions rows by it. */
export const rowHeight = 20;

interface LogRowProps {
  /** Separate from the line, not a LogEntry: a fresh object per render would defeat memo. */
  seq: number;
  line: LogLine;
  /** Offset from the top of the list (px). */
  top: number;
  selected: boolean;
  onSelect: (entry: LogEntry | undefined) => void;
}

/**
 * One line: time, service tag, level badge and text; a JSON line's text opens its pretty form in
 * the detail panel. Memoized: while the view stays put, new batches leave its rows untouched.
 */
export const LogRow = memo(function LogRow({ seq, line, top, selected, onSelect }: LogRowProps): ReactNode {
  return (
    <div className={`log-row log-${line.stream}`} data-level={line.level} style={{ transform: `translateY(${top}px)` }}>
      <time className="log-time" dateTime={line.time} title={line.time}>
        {line.time.slice(11, 23)}
      </time>
      <span className="log-service" style={{ borderColor: serviceColour(line.service) }} title={`task ${line.task}`}>
        {line.service}
      </span>
      <span className={`log-level log-level-${line.level}`}>{line.level === 'other' ? '' : line.level}</span>
      {line.json ? (
        <button
          type="button"
          className="log-text log-json"
          aria-expanded={selected}
          onClick={() => onSelect(selected ? undefined : { seq, line })}
        >
          {line.text}
        </button>
      ) : (
        <span className="log-text">{line.text}</span>
      )}
    </div>
  );
});
