import { inject } from 'vitest';

import type { TestEnvironment } from './test-env';

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: TestEnvironment;
    /** A database created for this run only, dropped when it ends. */
    databaseUrl: string;
  }
}

/** For integration tests: the services scripts/env/up.sh started. */
export function testEnvironment(): TestEnvironment {
  return inject('testEnv');
}

/** For integration tests: the URL of this run's own, initially empty database. */
export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}
