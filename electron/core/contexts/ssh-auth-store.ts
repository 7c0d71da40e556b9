import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { SshAuth } from '../../contract';

/**
 * How each SSH context logs in (a key file's path, or the ssh-agent). The docker CLI's context
 * store has no place for it (the CLI leaves it to ~/.ssh/config), so Clair keeps it in its own
 * state folder. Only paths are kept: never a key or a passphrase.
 */
export class SshAuthStore {
  readonly #file: string;

  constructor(stateDir: string) {
    this.#file = join(stateDir, 'context-ssh-auth.json');
  }

  async get(context: string): Promise<SshAuth | undefined> {
    return (await this.#read())[context];
  }

  async set(context: string, auth: SshAuth | undefined): Promise<void> {
    const all = await this.#read();
    if (auth) all[context] = auth;
    else delete all[context];
    await mkdir(dirname(this.#file), { recursive: true });
    await writeFile(this.#file, JSON.stringify(all, null, 2), { mode: 0o600 });
  }

  async #read(): Promise<Record<string, SshAuth>> {
    try {
      return JSON.parse(await readFile(this.#file, 'utf8')) as Record<string, SshAuth>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }
}
