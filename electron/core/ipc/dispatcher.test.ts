import { describe, expect, it, vi } from 'vitest';

import { ClairError, contract } from '../../contract';
import { createDispatcher, type Handlers } from './dispatcher';

function handlers(overrides: Partial<Handlers['environments']> = {}): Handlers {
  return {
    app: {
      getInfo: async () => ({ name: 'n', version: '1', shell: 'browser', platform: 'p', nodeVersion: '20' }),
    },
    environments: { list: async () => [], ...overrides },
  };
}

describe('createDispatcher', () => {
  const logError = vi.fn();

  it('answers a known channel with its validated result', async () => {
    const dispatch = createDispatcher(handlers(), { logError });
    const reply = await dispatch(contract.app.getInfo.id, undefined);
    expect(reply).toEqual({
      ok: true,
      result: { name: 'n', version: '1', shell: 'browser', platform: 'p', nodeVersion: '20' },
    });
  });

  it('refuses channels outside the contract and says why', async () => {
    const dispatch = createDispatcher(handlers(), { logError });
    expect(await dispatch('clair:app:delete-everything', undefined)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel', message: expect.stringContaining('not in the contract') },
    });
    expect(await dispatch('other:app:get-info', undefined)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel', message: expect.stringContaining('prefix') },
    });
  });

  it('refuses a payload that does not match the schema, naming the problem', async () => {
    const dispatch = createDispatcher(handlers(), { logError });
    const reply = await dispatch(contract.environments.list.id, { unexpected: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(reply.ok || reply.error.details?.[0]).toMatch(/payload/);
  });

  it('passes a ClairError through as data with its code', async () => {
    const dispatch = createDispatcher(
      handlers({ list: () => Promise.reject(new ClairError({ code: 'not-found', message: 'no folder' })) }),
      { logError },
    );
    expect(await dispatch(contract.environments.list.id, undefined)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no folder' },
    });
  });

  it('hides unexpected failures behind a generic message and logs the original', async () => {
    const crash = new Error('secret stack detail');
    const log = vi.fn();
    const dispatch = createDispatcher(handlers({ list: () => Promise.reject(crash) }), { logError: log });
    const reply = await dispatch(contract.environments.list.id, undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('secret stack detail');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('environments:list'), crash);
  });

  it('refuses a handler result that breaks the contract instead of passing it on', async () => {
    const log = vi.fn();
    const broken = handlers({ list: async () => [{ name: 3 }] as never });
    const reply = await createDispatcher(broken, { logError: log })(contract.environments.list.id, undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveBeenCalledOnce();
  });
});
