import { describe, expect, it } from 'vitest';

import type { Plan } from '../core/stack/plan/plan-schema';
import { formatPlan } from './format-plan';

const empty: Plan = {
  stack: 'clair',
  services: [],
  secrets: [],
  configs: [],
  networks: [],
  volumes: [],
  noChanges: true,
};

describe('formatPlan', () => {
  it('says so when nothing changes', () => {
    expect(formatPlan(empty)).toEqual(['No changes.']);
  });

  it('shows each service action, the changed fields and whether tasks restart', () => {
    const plan: Plan = {
      ...empty,
      noChanges: false,
      services: [
        { key: 'db', name: 'clair_db', action: 'unchanged', changes: [], restarts: false },
        {
          key: 'web',
          name: 'clair_web',
          action: 'update',
          restarts: true,
          changes: [
            { field: 'image', before: 'clair/nginx:1', after: 'clair/nginx:2' },
            {
              field: 'env',
              before: ['API_TOKEN=old', 'GREETING=hello', 'GONE=1'],
              after: ['API_TOKEN=new', 'GREETING=bonjour', 'NEW=2'],
            },
            { field: 'secrets', before: [{ name: 'clair_token_aaa' }], after: [{ name: 'clair_token_bbb' }] },
          ],
        },
        {
          key: 'proxy',
          name: 'clair_proxy',
          action: 'update',
          restarts: false,
          changes: [{ field: 'labels', before: { a: '1' }, after: { a: '2' } }],
        },
        {
          key: 'cache',
          name: 'clair_cache',
          action: 'create',
          restarts: false,
          changes: [{ field: 'spec', before: null, after: {} }],
        },
        { key: 'clair_old', name: 'clair_old', action: 'remove', restarts: false, changes: [] },
      ],
      secrets: [
        { name: 'clair_token_bbb', action: 'create', by: 'apply' },
        { name: 'clair_token_aaa', action: 'remove', by: 'apply' },
      ],
      networks: [{ name: 'clair_back', action: 'create', by: 'apply' }],
      volumes: [{ name: 'clair_data', action: 'create', by: 'swarm' }],
    };
    expect(formatPlan(plan)).toEqual([
      'Stack clair:',
      '~ update service web (restarts its tasks)',
      '      image: clair/nginx:1 → clair/nginx:2',
      '      env API_TOKEN: <secret> → <secret>',
      '      env GONE: "1" → (unset)',
      '      env GREETING: "hello" → "bonjour"',
      '      env NEW: (unset) → "2"',
      '      secrets: [{"name":"clair_token_aaa"}] → [{"name":"clair_token_bbb"}]',
      '~ update service proxy (no restart)',
      '      labels: {"a":"1"} → {"a":"2"}',
      '+ create service cache',
      '- remove service clair_old',
      '  unchanged: db',
      '+ create secret clair_token_bbb',
      '- remove secret clair_token_aaa',
      '+ create network clair_back',
      '+ create volume clair_data (by the swarm, on first use)',
    ]);
  });
});
