import { type ReactNode, useRef } from 'react';

import { shownCount, useUplinksStore } from '../../stores/uplinks-store';
import { useGrowingListVirtualizer } from '../use-growing-list-virtualizer';
import { rowHeight, UplinkTableRow } from './uplink-table-row';

/** Rows the virtualizer's count grows by (use-growing-list-virtualizer.ts). */
const countStep = 4096;

/**
 * The uplinks, newest first, virtualized: only the rows on screen are in the DOM, whatever the
 * buffer holds. Rows keep one height (details open in the panel), so nothing is measured.
 */
export function UplinkTable(): ReactNode {
  useUplinksStore((s) => s.version);
  const buffer = useUplinksStore((s) => s.buffer);
  const pausedAt = useUplinksStore((s) => s.pausedAt);
  const detailSeq = useUplinksStore((s) => s.detail?.seq);
  const showDetail = useUplinksStore((s) => s.showDetail);
  const count = shownCount({ buffer, pausedAt });
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useGrowingListVirtualizer(count, { rowHeight, countStep, scroller });

  return (
    <div className="uplink-table" role="table" aria-label="Uplinks" aria-rowcount={count}>
      <div className="uplink-row uplink-head" role="row">
        <span role="columnheader">Received</span>
        <span role="columnheader">Application</span>
        <span role="columnheader">Device</span>
        <span role="columnheader">fPort</span>
        <span role="columnheader">f_cnt</span>
        <span role="columnheader">RSSI</span>
        <span role="columnheader">SNR</span>
        <span role="columnheader">Decoded samples</span>
      </div>
      <div className="uplink-scroller" ref={scroller} data-testid="uplink-rows">
        <div className="uplink-canvas" style={{ height: count * rowHeight }}>
          {virtualizer.getVirtualItems().map((item) => {
            // Newest first: slot 0 shows the last matching row.
            const row = item.index < count ? buffer.matchAt(count - 1 - item.index)?.item : undefined;
            if (!row) return null;
            return (
              <UplinkTableRow
                key={row.seq}
                row={row}
                top={item.start}
                selected={row.seq === detailSeq}
                onSelect={showDetail}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
