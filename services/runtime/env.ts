import { readFileSync } from 'node:fs';

import type { z } from 'zod';

/**
 * Reads a service's environment through its schema, once at boot. Credentials come from docker
 * secrets: for a variable `X` of the schema, `X_FILE` names the file whose content is the value.
 * Only the schema's own variables are looked up that way: shells and images set unrelated
 * `*_FILE` variables (SSL_CERT_FILE…) that are not ours to read. Errors name the variable and
 * never echo a value.
 */
export function loadEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(withSecretFiles(Object.keys(schema.shape), env));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment:\n  ${problems.join('\n  ')}`);
}

function withSecretFiles(names: string[], env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = { ...env };
  for (const name of names) {
    const key = `${name}_FILE`;
    const path = env[key];
    if (!path) continue;
    try {
      resolved[name] = readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw new Error(`${key}: cannot read the secret file ${path} (${(error as NodeJS.ErrnoException).code})`, {
        cause: error,
      });
    }
  }
  return resolved;
}
