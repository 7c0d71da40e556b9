import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { ActivityEntry } from '../../contract';
import type { ActivityRecord } from '../ipc/dispatcher';

/**
 * Every action taken from the app, appended to a JSON-lines file in the state folder so the
 * Activity screen shows it across restarts. Requests are not stored: they may carry secrets.
 */
export class ActivityLog {
  private readonly listeners = new Set<(entry: ActivityEntry) => void>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly logError: (message: string, error: unknown) => void,
  ) {}

  record(record: ActivityRecord): void {
    const entry: ActivityEntry = {
      id: randomUUID(),
      title: record.title,
      channel: record.channel,
      ...(record.environment ? { environment: record.environment } : {}),
      startedAt: record.startedAt.toISOString(),
      finishedAt: record.finishedAt.toISOString(),
      ...(record.error ? { error: record.error } : {}),
    };
    // Appends are chained so lines never interleave; a failed write is reported, not lost silently.
    this.writes = this.writes
      .then(async () => {
        await mkdir(dirname(this.file), { recursive: true });
        await appendFile(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
      })
      .catch((error: unknown) => this.logError(`Could not write the activity log ${this.file}`, error));
    for (const listener of this.listeners) listener(entry);
  }

  /** The latest `limit` entries, newest first; a damaged line is skipped and reported once. */
  async list(limit: number): Promise<ActivityEntry[]> {
    await this.writes;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: ActivityEntry[] = [];
    const lines = text.split('\n');
    for (let index = lines.length - 1; index >= 0 && entries.length < limit; index--) {
      const line = lines[index]!;
      if (line.trim() === '') continue;
      const parsed = ActivityEntry.safeParse(safeJson(line));
      if (parsed.success) entries.push(parsed.data);
      else this.logError(`${this.file}, line ${index + 1}: not an activity entry; skipped`, parsed.error);
    }
    return entries;
  }

  /** Calls the listener with every entry recorded from now on; returns the way to stop. */
  subscribe(listener: (entry: ActivityEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
