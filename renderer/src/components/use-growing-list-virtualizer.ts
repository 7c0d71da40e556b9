import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

/**
 * The virtualizer of a list of fixed-height rows that grows by batches (logs, uplinks). It
 * rebuilds its position table (two arrays of `count` entries) whenever `count` changes: at
 * 200,000 rows and ten batches a second that is most of a frame, and megabytes of garbage, each
 * time. It gets the row count rounded up to `countStep` instead, so it rebuilds once every few
 * thousand rows; the slots past the last row render nothing, and the canvas is as tall as the
 * real rows.
 */
export function useGrowingListVirtualizer(
  count: number,
  options: { rowHeight: number; countStep: number; scroller: RefObject<HTMLDivElement | null> },
) {
  const { rowHeight, countStep, scroller } = options;
  // eslint-disable-next-line react-hooks/incompatible-library -- the lists using it re-render on every store version anyway
  return useVirtualizer({
    count: Math.ceil(count / countStep) * countStep,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
}
