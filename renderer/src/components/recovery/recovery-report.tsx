import type { ReactNode } from 'react';

import type { RecoveryReport as Report } from '../../../../electron/contract';
import { useRecoveryStore } from '../../stores/recovery-store';
import { RecoveryFixtureNote } from './recovery-fixture-note';
import { plural } from './recovery-format';
import { RecoveryProblems } from './recovery-problems';

/** Step 6: what the recovery wrote, skipped and could not fetch; and the result as a fixture file. */
export function RecoveryReport({ report }: { report: Report }): ReactNode {
  const writeFixture = useRecoveryStore((s) => s.writeFixture);
  const restart = useRecoveryStore((s) => s.restart);
  const lostFrames = report.devices.reduce((sum, device) => sum + device.lostFrames, 0);
  return (
    <div className="recovery-step">
      <div className="banner banner-ok" role="status" data-testid="recovery-report">
        Recovered {plural(report.inserted, 'sample')} of {plural(report.devices.length, 'device')} into{' '}
        {report.environment} ({report.applicationId}).
        {report.alreadyPresent > 0 && ` ${plural(report.alreadyPresent, 'sample')} were there already.`}
        {report.skipped > 0 && ` ${plural(report.skipped, 'sample')} of unregistered nodes were skipped.`}
        {lostFrames > 0 && ` ${plural(lostFrames, 'frame')} never reached TTN and cannot be recovered.`}
      </div>
      {report.devices.length > 0 && (
        <table className="table recovery-table">
          <thead>
            <tr>
              <th>Device</th>
              <th className="number">Recovered</th>
              <th className="number">Already stored</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {report.devices.map((device) => (
              <tr key={device.nodeId}>
                <td>{device.deviceId}</td>
                <td className="number">{device.unknownNode ? '–' : device.missing.toLocaleString('en')}</td>
                <td className="number">{device.present.toLocaleString('en')}</td>
                <td>
                  {device.unknownNode
                    ? 'not registered: skipped'
                    : device.lostFrames > 0
                      ? `${plural(device.lostFrames, 'frame')} never reached TTN`
                      : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RecoveryProblems problems={report.problems} />
      <div className="recovery-nav">
        <button type="button" onClick={restart}>
          New recovery
        </button>
        <button type="button" className="primary" onClick={() => void writeFixture()}>
          Write as fixture
        </button>
      </div>
      <RecoveryFixtureNote />
    </div>
  );
}
