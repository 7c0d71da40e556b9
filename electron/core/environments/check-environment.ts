import { dirname, resolve } from 'node:path';

import { loadCompose, type ComposeLoad } from '../stack/compose/load-compose';
import { hasErrors, type SourceProblem } from '../stack/compose/source-problem';
import type { Environment } from './load-environment';
import { checkSecretFile } from './secret-file';

/**
 * Everything that stands between an environment and a deploy of these compose files: the env
 * file's own problems, each variable the templates need and the environment does not set (with
 * the template's file and line), the compose files' errors, and each secret or config file (the
 * templates' and every `*_FILE` variable's) that is missing, unreadable or empty. Returns the
 * loaded model too, so a caller need not load twice.
 */
export async function checkEnvironment(
  environment: Environment,
  composeFiles: readonly string[],
): Promise<ComposeLoad> {
  const load = await loadCompose(composeFiles, environment.variables);
  const problems: SourceProblem[] = [...environment.problems, ...load.problems];

  // Relative like the compose files' own paths, since that is where the templates use them.
  const projectDir = dirname(resolve(composeFiles[0]!));
  const checked = new Set<string>();
  for (const [variable, value] of Object.entries(environment.variables)) {
    if (!variable.endsWith('_FILE') || value === '' || isContainerPath(value)) continue;
    const path = resolve(projectDir, value);
    checked.add(path);
    const reason = await checkSecretFile(path);
    const line = environment.variableLines[variable];
    if (reason) {
      problems.push({
        severity: 'error',
        file: environment.file,
        ...(line ? { line, column: 1 } : {}),
        message: `${variable}: ${reason}`,
      });
    }
  }
  for (const kind of ['secrets', 'configs'] as const) {
    for (const [name, definition] of Object.entries(load.model?.[kind] ?? {})) {
      if (definition.external || checked.has(definition.file)) continue;
      const reason = await checkSecretFile(definition.file);
      const declared = load.declarations[kind][name];
      if (reason) {
        problems.push({
          severity: 'error',
          file: composeFiles[0]!,
          ...declared,
          message: `${kind}.${name}: ${reason}`,
        });
      }
    }
  }
  const model = load.model && !hasErrors(problems) ? { model: load.model } : {};
  return { ...model, problems, declarations: load.declarations };
}

/** `*_FILE` values that point inside a container (docker secrets) are the services' business. */
function isContainerPath(value: string): boolean {
  return value.startsWith('/run/secrets/');
}
