import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';

import type { RecoveryDeviceGaps, RecoveryPlan } from '../../../../electron/contract';
import { useRecoveryStore } from '../../stores/recovery-store';
import { formatDuration, formatTime, plural } from './recovery-format';

/** Fixed row height: the list positions rows by it and never measures them. */
const rowHeight = 34;

/** Step 2: each device's gaps on one timeline of the retention window; devices with gaps first. */
export function RecoveryGaps({ plan }: { plan: RecoveryPlan }): ReactNode {
  const startFetch = useRecoveryStore((s) => s.startFetch);
  const restart = useRecoveryStore((s) => s.restart);
  const devices = [...plan.devices].sort((a, b) => gapSeconds(b) - gapSeconds(a) || a.alias.localeCompare(b.alias));
  const withGaps = devices.filter((device) => device.gaps.length > 0).length;
  const expected = devices.reduce((sum, device) => sum + device.gaps.reduce((s, gap) => s + gap.expectedSamples, 0), 0);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- rows are plain data, re-rendered with the plan
  const virtualizer = useVirtualizer({
    count: devices.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const span = plan.window.toS - plan.window.fromS;

  return (
    <div className="recovery-step">
      <p className="recovery-summary" role="status">
        {plural(withGaps, 'device')} of {devices.length} with gaps between {formatTime(plan.window.fromS)} and{' '}
        {formatTime(plan.window.toS)}: about {plural(expected, 'sample')} missing, to fetch in{' '}
        {plural(plan.ranges.length, 'request range')}.
      </p>
      {devices.length === 0 ? (
        <p className="state">The database has no device of this application.</p>
      ) : (
        <div className="recovery-timeline">
          <div className="recovery-axis">
            <span>{formatTime(plan.window.fromS)}</span>
            <span>{formatTime(plan.window.toS)}</span>
          </div>
          <div className="recovery-gap-scroller" ref={scroller} data-testid="recovery-gaps">
            <div className="recovery-gap-canvas" style={{ height: devices.length * rowHeight }}>
              {virtualizer.getVirtualItems().map((item) => {
                const device = devices[item.index]!;
                return (
                  <div
                    key={device.nodeId}
                    className="recovery-gap-row"
                    style={{ transform: `translateY(${item.start}px)` }}
                    data-testid="recovery-gap-row"
                  >
                    <span className="recovery-device" title={device.eui}>
                      {device.alias}
                    </span>
                    <span className="recovery-bar" aria-label={describeGaps(device)}>
                      {device.gaps.map((gap) => (
                        <span
                          key={gap.fromS}
                          className="recovery-gap"
                          title={`${formatTime(gap.fromS)} – ${formatTime(gap.toS)}`}
                          style={{
                            left: `${((gap.fromS - plan.window.fromS) / span) * 100}%`,
                            width: `${Math.max(0.3, ((gap.toS - gap.fromS) / span) * 100)}%`,
                          }}
                        />
                      ))}
                    </span>
                    <span className="recovery-gap-total">
                      {device.gaps.length === 0 ? 'complete' : formatDuration(gapSeconds(device))}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
      <div className="recovery-nav">
        <button type="button" onClick={restart}>
          Back
        </button>
        <button type="button" className="primary" disabled={plan.ranges.length === 0} onClick={startFetch}>
          {plan.ranges.length === 0 ? 'Nothing to fetch' : 'Fetch from TTN'}
        </button>
      </div>
    </div>
  );
}

function gapSeconds(device: RecoveryDeviceGaps): number {
  return device.gaps.reduce((sum, gap) => sum + gap.toS - gap.fromS, 0);
}

function describeGaps(device: RecoveryDeviceGaps): string {
  if (device.gaps.length === 0) return `${device.alias}: no gaps`;
  return `${device.alias}: ${device.gaps.map((gap) => `${formatTime(gap.fromS)} – ${formatTime(gap.toS)}`).join(', ')}`;
}
