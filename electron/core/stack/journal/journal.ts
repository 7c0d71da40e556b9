import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { Plan } from '../plan/plan-schema';
import { StackModel } from '../stack-model';

export const ResolvedImage = z.object({
  image: z.string(),
  /** The local image ID on the daemon that was deployed to; null when that daemon does not hold it. */
  id: z.string().nullable(),
  digests: z.array(z.string()),
});

/** One deploy as it happened. Secret contents are not here: the model only names their files. */
export const JournalEntry = z.object({
  revision: z.number().int().positive(),
  stack: z.string(),
  environment: z.string(),
  user: z.string(),
  at: z.string(),
  result: z.enum(['converged', 'failed', 'no-changes']),
  model: StackModel,
  images: z.record(z.string(), ResolvedImage),
  plan: Plan,
  failures: z.array(z.object({ service: z.string(), reason: z.string(), rolledBack: z.boolean() })),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** Deploys recorded as one JSON file each, `<stack>.<revision>.json`, in a local directory. */
export class Journal {
  constructor(readonly directory: string) {}

  async record(entry: Omit<JournalEntry, 'revision'>): Promise<JournalEntry> {
    await mkdir(this.directory, { recursive: true });
    const revisions = (await this.history(entry.stack)).map((earlier) => earlier.revision);
    const recorded = JournalEntry.parse({ ...entry, revision: Math.max(0, ...revisions) + 1 });
    const file = this.file(entry.stack, recorded.revision);
    // Written aside and renamed, so a crash never leaves half a revision behind.
    await writeFile(`${file}.partial`, JSON.stringify(recorded, null, 2));
    await rename(`${file}.partial`, file);
    return recorded;
  }

  /** The stack's revisions, oldest first. */
  async history(stack: string): Promise<JournalEntry[]> {
    let files: string[];
    try {
      files = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const pattern = new RegExp(`^${stack.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.json$`);
    const revisions = files.flatMap((file) => {
      const match = pattern.exec(file);
      return match ? [Number(match[1])] : [];
    });
    return Promise.all(revisions.sort((a, b) => a - b).map((revision) => this.read(stack, revision)));
  }

  async read(stack: string, revision: number): Promise<JournalEntry> {
    const file = this.file(stack, revision);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`Stack ${stack} has no revision ${revision} in ${this.directory}`, { cause: error });
    }
    const parsed = JournalEntry.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${file} is not a journal entry: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  private file(stack: string, revision: number): string {
    return join(this.directory, `${stack}.${String(revision).padStart(6, '0')}.json`);
  }
}
