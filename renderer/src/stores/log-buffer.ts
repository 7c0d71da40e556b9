import type { LogLevel, LogLine } from '../../../electron/contract';
import { FilteredRing } from './filtered-ring';

export interface LogFilter {
  /** Undefined: every text matches. */
  pattern: RegExp | undefined;
  levels: ReadonlySet<LogLevel>;
  hiddenServices: ReadonlySet<string>;
}

export function matches(line: LogLine, filter: LogFilter): boolean {
  return (
    filter.levels.has(line.level) &&
    !filter.hiddenServices.has(line.service) &&
    (filter.pattern === undefined || filter.pattern.test(line.text))
  );
}

/** The Logs view's lines: the last `capacity` of them, and which match the filter. */
export class LogBuffer extends FilteredRing<LogLine, LogFilter> {
  constructor(capacity: number) {
    super(capacity, matches);
  }
}
