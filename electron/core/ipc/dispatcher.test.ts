import { describe, expect, it, vi } from 'vitest';

import { ClairError, contract, type StreamMessage } from '../../contract';
import { type ActivityRecord, createDispatcher, type Handlers } from './dispatcher';
import { stubHandlers } from './stub-handlers';

function handlers(overrides: Partial<Handlers['environments']> = {}): Handlers {
  const stubs = stubHandlers();
  return {
    ...stubs,
    app: {
      getInfo: async () => ({ name: 'n', version: '1', shell: 'browser', platform: 'p', nodeVersion: '20' }),
    },
    environments: { ...stubs.environments, list: async () => [], ...overrides },
  };
}

describe('createDispatcher', () => {
  const logError = vi.fn();

  it('answers a known channel with its validated result', async () => {
    const { invoke: dispatch } = createDispatcher(handlers(), { logError });
    const reply = await dispatch(contract.app.getInfo.id, undefined);
    expect(reply).toEqual({
      ok: true,
      result: { name: 'n', version: '1', shell: 'browser', platform: 'p', nodeVersion: '20' },
    });
  });

  it('refuses channels outside the contract and says why', async () => {
    const { invoke: dispatch } = createDispatcher(handlers(), { logError });
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
    const { invoke: dispatch } = createDispatcher(handlers(), { logError });
    const reply = await dispatch(contract.environments.list.id, { unexpected: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(reply.ok || reply.error.details?.[0]).toMatch(/payload/);
  });

  it('passes a ClairError through as data with its code', async () => {
    const { invoke: dispatch } = createDispatcher(
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
    const { invoke: dispatch } = createDispatcher(handlers({ list: () => Promise.reject(crash) }), { logError: log });
    const reply = await dispatch(contract.environments.list.id, undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('secret stack detail');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('environments:list'), crash);
  });

  it('refuses a handler result that breaks the contract instead of passing it on', async () => {
    const log = vi.fn();
    const broken = handlers({ list: async () => [{ name: 3 }] as never });
    const reply = await createDispatcher(broken, { logError: log }).invoke(contract.environments.list.id, undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveBeenCalledOnce();
  });
});

describe('streams', () => {
  const entry = {
    id: 'e1',
    title: 'Deployed the stack',
    channel: 'clair:deploy:apply',
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: '2026-11-29T10:01:00.000Z',
  };

  function followWith(follow: Handlers['activity']['follow']) {
    const stubs = stubHandlers();
    const messages: StreamMessage<unknown>[] = [];
    const logError = vi.fn();
    const dispatcher = createDispatcher({ ...stubs, activity: { ...stubs.activity, follow } }, { logError });
    const close = dispatcher.open(contract.activity.follow.id, undefined, (message) => messages.push(message));
    return { messages, close, logError };
  }

  it('delivers events, then one end when the producer finishes', async () => {
    const { messages } = followWith(async (_request, emit) => {
      emit(entry);
      emit({ ...entry, id: 'e2' });
    });
    await vi.waitFor(() => expect(messages.at(-1)).toEqual({ type: 'end' }));
    expect(messages).toEqual([
      { type: 'event', event: entry },
      { type: 'event', event: { ...entry, id: 'e2' } },
      { type: 'end' },
    ]);
  });

  it('aborts the producer when the subscriber closes, and sends nothing after', async () => {
    let signal: AbortSignal | undefined;
    let emitLater: ((event: typeof entry) => void) | undefined;
    const { messages, close } = followWith(
      (_request, emit, abort) =>
        new Promise((resolve) => {
          signal = abort;
          emitLater = emit;
          abort.addEventListener('abort', () => resolve());
        }),
    );
    close();
    expect(signal?.aborted).toBe(true);
    emitLater?.(entry);
    await Promise.resolve();
    expect(messages).toEqual([{ type: 'end' }]);
  });

  it('ends with the error as data when the producer fails', async () => {
    const { messages } = followWith(() =>
      Promise.reject(new ClairError({ code: 'unavailable', message: 'the docker context dropped' })),
    );
    await vi.waitFor(() => expect(messages).toHaveLength(1));
    expect(messages[0]).toEqual({ type: 'end', error: { code: 'unavailable', message: 'the docker context dropped' } });
  });

  it('ends the stream instead of passing on an event that breaks the contract', async () => {
    const { messages, logError } = followWith(async (_request, emit) => {
      emit({ ...entry, startedAt: 'yesterday' });
      emit(entry);
    });
    await vi.waitFor(() => expect(messages.at(-1)?.type).toBe('end'));
    expect(messages).toEqual([{ type: 'end', error: expect.objectContaining({ code: 'internal' }) }]);
    expect(logError).toHaveBeenCalledOnce();
  });

  it('ends at once a stream opened with an invalid request or on an invoke channel', () => {
    const dispatcher = createDispatcher(stubHandlers(), { logError: vi.fn() });
    const messages: StreamMessage<unknown>[] = [];
    dispatcher.open(contract.activity.follow.id, { surprise: 1 }, (message) => messages.push(message));
    dispatcher.open(contract.activity.list.id, { limit: 1 }, (message) => messages.push(message));
    expect(messages).toEqual([
      { type: 'end', error: expect.objectContaining({ code: 'bad-request' }) },
      {
        type: 'end',
        error: expect.objectContaining({ code: 'unknown-channel', message: expect.stringContaining('invoke channel') }),
      },
    ]);
  });
});

describe('activity', () => {
  it('records each finished call of a channel that acts, with its environment and outcome', async () => {
    const records: ActivityRecord[] = [];
    const stubs = stubHandlers();
    const scale = vi.fn(() => Promise.reject(new ClairError({ code: 'not-found', message: 'no service api' })));
    const dispatcher = createDispatcher(
      { ...stubs, services: { ...stubs.services, scale } },
      { logError: vi.fn(), recordActivity: (record) => records.push(record) },
    );
    await dispatcher.invoke(contract.services.scale.id, { environment: 'dev', service: 'api', replicas: 2 });
    expect(scale).toHaveBeenCalledOnce();
    expect(records).toEqual([
      expect.objectContaining({
        channel: contract.services.scale.id,
        title: contract.services.scale.activity?.title,
        environment: 'dev',
        error: { code: 'not-found', message: 'no service api' },
      }),
    ]);
  });

  it('records nothing for channels that only read', async () => {
    const records: ActivityRecord[] = [];
    const dispatcher = createDispatcher(handlers(), {
      logError: vi.fn(),
      recordActivity: (record) => records.push(record),
    });
    await dispatcher.invoke(contract.environments.list.id, undefined);
    expect(records).toEqual([]);
  });
});
