import type { UplinkRow } from '../../../electron/contract';
import { FilteredRing } from './filtered-ring';

export interface UplinkFilter {
  /** Undefined: every device. */
  deviceId: string | undefined;
  fPort: number | undefined;
  /** Only uplinks that did not decode (decode errors, broken messages, no payload). */
  problemsOnly: boolean;
  /** Epoch milliseconds, inclusive; undefined: open. */
  sinceMs: number | undefined;
  untilMs: number | undefined;
}

export const everyUplink: UplinkFilter = {
  deviceId: undefined,
  fPort: undefined,
  problemsOnly: false,
  sinceMs: undefined,
  untilMs: undefined,
};

export function matches(row: UplinkRow, filter: UplinkFilter): boolean {
  if (filter.deviceId !== undefined && row.deviceId !== filter.deviceId) return false;
  if (filter.fPort !== undefined && row.fPort !== filter.fPort) return false;
  if (filter.problemsOnly && row.status === 'decoded') return false;
  if (filter.sinceMs === undefined && filter.untilMs === undefined) return true;
  const timeMs = Date.parse(row.receivedAt);
  return (
    (filter.sinceMs === undefined || timeMs >= filter.sinceMs) &&
    (filter.untilMs === undefined || timeMs <= filter.untilMs)
  );
}

/**
 * The Uplinks view's rows: the last `capacity` of them, and which match the filter. Rows also
 * carry the core's own number (`row.seq`), which names their raw message there. The devices and
 * ports seen feed the filter menus.
 */
export class UplinkBuffer extends FilteredRing<UplinkRow, UplinkFilter> {
  readonly devices = new Set<string>();
  readonly ports = new Set<number>();

  constructor(capacity: number) {
    super(capacity, matches);
  }

  override add(rows: readonly UplinkRow[], filter: UplinkFilter): void {
    for (const row of rows) {
      this.devices.add(row.deviceId);
      if (row.fPort !== undefined) this.ports.add(row.fPort);
    }
    super.add(rows, filter);
  }
}
