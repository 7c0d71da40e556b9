import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { ClairError, createApi, createBridge, type Result, type StreamMessage } from '../../contract';
import { createTestCore } from '../test-core';

/**
 * The renderer's API, the preload's bridge and the main side's dispatcher, wired together over
 * an in-memory transport that clones each message as IPC would: what works here works over
 * Electron IPC and the browser host's WebSocket alike.
 */
function wire() {
  const core = createTestCore({
    shell: 'electron',
    version: '1.2.3',
    environmentsDir: mkdtempSync(join(tmpdir(), 'envs-')),
  });
  const calls: string[] = [];
  const bridge = createBridge({
    invoke: async (channelId, payload) => {
      calls.push(channelId);
      return structuredClone<Result<unknown>>(await core.dispatcher.invoke(channelId, structuredClone(payload)));
    },
    open: (channelId, payload, listener) => {
      calls.push(channelId);
      return core.dispatcher.open(channelId, structuredClone(payload), (message) => listener(structuredClone(message)));
    },
  });
  return { api: createApi(bridge), bridge, calls, core };
}

describe('the IPC contract end to end', () => {
  it('gives every contract channel a method that reaches its handler', async () => {
    const { api, calls } = wire();
    expect(await api.app.getInfo()).toMatchObject({ version: '1.2.3', shell: 'electron' });
    expect(await api.environments.list()).toEqual([]);
    expect(calls).toEqual(['clair:app:get-info', 'clair:environments:list']);
  });

  it('carries a stream: activity recorded in the core reaches the subscriber until it leaves', async () => {
    const { api, core } = wire();
    const messages: StreamMessage<unknown>[] = [];
    const unsubscribe = api.activity.follow(undefined, (message) => messages.push(message));
    const at = new Date('2026-11-29T12:00:00Z');
    core.activity.record({
      channel: 'clair:x:y',
      title: 'Did a thing',
      environment: 'dev',
      startedAt: at,
      finishedAt: at,
      error: undefined,
    });
    await vi.waitFor(() => expect(messages).toHaveLength(1));
    expect(messages[0]).toMatchObject({ type: 'event', event: { title: 'Did a thing', environment: 'dev' } });
    unsubscribe();
    core.activity.record({
      channel: 'clair:x:y',
      title: 'Did another',
      environment: undefined,
      startedAt: at,
      finishedAt: at,
      error: undefined,
    });
    expect(messages.map((m) => m.type)).toEqual(['event', 'end']);
    expect(await api.activity.list({ limit: 10 })).toMatchObject([{ title: 'Did another' }, { title: 'Did a thing' }]);
  });

  it('hands the bridge envelopes, not thrown errors, and the API a ClairError with the code', async () => {
    const failing = createBridge({
      invoke: async () => ({ ok: false, error: { code: 'unavailable', message: 'host gone' } }),
      open: () => () => undefined,
    });
    expect(await failing.app.getInfo()).toEqual({ ok: false, error: { code: 'unavailable', message: 'host gone' } });
    const error = await createApi(failing)
      .app.getInfo()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClairError);
    expect(error).toMatchObject({ code: 'unavailable', message: 'host gone' });
  });
});
