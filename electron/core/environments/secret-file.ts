import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';

/**
 * Why the secret file at `path` cannot be used, or undefined when it can: it must exist, be a
 * readable regular file and not be empty. Only metadata is read, so the content never leaks
 * into a message.
 */
export async function checkSecretFile(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return `${path} is not a file`;
    await access(path, constants.R_OK);
    return info.size === 0 ? `${path} is empty` : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${path} does not exist`;
    if (code === 'EACCES') return `${path} is not readable`;
    return `${path} cannot be read (${code ?? 'unknown error'})`;
  }
}
