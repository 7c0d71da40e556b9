import { describe, expect, it } from 'vitest';

import { serviceSpec } from '../swarm/service-spec';
import { testStack } from '../swarm/test-stack';
import { compareSpecs, withoutEmpty } from './spec-fields';

const model = testStack({ secretFile: '/run/token', configFile: '/run/site', webPort: 8080 });
const names = { secrets: { token: 'eng_token_aaaaaaaaaaaa' }, configs: { site: 'eng_site_bbbbbbbbbbbb' } };
const desired = () => serviceSpec('eng', 'cache', model, names);

describe('compareSpecs', () => {
  it('finds nothing between a spec and the daemon copy of it (network IDs, IDs, filled-in defaults)', () => {
    const live = structuredClone(desired());
    live.TaskTemplate.Networks = [{ Target: 'n1d', Aliases: ['cache'] }];
    live.TaskTemplate.ForceUpdate = 0;
    const secret = live.TaskTemplate.ContainerSpec.Secrets?.[0];
    if (secret) secret.SecretID = 'sid';
    expect(compareSpecs(live, desired(), new Map([['n1d', 'eng_back']]))).toEqual({ changes: [], restarts: false });
  });

  it('takes an update policy without failure action or order as the daemon fills them in', () => {
    const sent = structuredClone(desired());
    sent.UpdateConfig = { Parallelism: 1, FailureAction: '', Order: '' };
    const live = structuredClone(sent);
    live.UpdateConfig = { Parallelism: 1, FailureAction: 'pause', Order: 'stop-first' };
    expect(compareSpecs(live, sent, new Map()).changes).toEqual([]);
    live.UpdateConfig = { Parallelism: 1, FailureAction: 'rollback', Order: 'stop-first' };
    expect(compareSpecs(live, sent, new Map()).changes.map((change) => change.field)).toEqual(['update_config']);
  });

  it('lists each changed field with before and after, and whether tasks restart', () => {
    const live = structuredClone(desired());
    live.TaskTemplate.ContainerSpec.Image = 'clair/redis:6';
    live.TaskTemplate.ContainerSpec.Secrets = [];
    live.Labels = { ...live.Labels, old: 'label' };
    const { changes, restarts } = compareSpecs(live, desired(), new Map());
    expect(changes.map((change) => change.field)).toEqual(['image', 'labels', 'secrets']);
    expect(changes[0]).toEqual({ field: 'image', before: 'clair/redis:6', after: 'clair/redis:7' });
    expect(changes[2]?.after).toEqual([
      { name: 'eng_token_aaaaaaaaaaaa', target: 'token', uid: '0', gid: '0', mode: 0o400 },
    ]);
    expect(restarts).toBe(true);
  });

  it('does not restart tasks for service labels or update policy alone', () => {
    const live = structuredClone(desired());
    live.Labels = {};
    live.UpdateConfig = { Parallelism: 2 };
    const { changes, restarts } = compareSpecs(live, desired(), new Map());
    expect(changes.map((change) => change.field)).toEqual(['labels', 'update_config']);
    expect(restarts).toBe(false);
  });
});

describe('withoutEmpty', () => {
  it('treats what the daemon leaves out as unset', () => {
    expect(withoutEmpty({ a: '', b: 0, c: [], d: { e: null, f: false }, g: [1, {}], h: 'x' })).toEqual({
      g: [1],
      h: 'x',
    });
  });
});
