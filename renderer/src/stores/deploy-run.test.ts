import { describe, expect, it } from 'vitest';

import type { DeployEvent, Plan } from '../../../electron/contract';
import { runEnded, runProgress, runWithEvent, startRun } from './deploy-run';

const plan: Plan = {
  stack: 's',
  services: [
    { key: 'web', name: 's_web', action: 'update', changes: [], restarts: true },
    { key: 'cache', name: 's_cache', action: 'unchanged', changes: [], restarts: false },
    { key: 'old', name: 's_old', action: 'remove', changes: [], restarts: false },
  ],
  secrets: [],
  configs: [],
  networks: [],
  volumes: [],
  noChanges: false,
};

// One event a second after a start at 1000.
const replay = (events: DeployEvent[]) =>
  events.reduce((run, event, index) => runWithEvent(run, event, 2000 + index * 1000), startRun('deploy', 'dev', 1000));

describe('a run followed event by event', () => {
  it('gives each changed service a row, then moves it to its end', () => {
    const run = replay([
      { type: 'plan', plan },
      { type: 'progress', service: 's_web', running: 0, desired: 2 },
      { type: 'applied', kind: 'service', name: 's_old', action: 'remove' },
    ]);
    expect(run.status).toBe('running');
    expect(run.services.map((s) => [s.key, s.state, `${s.running}/${s.desired}`])).toEqual([
      ['web', 'waiting', '0/2'],
      ['old', 'removed', '0/0'],
    ]);
    expect(runProgress(run)).toEqual({ done: 1, total: 2 });
  });

  it('keeps the failure reason and logs of a service and the result of the run', () => {
    const run = replay([
      { type: 'plan', plan },
      { type: 'failed', service: 's_web', reason: 'exit code 1', logs: ['boom'] },
      { type: 'rolling-back', service: 's_web' },
      { type: 'rolled-back', service: 's_web', ok: true },
      {
        type: 'result',
        result: 'failed',
        revision: 4,
        failures: [{ service: 's_web', reason: 'exit code 1', logs: ['boom'], rolledBack: true }],
      },
    ]);
    expect(run.services[0]).toMatchObject({
      state: 'rolled-back',
      reason: 'exit code 1',
      logs: ['boom'],
      rollbackOk: true,
      settledAfterMs: 4000,
    });
    expect(run).toMatchObject({ status: 'failed', revision: 4, startedAt: 1000, endedAt: 6000 });
    expect(runEnded(run, { code: 'failed', message: 'The deploy failed' }, 9000)).toBe(run);
  });

  it('says why when the stream ends before a result', () => {
    const refused = runEnded(
      replay([]),
      { code: 'bad-request', message: 'The stack changed since the plan was made' },
      9000,
    );
    expect(refused).toMatchObject({ status: 'error', error: 'The stack changed since the plan was made' });
    expect(runEnded(replay([{ type: 'plan', plan }]), undefined, 9000).status).toBe('error');
  });
});
