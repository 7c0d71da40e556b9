import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { ClairError, type ErrorData, type StreamMessage } from '../contract';
import { type Core, type CoreConfig, createCore } from './handlers';

/**
 * A core for tests: the repository's templates, the given environments folder, and a state
 * folder of its own so journals and activity never mix with a user's.
 */
export function createTestCore(overrides: Partial<CoreConfig> & { environmentsDir: string }): Core {
  const stateDir = mkdtempSync(join(tmpdir(), 'clair-state-'));
  return createCore({
    shell: 'browser',
    version: '0.0.0-test',
    root: resolve(import.meta.dirname, '../..'),
    logError: () => undefined,
    ...overrides,
    env: { ...process.env, CLAIR_STATE_DIR: stateDir, ...overrides.env },
  });
}

/** Opens a stream channel on the core and collects its events until it ends, with the end's error if any. */
export function streamToEnd<E>(
  core: Core,
  channelId: string,
  payload: unknown,
): Promise<{ events: E[]; error?: ErrorData }> {
  return new Promise((resolve) => {
    const events: E[] = [];
    core.dispatcher.open(channelId, payload, (message: StreamMessage<unknown>) => {
      if (message.type === 'event') events.push(message.event as E);
      else resolve({ events, ...(message.error ? { error: message.error } : {}) });
    });
  });
}

/** A stream that answers once (a table page) as a promise: its first event, or its end's error thrown. */
export async function streamAnswer<E>(core: Core, channelId: string, payload: unknown): Promise<E> {
  const { events, error } = await streamToEnd<E>(core, channelId, payload);
  if (error) throw new ClairError(error);
  if (events.length === 0) throw new Error(`${channelId} ended without an answer`);
  return events[0] as E;
}
