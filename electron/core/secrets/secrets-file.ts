import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { z } from 'zod';

import { ClairError } from '../../contract';

const SecretsFileContent = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

/**
 * A JSON file of name → stored string, readable by its owner only (mode 0600). The stored strings
 * are whatever the store puts there: the value itself, or safeStorage's ciphertext in base64.
 */
export class SecretsFile {
  constructor(readonly path: string) {}

  async read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const content = SecretsFileContent.safeParse(parsed);
    if (!content.success) {
      // The content is never quoted: it holds secrets.
      throw new ClairError({
        code: 'unavailable',
        message: `The secrets file ${this.path} is damaged (not a secrets file of the control centre); move it away to start with no secrets`,
      });
    }
    return content.data.secrets;
  }

  /** Replaces the file at once (write beside, then rename), so a crash never leaves half a file. */
  async write(secrets: Record<string, string>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const partial = `${this.path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(partial, `${JSON.stringify({ version: 1, secrets }, null, 2)}\n`, { mode: 0o600 });
    await rename(partial, this.path);
  }

  async update(change: (secrets: Record<string, string>) => void): Promise<void> {
    const secrets = await this.read();
    change(secrets);
    await this.write(secrets);
  }
}
