import { describe, expect, it } from 'vitest';

import { confirmationFor, type StackAction } from './confirmation';

const local = 'default';
const remote = 'staging-swarm';

describe('confirmationFor', () => {
  it.each<[StackAction, 'development' | 'staging' | 'production', string, boolean]>([
    // On this machine's engine only production asks, for every action, reading ones too.
    ['plan', 'development', local, false],
    ['deploy', 'development', local, false],
    ['deploy', 'staging', local, false],
    ['manage', 'development', local, false],
    ['plan', 'production', local, true],
    ['history', 'production', local, true],
    ['logs', 'production', local, true],
    ['deploy', 'production', local, true],
    ['rm', 'production', local, true],
    ['rollback', 'production', local, true],
    ['fixtures-load', 'production', local, true],
    ['manage', 'production', local, true],
    ['volumes-create', 'production', local, true],
    // Every action on another engine asks, whatever the class.
    ['plan', 'development', remote, true],
    ['logs', 'staging', remote, true],
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
      reason: 'deploy acts on the swarm of the docker context "prod"',
    });
    expect(confirmationFor('rm', { environmentClass: 'production', dockerContext: local })).toEqual({
      required: true,
      reason: 'rm acts on a production environment',
    });
  });
});
