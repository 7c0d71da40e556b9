import { describe, expect, it } from 'vitest';

import { ClairError, createApi, createBridge, type Result } from '../../contract';
import { createHandlers } from '../handlers';
import { createDispatcher } from './dispatcher';

/**
 * The renderer's API, the preload's bridge and the main side's dispatcher, wired together over
 * an in-memory transport that clones each message as IPC would: what works here works over
 * Electron IPC and the browser host's WebSocket alike.
 */
function wire() {
  const dispatch = createDispatcher(
    createHandlers({ shell: 'electron', version: '1.2.3', environmentsDir: '/nonexistent' }),
    {
      logError: () => undefined,
    },
  );
  const calls: string[] = [];
  const bridge = createBridge(async (channelId, payload) => {
    calls.push(channelId);
    return structuredClone<Result<unknown>>(await dispatch(channelId, structuredClone(payload)));
  });
  return { api: createApi(bridge), bridge, calls };
}

describe('the IPC contract end to end', () => {
  it('gives every contract channel a method that reaches its handler', async () => {
    const { api, calls } = wire();
    expect(await api.app.getInfo()).toMatchObject({ version: '1.2.3', shell: 'electron' });
    expect(await api.environments.list()).toEqual([]);
    expect(calls).toEqual(['clair:app:get-info', 'clair:environments:list']);
  });

  it('hands the bridge envelopes, not thrown errors, and the API a ClairError with the code', async () => {
    const failing = createBridge(async () => ({ ok: false, error: { code: 'unavailable', message: 'host gone' } }));
    expect(await failing.app.getInfo()).toEqual({ ok: false, error: { code: 'unavailable', message: 'host gone' } });
    const error = await createApi(failing)
      .app.getInfo()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClairError);
    expect(error).toMatchObject({ code: 'unavailable', message: 'host gone' });
  });
});
