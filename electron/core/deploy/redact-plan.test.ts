import { describe, expect, it } from 'vitest';

import type { Plan } from '../../contract';
import { redactPlan } from './redact-plan';

const plan = (before: unknown, after: unknown): Plan => ({
  stack: 'clair',
  services: [
    { key: 'web', name: 'clair_web', action: 'update', changes: [{ field: 'env', before, after }], restarts: true },
  ],
  secrets: [],
  configs: [],
  networks: [],
  volumes: [],
  noChanges: false,
});

describe('redactPlan', () => {
  it('hides the values of secret-like variables and keeps the others readable', () => {
    const redacted = redactPlan(plan(['API_TOKEN=old', 'GREETING=hello'], ['API_TOKEN=new', 'GREETING=bonjour']));
    expect(redacted.services[0]?.changes[0]).toEqual({
      field: 'env',
      before: ['API_TOKEN=<secret>', 'GREETING=hello'],
      after: ['API_TOKEN=<secret>', 'GREETING=bonjour'],
    });
  });

  it('finds them deep inside the spec of a service to create', () => {
    const spec = { TaskTemplate: { ContainerSpec: { Image: 'nginx', Env: ['DB_PASSWORD=hunter2'] } } };
    const redacted = redactPlan(plan(null, spec));
    expect(JSON.stringify(redacted)).not.toContain('hunter2');
    expect(JSON.stringify(redacted)).toContain('DB_PASSWORD=<secret>');
    expect(JSON.stringify(redacted)).toContain('nginx');
  });
});
