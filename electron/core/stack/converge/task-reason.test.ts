import { describe, expect, it } from 'vitest';

import { taskFailureReason } from './task-reason';

describe('taskFailureReason', () => {
  it('says what went wrong in plain words', () => {
    const reason = (err: string, exitCode?: number) =>
      taskFailureReason('clair/nope:1', { State: 'failed', Err: err, ContainerStatus: { ExitCode: exitCode } });
    expect(reason('No such image: clair/nope:1')).toBe(
      'the image clair/nope:1 does not exist on the node and cannot be pulled (no such image)',
    );
    expect(reason('no suitable node (scheduling constraints not satisfied on 1 node)')).toMatch(/^no node can run/);
    expect(reason('task: non-zero exit (3)', 3)).toBe('the container exited with code 3');
    expect(reason('task: non-zero exit (137)')).toMatch(/out of memory or SIGKILL/);
    expect(taskFailureReason('x', { State: 'failed', Err: 'task: non-zero exit (137)' }, { oomKilled: true })).toBe(
      'the container ran out of memory and was killed (OOM killed)',
    );
    expect(
      taskFailureReason(
        'x',
        { State: 'failed', Err: 'dockerexec: unhealthy container' },
        { healthOutput: 'refused\n' },
      ),
    ).toBe('the healthcheck kept failing: refused');
  });
});
