import { type ReactNode, useEffect } from 'react';

import type { RecoveryPreview as Preview } from '../../../../electron/contract';
import { LoadView } from '../../shell/load-view';
import { useRecoveryStore } from '../../stores/recovery-store';
import { RecoveryChart } from './recovery-chart';
import { RecoveryFixtureNote } from './recovery-fixture-note';
import { plural } from './recovery-format';
import { RecoveryProblems } from './recovery-problems';

/** Step 4: per device what was fetched, what the database has, what an import writes; one device charted. */
export function RecoveryPreview({ preview }: { preview: Preview }): ReactNode {
  const chartNode = useRecoveryStore((s) => s.chartNode);
  const series = useRecoveryStore((s) => s.series);
  const showSeries = useRecoveryStore((s) => s.showSeries);
  const startImport = useRecoveryStore((s) => s.startImport);
  const writeFixture = useRecoveryStore((s) => s.writeFixture);
  const restart = useRecoveryStore((s) => s.restart);
  const importable = preview.devices.filter((device) => !device.unknownNode);
  const missing = importable.reduce((sum, device) => sum + device.missing, 0);
  const firstWithMissing = importable.find((device) => device.missing > 0)?.nodeId;

  useEffect(() => {
    if (!chartNode && firstWithMissing) void showSeries(firstWithMissing);
  }, [chartNode, firstWithMissing, showSeries]);

  return (
    <div className="recovery-step">
      <p className="recovery-summary" role="status">
        {plural(preview.uplinks, 'uplink')} fetched: {plural(missing, 'sample')} missing from the database, to import.
      </p>
      <RecoveryProblems problems={preview.problems} />
      {preview.devices.length === 0 ? (
        <p className="state">TTN returned no uplinks for these ranges.</p>
      ) : (
        <div className="recovery-preview">
          <div className="recovery-table-scroller">
            <table className="table recovery-table" data-testid="recovery-preview">
              <thead>
                <tr>
                  <th>Device</th>
                  <th className="number">Fetched</th>
                  <th className="number">Already stored</th>
                  <th className="number">To import</th>
                  <th className="number">Lost before TTN</th>
                  <th>Chart</th>
                </tr>
              </thead>
              <tbody>
                {preview.devices.map((device) => (
                  <tr key={device.nodeId} className={device.nodeId === chartNode ? 'selected' : undefined}>
                    <td>
                      {device.deviceId}
                      {device.unknownNode && <span className="recovery-warning"> not registered</span>}
                    </td>
                    <td className="number">{device.fetched.toLocaleString('en')}</td>
                    <td className="number">{device.present.toLocaleString('en')}</td>
                    <td className="number">{device.unknownNode ? '–' : device.missing.toLocaleString('en')}</td>
                    <td className="number" title="frames whose counter TTN never stored either">
                      {device.lostFrames === 0 ? '' : plural(device.lostFrames, 'frame')}
                    </td>
                    <td>
                      <button
                        type="button"
                        disabled={device.nodeId === chartNode}
                        onClick={() => void showSeries(device.nodeId)}
                      >
                        Show
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {chartNode && (
            <figure className="recovery-figure">
              <figcaption>
                CO2 of {preview.devices.find((device) => device.nodeId === chartNode)?.deviceId}, recovered samples in
                orange
              </figcaption>
              <LoadView state={series} what="the chart" onRetry={() => void showSeries(chartNode)}>
                {(points) => <RecoveryChart points={points} />}
              </LoadView>
            </figure>
          )}
        </div>
      )}
      <div className="recovery-nav">
        <button type="button" onClick={restart}>
          Start over
        </button>
        <button type="button" onClick={() => void writeFixture()}>
          Write as fixture
        </button>
        <button type="button" className="primary" disabled={missing === 0} onClick={startImport}>
          {missing === 0 ? 'Nothing to import' : `Import ${plural(missing, 'sample')}`}
        </button>
      </div>
      <RecoveryFixtureNote />
    </div>
  );
}
