import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Appends and forces the bytes to disk: once this resolves, a crash cannot lose them. */
export async function appendDurably(path: string, text: string): Promise<void> {
  const file = await open(path, 'a');
  try {
    await file.writeFile(text);
    await file.datasync();
  } finally {
    await file.close();
  }
}

/**
 * Replaces a file's content all at once: a crash leaves either the old or the new version, never
 * a mix. The directory is synced too, or the rename itself could be lost.
 */
export async function replaceDurably(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/** The lines of a JSON-lines file that parse; a torn last line (a crash mid-append) is skipped. */
export async function readJsonLines(path: string): Promise<unknown[]> {
  let text: string;
  try {
    const file = await open(path, 'r');
    try {
      text = await file.readFile('utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const values: unknown[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      // Only an append interrupted by a crash leaves a partial line; it was never acknowledged.
    }
  }
  return values;
}
