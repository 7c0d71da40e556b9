import { describe, expect, it } from 'vitest';

import { healthFromStatus, type ServiceInfo, summarizeService, type TaskInfo } from './service-summary';

const service = (mode: ServiceInfo['Spec']['Mode']): ServiceInfo => ({
  ID: 's1',
  UpdatedAt: '2026-01-01T00:00:00Z',
  Spec: { Name: 'clair_web', TaskTemplate: { ContainerSpec: { Image: 'clair/nginx:1.22@sha256:abc' } }, Mode: mode },
});
const task = (id: string, slot: number, state: string, desired = 'running', at = '2026-01-01T00:00:01Z'): TaskInfo => ({
  ID: id,
  ServiceID: 's1',
  Slot: slot,
  NodeID: 'n1',
  DesiredState: desired,
  UpdatedAt: at,
  Status: {
    State: state,
    Err: state === 'failed' ? 'task: non-zero exit (1)' : undefined,
    ContainerStatus: { ExitCode: state === 'failed' ? 1 : 0 },
  },
});

describe('summarizeService', () => {
  it('counts running against desired, the worst health, and the failed or replaced tasks', () => {
    const summary = summarizeService(
      service({ Replicated: { Replicas: 3 } }),
      [
        task('a', 1, 'running'),
        task('b', 2, 'running'),
        task('c', 3, 'starting'),
        task('old', 2, 'failed', 'shutdown', '2026-01-01T00:00:00Z'),
        // Slot 4 was scaled away: not a restart.
        task('gone', 4, 'shutdown', 'shutdown'),
      ],
      new Map([['n1', 'node-1']]),
      new Map([
        ['a', 'healthy'],
        ['b', 'unhealthy'],
      ]),
      1,
    );
    expect(summary).toMatchObject({
      name: 'clair_web',
      image: 'clair/nginx:1.22',
      mode: 'replicated',
      replicas: { running: 2, desired: 3 },
      health: 'unhealthy',
      restarts: 1,
    });
    expect(summary.tasks.map((t) => t.id)).toEqual(['a', 'b', 'c', 'gone', 'old']);
    expect(summary.tasks[4]).toMatchObject({
      node: 'node-1',
      error: 'task: non-zero exit (1)',
      exitCode: 1,
      health: 'none',
    });
  });

  it('wants one task per active node for a global service', () => {
    const summary = summarizeService(service({ Global: {} }), [task('a', 0, 'running')], new Map(), new Map(), 2);
    expect(summary).toMatchObject({ mode: 'global', replicas: { running: 1, desired: 2 }, health: 'none' });
  });
});

describe('healthFromStatus', () => {
  it.each([
    ['Up 3 minutes (healthy)', 'healthy'],
    ['Up 2 seconds (health: starting)', 'starting'],
    ['Up 1 minute (unhealthy)', 'unhealthy'],
    ['Up 1 minute', 'none'],
  ])('reads %s as %s', (status, health) => expect(healthFromStatus(status)).toBe(health));
});
