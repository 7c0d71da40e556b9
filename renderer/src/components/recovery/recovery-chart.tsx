import 'uplot/dist/uPlot.min.css';

import { type ReactNode, useEffect, useRef } from 'react';
import uPlot from 'uplot';

import type { RecoverySeriesPoint } from '../../../../electron/contract';

/**
 * One device's CO2 over the window: the database's samples as a line, the recovered ones as
 * orange points on it, so the filled gap is plain to see. Recovered points only join the line
 * where they fill it; gaps nothing filled stay open.
 */
export function RecoveryChart({ points }: { points: RecoverySeriesPoint[] }): ReactNode {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const times = points.map((point) => point.t);
    const all = points.map((point) => point.co2);
    const recovered = points.map((point) => (point.recovered ? point.co2 : null));
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 260,
        scales: { x: { time: true } },
        series: [
          {},
          { label: 'CO2 (ppm)', stroke: '#0b7a75', width: 1.5, spanGaps: false, points: { show: false } },
          {
            label: 'recovered',
            stroke: '#e07000',
            width: 0,
            points: { show: true, size: 6, fill: '#e07000', stroke: '#e07000' },
          },
        ],
        axes: [{}, { label: 'ppm' }],
      },
      [times, all, recovered],
      element,
    );
    return () => plot.destroy();
  }, [points]);
  return <div className="recovery-chart" ref={container} data-testid="recovery-chart" />;
}
