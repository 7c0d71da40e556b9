import type pg from 'pg';

import { type OpenEnvironmentDatabase, withEnvironmentDatabase } from '../database/connect-database';
import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { fetchRecovery, importRecovery, planRecovery, recoverySeries, writeRecoveryFixture } from './recovery-engine';
import { RecoveryRuns } from './recovery-runs';
import { applicationOf, recoverySource, storageAccess } from './recovery-source';
import type { FetchRangeOptions } from './storage-client';

export interface RecoveryHandlerOptions {
  openDatabase: OpenEnvironmentDatabase;
  /** Paging and back-off of the Storage Integration client; tests shorten the waits. */
  fetch?: Omit<FetchRangeOptions, 'signal'>;
  now?: () => Date;
}

export function createRecoveryHandlers(workspace: Workspace, options: RecoveryHandlerOptions): Handlers['recovery'] {
  const runs = new RecoveryRuns(workspace.stateDir);
  const now = options.now ?? (() => new Date());
  const withDatabase = <T>(environment: string, readOnly: boolean, work: (db: pg.Pool) => Promise<T>) =>
    withEnvironmentDatabase(options.openDatabase, environment, { readOnly }, (database) => work(database.pool));

  return {
    source: async ({ environment: name }) => recoverySource((await workspace.open(name)).environment),

    findGaps: async ({ environment: name, applicationId, retentionHours }) => {
      const { environment } = await workspace.open(name);
      const application = applicationOf(environment, applicationId);
      return withDatabase(name, true, (db) =>
        planRecovery(db, runs, { environment: name, application, retentionHours, now: now() }),
      );
    },

    runs: async ({ environment }) =>
      (await runs.list(environment)).map((run) => ({
        runId: run.plan.runId,
        applicationId: run.plan.applicationId,
        stage: run.stage,
        createdAt: run.createdAt,
        done: run.imported.inserted + run.imported.alreadyPresent,
        total: run.preview ? run.preview.devices.reduce((sum, d) => sum + (d.unknownNode ? 0 : d.missing), 0) : 0,
      })),

    fetch: async ({ environment: name, runId }, emit, signal) => {
      const { environment } = await workspace.open(name);
      const run = await runs.load(name, runId);
      const access = await storageAccess(environment, workspace.root, run.plan.applicationId);
      await withDatabase(name, true, (db) => fetchRecovery(db, runs, run, access, emit, { ...options.fetch, signal }));
    },

    series: async ({ environment, runId, nodeId }) => {
      const run = await runs.load(environment, runId);
      return withDatabase(environment, true, (db) => recoverySeries(db, runs, run, nodeId));
    },

    import: async ({ environment: name, runId, confirm }, emit, signal) => {
      const { environment } = await workspace.open(name);
      workspace.requireConfirmation('recovery-import', environment, confirm);
      const run = await runs.load(name, runId);
      await withDatabase(name, false, (db) => importRecovery(db, runs, run, emit, signal, now));
    },

    writeFixture: async ({ environment, runId }) => writeRecoveryFixture(runs, await runs.load(environment, runId)),
  };
}
