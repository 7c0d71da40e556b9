import { describe, expect, it } from 'vitest';

import type { StackModel } from '../stack/stack-model';
import { testService } from '../stack/swarm/test-stack';
import { storageInventory } from './storage-inventory';

const model: StackModel = {
  services: {
    db: testService({
      image: 'postgres',
      mounts: [{ type: 'volume', source: 'db_data', target: '/var/lib/postgresql/data', read_only: false }],
      secrets: [{ source: 'db_password', target: 'db_password' }],
    }),
    web: testService({ image: 'web', secrets: [{ source: 'api_key', target: 'api_key' }] }),
  },
  networks: {},
  volumes: {
    db_data: { external: true, name: 'clair-db-data' },
    cache: { external: false, driver: '', driver_opts: {}, labels: {} },
  },
  secrets: {
    db_password: { external: false, file: '/env/secrets/db_password', labels: {} },
    api_key: { external: true, name: 'shared_api_key' },
  },
  configs: {},
};

describe('storageInventory', () => {
  it('matches declarations with the swarm, with users, leftovers and what can be rotated', () => {
    const list = storageInventory({
      stack: 'clair',
      model,
      desired: { secrets: { db_password: 'clair_db_password_bbbbbbbbbbbb', api_key: 'shared_api_key' }, configs: {} },
      live: {
        volumes: [
          { name: 'clair-db-data', createdAt: '2026-01-01', ofStack: false },
          { name: 'clair_old', ofStack: true },
          { name: 'other', ofStack: false },
        ],
        secrets: [
          { name: 'clair_db_password_aaaaaaaaaaaa', createdAt: '2026-01-01', ofStack: true },
          { name: 'clair_db_password_cccccccccccc', ofStack: true },
        ],
        configs: [],
        services: [
          { service: 'clair_db', volumes: ['clair-db-data'], secrets: ['clair_db_password_aaaaaaaaaaaa'], configs: [] },
        ],
      },
    });
    expect(list.volumes).toEqual([
      {
        key: 'db_data',
        name: 'clair-db-data',
        status: 'exists',
        createdAt: '2026-01-01',
        usedBy: ['clair_db'],
        external: true,
      },
      { key: 'cache', name: 'clair_cache', status: 'missing', usedBy: [], external: false },
      { name: 'clair_old', status: 'unused', usedBy: [], external: false },
    ]);
    expect(list.secrets).toEqual([
      expect.objectContaining({
        key: 'db_password',
        name: 'clair_db_password_bbbbbbbbbbbb',
        status: 'missing',
        usedBy: ['clair_db'],
        rotatable: true,
        file: '/env/secrets/db_password',
        databasePassword: true,
      }),
      expect.objectContaining({
        key: 'api_key',
        status: 'missing',
        usedBy: ['clair_web'],
        rotatable: false,
        databasePassword: false,
      }),
      // The version the service runs with now, and an older one nothing uses.
      expect.objectContaining({
        key: 'db_password',
        name: 'clair_db_password_aaaaaaaaaaaa',
        status: 'exists',
        usedBy: ['clair_db'],
      }),
      expect.objectContaining({
        key: 'db_password',
        name: 'clair_db_password_cccccccccccc',
        status: 'unused',
        usedBy: [],
      }),
    ]);
  });
});
