import { type ReactNode, useCallback, useLayoutEffect, useRef } from 'react';

import { shownCount, useLogsStore } from '../../stores/logs-store';
import { useGrowingListVirtualizer } from '../use-growing-list-virtualizer';
import { LogRow, rowHeight } from './log-row';

/** How far from the bottom (px) still counts as "at the newest line". */
const bottomSlack = rowHeight * 2;
/** Rows the virtualizer's count grows by (use-growing-list-virtualizer.ts). */
const countStep = 8192;

/**
 * The lines, virtualized: only the rows on screen are in the DOM, whatever the buffer holds.
 * Every row has the same height (a JSON line opens in the detail panel, not in place), so the
 * virtualizer never measures a row and its size bookkeeping changes only with the row count.
 * Following keeps the newest line in view; scrolling up stops that until "jump to latest".
 */
export function LogList(): ReactNode {
  const version = useLogsStore((s) => s.version);
  const buffer = useLogsStore((s) => s.buffer);
  const pausedAt = useLogsStore((s) => s.pausedAt);
  const following = useLogsStore((s) => s.following);
  const detailSeq = useLogsStore((s) => s.detail?.seq);
  const setFollowing = useLogsStore((s) => s.setFollowing);
  const showDetail = useLogsStore((s) => s.showDetail);
  const count = shownCount({ buffer, pausedAt });
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useGrowingListVirtualizer(count, { rowHeight, countStep, scroller });

  // Before paint, so the newest lines never flash at the old scroll position. A plain scrollTop:
  // with fixed rows the end is known, and the virtualizer follows the scroll event.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (following && element) element.scrollTop = element.scrollHeight;
  }, [following, count, version]);

  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= bottomSlack;
    setFollowing(atBottom);
  }, [setFollowing]);

  return (
    <div className="log-scroller" ref={scroller} onScroll={onScroll} data-testid="log-list">
      <div className="log-canvas" style={{ height: count * rowHeight }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = item.index < count ? buffer.matchAt(item.index) : undefined;
          if (!entry) return null;
          // Keyed by sequence number, not index: once the ring buffer is full, index i holds a
          // different line after every batch, while a line's sequence number never changes.
          return (
            <LogRow
              key={entry.seq}
              seq={entry.seq}
              line={entry.item}
              top={item.start}
              selected={entry.seq === detailSeq}
              onSelect={showDetail}
            />
          );
        })}
      </div>
    </div>
  );
}
