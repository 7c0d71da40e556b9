import { readFileSync } from 'node:fs';

import type { z } from 'zod';

/**
 * Reads a service's environment through its schema, once at boot. Credentials come from docker
 * secrets: a variable `X_FILE` names the file whose content is the value of `X`. Errors name the
 * variable and never echo a value.
 */
export function loadEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(withSecretFiles(env));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment:\n  ${problems.join('\n  ')}`);
}

function withSecretFiles(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = { ...env };
  for (const [key, path] of Object.entries(env)) {
    if (!key.endsWith('_FILE') || !path) continue;
    try {
      resolved[key.slice(0, -'_FILE'.length)] = readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw new Error(`${key}: cannot read the secret file ${path} (${(error as NodeJS.ErrnoException).code})`, {
        cause: error,
      });
    }
  }
  return resolved;
}
