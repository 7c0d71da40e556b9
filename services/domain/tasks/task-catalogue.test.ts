import { describe, expect, it } from 'vitest';

import { parseTaskRequest } from './task-catalogue';

describe('the task catalogue', () => {
  it('applies the defaults of a known task', () => {
    expect(parseTaskRequest('check-node-fidelity', {})).toEqual({
      task: 'check-node-fidelity',
      data: { lookbackSeconds: 7200 },
    });
  });

  it.each([
    ['no-such-task', {}, 'Unknown task "no-such-task"; known tasks: check-node-fidelity'],
    ['check-node-fidelity', { lookbackSeconds: 0 }, /data\.lookbackSeconds: Too small/],
    ['check-node-fidelity', { lookbackSeconds: 1.5 }, /data\.lookbackSeconds: Invalid input: expected int/],
    ['check-node-fidelity', { lookback: 60 }, /data: Unrecognized key: "lookback"/],
    ['check-node-fidelity', [], /data: Invalid input: expected object, received array/],
  ])('refuses %s with %j, naming what is wrong', (task, data, message) => {
    expect(() => parseTaskRequest(task, data)).toThrow(message);
  });
});
