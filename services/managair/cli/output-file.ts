import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Runs `work` on `path` or, without a path, on stdout. The file is opened first, so that a bad
 * path fails before any work, and is closed whether the work succeeds or not.
 */
export async function writeToOutput<T>(
  path: string | undefined,
  stdout: Writable,
  work: (out: Writable) => Promise<T>,
): Promise<T> {
  if (path === undefined) return work(stdout);
  const out = (await open(path, 'w')).createWriteStream();
  const closed = finished(out);
  // Awaited below; until then a write error must not count as an unhandled rejection.
  closed.catch(() => undefined);
  try {
    return await work(out);
  } finally {
    out.end();
    await closed;
  }
}
