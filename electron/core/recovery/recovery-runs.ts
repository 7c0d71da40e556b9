import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  ClairError,
  type RecoveryPlan,
  type RecoveryPreview,
  type RecoveryReport,
  type RecoveryRunSummary,
} from '../../contract';
import type { SampleRow } from './recovery-sql';

/** What the state folder keeps of a run, so that an import resumes where it stopped. */
export interface RecoveryRun {
  plan: RecoveryPlan;
  protocol: 'CLAIRCHEN' | 'ELSYSERS';
  createdAt: string;
  stage: RecoveryRunSummary['stage'];
  preview?: RecoveryPreview;
  /** Batches of the samples file written so far, in order; the next import starts after them. */
  imported: { batches: number; inserted: number; alreadyPresent: number };
  report?: RecoveryReport;
}

/**
 * Runs under `<stateDir>/recovery/<environment>/<runId>/`: run.json (the state) and samples.json
 * (the samples to import, fixed once fetched so that batches mean the same rows on a resume).
 * Files are replaced by rename, so a crash leaves the old state or the new one, never half.
 */
export class RecoveryRuns {
  /**
   * The samples of the run last fetched or read: the wizard charts one device after another
   * from them, and a fetch writes them once, so rereading the file per chart would only repeat
   * the same parse of up to a few hundred thousand rows.
   */
  #lastSamples: { folder: string; rows: readonly SampleRow[] } | undefined;

  constructor(readonly stateDir: string) {}

  newRunId(): string {
    return `${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}-${randomBytes(3).toString('hex')}`;
  }

  folder(environment: string, runId: string): string {
    return join(this.stateDir, 'recovery', environment, runId);
  }

  async save(run: RecoveryRun): Promise<void> {
    await this.#write(run.plan.environment, run.plan.runId, 'run.json', JSON.stringify(run));
  }

  async load(environment: string, runId: string): Promise<RecoveryRun> {
    try {
      return JSON.parse(await readFile(join(this.folder(environment, runId), 'run.json'), 'utf8')) as RecoveryRun;
    } catch {
      throw new ClairError({
        code: 'not-found',
        message: `No recovery run ${runId} for ${environment}: find the gaps again to start a new one`,
      });
    }
  }

  async saveSamples(run: RecoveryRun, rows: readonly SampleRow[]): Promise<void> {
    await this.#write(run.plan.environment, run.plan.runId, 'samples.json', JSON.stringify(rows));
    this.#lastSamples = { folder: this.folder(run.plan.environment, run.plan.runId), rows };
  }

  async loadSamples(run: RecoveryRun): Promise<readonly SampleRow[]> {
    const folder = this.folder(run.plan.environment, run.plan.runId);
    if (this.#lastSamples?.folder !== folder) {
      const rows = JSON.parse(await readFile(join(folder, 'samples.json'), 'utf8')) as SampleRow[];
      this.#lastSamples = { folder, rows };
    }
    return this.#lastSamples.rows;
  }

  async list(environment: string): Promise<RecoveryRun[]> {
    const names = await readdir(join(this.stateDir, 'recovery', environment)).catch(() => [] as string[]);
    const runs = await Promise.all(names.map((name) => this.load(environment, name).catch(() => undefined)));
    return runs.filter((run) => run !== undefined).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async #write(environment: string, runId: string, name: string, text: string): Promise<void> {
    const folder = this.folder(environment, runId);
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.${name}.${process.pid}.tmp`);
    await writeFile(temporary, text);
    await rename(temporary, join(folder, name));
  }
}
