import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { allChannels, contract } from '../../contract';
import { createFileSecretStore } from './file-secret-store';
import { createSecretsHandlers } from './secrets-handlers';

const secretValue = 'elmh-never-readable-9f2c';

// A valid request for every secrets channel; a new channel without one here fails the test.
const requests: Record<keyof typeof contract.secrets, unknown> = {
  status: undefined,
  set: { name: 'smtp_password', value: secretValue },
  list: undefined,
  delete: { name: 'other' },
};

describe('the secrets channels', () => {
  it('let the renderer set, list and delete secrets, and no answer carries a value', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'elmh-secrets-'));
    const handlers = createSecretsHandlers(createFileSecretStore(join(dir, 'secrets.json'))) as Record<
      string,
      (request: unknown) => Promise<unknown>
    >;
    // As the dispatcher does: the request through its schema, the answer through the response's.
    const call = async (name: keyof typeof contract.secrets) => {
      const channel = contract.secrets[name];
      return channel.response.parse(await handlers[name]!(channel.request.parse(requests[name])));
    };

    await call('set');
    for (const name of Object.keys(contract.secrets) as (keyof typeof contract.secrets)[]) {
      expect(JSON.stringify((await call(name)) ?? null), name).not.toContain(secretValue);
    }
    expect(await call('list')).toEqual(['smtp_password']);
  });

  it('has no channel anywhere in the contract that reads a secret back', () => {
    expect(Object.keys(contract.secrets).sort()).toEqual(['delete', 'list', 'set', 'status']);
    for (const channel of allChannels()) expect(channel.id).not.toMatch(/secret.*:(get|read|reveal|export)/);
  });

  it('records setting and deleting in the activity log, never listing or the status', () => {
    expect(contract.secrets.set.activity?.title).toBe('Stored a secret');
    expect(contract.secrets.delete.activity).toBeDefined();
    expect('activity' in contract.secrets.list).toBe(false);
    expect('activity' in contract.secrets.status).toBe(false);
  });
});
