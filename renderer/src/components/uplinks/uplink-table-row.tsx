import { memo, type ReactNode } from 'react';

import type { UplinkRow } from '../../../../electron/contract';
import { formatTime, rowOutcome } from './uplink-format';

/** Every row's height (px), as the stylesheet draws it: the table positions rows by it. */
export const rowHeight = 24;

interface UplinkTableRowProps {
  row: UplinkRow;
  /** Offset from the top of the table body (px). */
  top: number;
  selected: boolean;
  onSelect: (row: UplinkRow | undefined) => void;
}

/**
 * One uplink: time, application, device, port, counter, signal and the decoded samples, or the
 * reason it did not decode. Memoized: while the view stays put, new batches leave it untouched.
 */
export const UplinkTableRow = memo(function UplinkTableRow({
  row,
  top,
  selected,
  onSelect,
}: UplinkTableRowProps): ReactNode {
  const problem = row.status !== 'decoded';
  return (
    <button
      type="button"
      className={problem ? 'uplink-row uplink-problem' : 'uplink-row'}
      data-status={row.status}
      aria-pressed={selected}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(selected ? undefined : row)}
    >
      <time dateTime={row.receivedAt} title={row.receivedAt}>
        {formatTime(row.receivedAt)}
      </time>
      <span>{row.application}</span>
      <span className="uplink-device" title={row.devEui ?? row.deviceId}>
        {row.deviceId}
      </span>
      <Cell value={row.fPort} />
      <Cell value={row.fCnt} />
      <Cell value={row.rssi} />
      <Cell value={row.snr} />
      <span className="uplink-outcome" title={rowOutcome(row)}>
        {rowOutcome(row)}
      </span>
    </button>
  );
});

function Cell({ value }: { value: number | undefined }): ReactNode {
  return <span className="uplink-number">{value ?? '–'}</span>;
}
