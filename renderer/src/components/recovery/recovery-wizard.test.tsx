// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type {
  RecoveryFetchEvent,
  RecoveryImportEvent,
  RecoveryPlan,
  RecoveryPreview,
  StreamListener,
} from '../../../../electron/contract';
import { useRecoveryStore } from '../../stores/recovery-store';
import { RecoveryWizard } from './recovery-wizard';

const api = vi.hoisted(() => ({
  recovery: {
    source: vi.fn(),
    runs: vi.fn(),
    findGaps: vi.fn(),
    fetch: vi.fn(),
    series: vi.fn(),
    import: vi.fn(),
    writeFixture: vi.fn(),
  },
}));
vi.mock('../../api/clair', () => ({ clair: api }));
// uPlot draws on a canvas, which happy-dom lacks; the chart is seen in Chromium (recovery.e2e.test.ts).
vi.mock('./recovery-chart', () => ({ RecoveryChart: () => null }));

afterEach(cleanup);

const plan: RecoveryPlan = {
  runId: 'run-1',
  environment: 'dev',
  applicationId: 'ers-dev',
  window: { fromS: 0, toS: 86_400 },
  devices: [
    {
      nodeId: 'n1',
      alias: 'room 1',
      eui: 'A1',
      samples: 200,
      intervalS: 356,
      gaps: [{ fromS: 3600, toS: 7200, expectedSamples: 9 }],
    },
    { nodeId: 'n2', alias: 'room 2', eui: 'A2', samples: 240, intervalS: 356, gaps: [] },
  ],
  ranges: [{ fromS: 3599, toS: 7556 }],
};

const preview: RecoveryPreview = {
  runId: 'run-1',
  uplinks: 12,
  devices: [
    { nodeId: 'n1', deviceId: 'eui-a1', fetched: 36, present: 6, missing: 30, unknownNode: false, lostFrames: 2 },
  ],
  problems: [
    {
      scope: 'uplink',
      subject: 'uplink f_cnt 7 of eui-a1 at 2026-11-23T01:00:00Z',
      message: 'does not decode: empty payload',
    },
  ],
};

describe('the recovery wizard', () => {
  it('goes from the gaps through the fetch and its problems to the preview, the import and the report', async () => {
    api.recovery.source.mockResolvedValue({
      storageUrl: 'https://eu1.cloud.thethings.network',
      applications: [{ applicationId: 'ers-dev', protocol: 'ELSYSERS', variable: 'ERS_TTN_APPLICATION_ID' }],
      problems: [],
    });
    api.recovery.runs.mockResolvedValue([]);
    api.recovery.findGaps.mockResolvedValue(plan);
    api.recovery.series.mockResolvedValue([]);
    let fetchListener: StreamListener<RecoveryFetchEvent> | undefined;
    api.recovery.fetch.mockImplementation((_request, listener: StreamListener<RecoveryFetchEvent>) => {
      fetchListener = listener;
      return () => undefined;
    });
    let importListener: StreamListener<RecoveryImportEvent> | undefined;
    api.recovery.import.mockImplementation((_request, listener: StreamListener<RecoveryImportEvent>) => {
      importListener = listener;
      return () => undefined;
    });

    render(<RecoveryWizard environment="dev" />);
    await act(() => useRecoveryStore.getState().load('dev'));
    expect(screen.getByText('https://eu1.cloud.thethings.network')).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Find gaps' })));
    expect(api.recovery.findGaps).toHaveBeenCalledWith({
      environment: 'dev',
      applicationId: 'ers-dev',
      retentionHours: 24,
    });
    expect(screen.getByRole('status').textContent).toMatch(
      /^1 device of 2 with gaps .*about 9 samples missing, to fetch in 1 request range\.$/,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Fetch from TTN' }));
    act(() => {
      fetchListener!({ type: 'event', event: { type: 'progress', rangesDone: 0, ranges: 1, uplinks: 5 } });
      fetchListener!({
        type: 'event',
        event: {
          type: 'problem',
          problem: { scope: 'request', subject: '01:00 – 02:00', message: 'the stream broke off after 5 messages' },
        },
      });
    });
    expect(screen.getByText('Fetching: 0 of 1 ranges, 5 uplinks so far…')).toBeTruthy();
    expect(screen.getAllByTestId('recovery-problem')[0]!.textContent).toBe(
      'Request 01:00 – 02:00: the stream broke off after 5 messages',
    );

    await act(async () => fetchListener!({ type: 'event', event: { type: 'preview', preview } }));
    expect(screen.getByRole('button', { name: 'Import 30 samples' })).toBeTruthy();
    expect(screen.getByText('2 frames')).toBeTruthy();
    expect(screen.getByTestId('recovery-problem').textContent).toContain('does not decode: empty payload');
    expect(api.recovery.series).toHaveBeenCalledWith({ environment: 'dev', runId: 'run-1', nodeId: 'n1' });

    fireEvent.click(screen.getByRole('button', { name: 'Import 30 samples' }));
    act(() => importListener!({ type: 'event', event: { type: 'progress', done: 20, total: 30, inserted: 20 } }));
    expect(screen.getByText('Importing: 20 of 30 samples…')).toBeTruthy();
    act(() => {
      importListener!({
        type: 'event',
        event: {
          type: 'report',
          report: {
            runId: 'run-1',
            environment: 'dev',
            applicationId: 'ers-dev',
            inserted: 30,
            alreadyPresent: 0,
            skipped: 0,
            devices: preview.devices,
            problems: preview.problems,
            finishedAt: '2026-11-23T12:00:00Z',
          },
        },
      });
      importListener!({ type: 'end' });
    });
    expect(screen.getByTestId('recovery-report').textContent).toBe(
      'Recovered 30 samples of 1 device into dev (ers-dev). 2 frames never reached TTN and cannot be recovered.',
    );
  });
});
