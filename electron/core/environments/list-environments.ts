import { readdir } from 'node:fs/promises';

import type { EnvironmentSummary } from '../../contract';

const envFile = /^(?<name>[A-Za-z0-9_-]+)\.env(?<example>\.example)?$/;

/** `dev.env` → dev, `production.env.example` → production; undefined for other file names. */
export function environmentName(fileName: string): string | undefined {
  return envFile.exec(fileName)?.groups?.name;
}

/**
 * The environments defined by the files in `environments/`, sorted by name. A missing folder
 * means no environments yet, not an error.
 */
export async function listEnvironments(directory: string): Promise<EnvironmentSummary[]> {
  let files: string[];
  try {
    files = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return files
    .flatMap((file) => {
      const match = envFile.exec(file);
      if (!match?.groups?.name) return [];
      return [{ name: match.groups.name, file, isExample: match.groups.example !== undefined }];
    })
    .sort((a, b) => a.name.localeCompare(b.name) || Number(a.isExample) - Number(b.isExample));
}
