import { describe, expect, it } from 'vitest';

import { confirmationFor, type StackAction } from './confirmation';

const local = 'default';
const remote = 'staging-swarm';

describe('confirmationFor', () => {
  it.each<[StackAction, 'development' | 'staging' | 'production', string, boolean]>([
    // Reading never asks, not even production over SSH.
    ['plan', 'production', remote, false],
    ['history', 'production', remote, false],
    ['logs', 'production', remote, false],
    ['plan', 'development', local, false],
    // Changes on this machine's engine ask only for production, and only when they destroy.
    ['deploy', 'development', local, false],
    ['deploy', 'staging', local, false],
    ['deploy', 'production', local, true],
    ['rm', 'production', local, true],
    ['rollback', 'production', local, true],
    ['fixtures-load', 'production', local, true],
    ['manage', 'production', local, true],
    ['volumes-create', 'production', local, false],
    ['manage', 'development', local, false],
    // Every change on another engine asks, whatever the class.
    ['deploy', 'development', remote, true],
    ['rm', 'staging', remote, true],
    ['rollback', 'staging', remote, true],
    ['volumes-create', 'development', remote, true],
    ['fixtures-load', 'development', remote, true],
    ['manage', 'staging', remote, true],
  ])('%s on a %s environment on context %s: confirm %s', (action, environmentClass, dockerContext, expected) => {
    expect(confirmationFor(action, { environmentClass, dockerContext }).required).toBe(expected);
  });

  it('says why it asks', () => {
    expect(confirmationFor('deploy', { environmentClass: 'production', dockerContext: 'prod' })).toEqual({
      required: true,
      reason: 'it changes the swarm of the docker context "prod"',
    });
    expect(confirmationFor('rm', { environmentClass: 'production', dockerContext: local })).toEqual({
      required: true,
      reason: 'it changes a production environment',
    });
  });
});
