import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { HistoryEntry } from '../../contract';

/** Longer texts are kept cut, so that one pasted dump does not make the file slow to read. */
const maxStoredSql = 100_000;

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * The SQL editor's runs, one JSON-lines file per database in the state folder
 * (`sql-history/<environment>.jsonl`, `sql-history/connection/<name>.jsonl`), read newest first. Appends are chained so that lines never
 * interleave; a damaged line is skipped and reported with its file and line.
 */
export class QueryHistory {
  #writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly folder: string,
    private readonly logError: (message: string, error: unknown) => void,
  ) {}

  /** `database`: the session's key, an environment's name or `connection/<name>`. */
  fileOf(database: string): string {
    return join(this.folder, `${database}.jsonl`);
  }

  append(database: string, entry: HistoryEntry): Promise<void> {
    const stored = { ...entry, sql: entry.sql.slice(0, maxStoredSql) };
    this.#writes = this.#writes
      .then(async () => {
        await mkdir(dirname(this.fileOf(database)), { recursive: true, mode: 0o700 });
        await appendFile(this.fileOf(database), `${JSON.stringify(stored)}\n`, { mode: 0o600 });
      })
      .catch((error: unknown) => this.logError(`Could not write the SQL history ${this.fileOf(database)}`, error));
    return this.#writes;
  }

  /** The latest `limit` entries whose SQL holds every word of `search`, newest first. */
  async list(database: string, search: string, limit: number): Promise<HistoryEntry[]> {
    await this.#writes;
    const file = this.fileOf(database);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    const entries: HistoryEntry[] = [];
    const lines = text.split('\n');
    for (let index = lines.length - 1; index >= 0 && entries.length < limit; index -= 1) {
      const line = lines[index] ?? '';
      if (line.trim() === '') continue;
      const parsed = HistoryEntry.safeParse(safeJson(line));
      if (!parsed.success) {
        this.logError(`${file}, line ${index + 1}: not a history entry; skipped`, parsed.error);
        continue;
      }
      const sql = parsed.data.sql.toLowerCase();
      if (words.every((word) => sql.includes(word))) entries.push(parsed.data);
    }
    return entries;
  }
}
