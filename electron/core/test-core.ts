import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
