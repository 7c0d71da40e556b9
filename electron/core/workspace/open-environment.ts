import { join, resolve } from 'node:path';

import { checkEnvironment } from '../environments/check-environment';
import { loadEnvironment, type Environment } from '../environments/load-environment';
import { hasErrors, type SourceProblem } from '../stack/compose/source-problem';
import type { StackModel } from '../stack/stack-model';

/** The base template every environment deploys; DOCKER_STACK_DEPLOY_ARGS adds its extensions. */
export const BASE_COMPOSE_FILE = join('stack-templates', 'docker-compose.yml');

/** `docker stack deploy` options that take a value, so that the value is not read as a word of its own. */
const optionsWithValue = new Set(['--resolve-image', '--orchestrator']);

/**
 * The compose files an environment deploys: the base template, then each `-c`/`--compose-file`
 * of its DOCKER_STACK_DEPLOY_ARGS, relative to the project folder as the seed's tools had them.
 * The other deploy options are the engine's own business; each is reported as ignored.
 */
export function composeFilesOf(environment: Environment, root: string): { files: string[]; problems: SourceProblem[] } {
  const files = [resolve(root, BASE_COMPOSE_FILE)];
  const problems: SourceProblem[] = [];
  const line = environment.variableLines.DOCKER_STACK_DEPLOY_ARGS;
  const at = { file: environment.file, ...(line ? { line, column: 1 } : {}) };
  const words = environment.deployArgs;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const inline = /^(?:-c|--compose-file)=(.+)$/.exec(word);
    if (inline) {
      files.push(resolve(root, inline[1]!));
    } else if (word === '-c' || word === '--compose-file') {
      const file = words[++index];
      if (file === undefined)
        problems.push({ severity: 'error', ...at, message: `DOCKER_STACK_DEPLOY_ARGS: ${word} needs a file` });
      else files.push(resolve(root, file));
    } else {
      const value = optionsWithValue.has(word) ? words[++index] : undefined;
      const option = value === undefined ? word : `${word} ${value}`;
      problems.push({
        severity: 'warning',
        ...at,
        message: `DOCKER_STACK_DEPLOY_ARGS: "${option}" is ignored; clairctl reads only the -c files from it`,
      });
    }
  }
  return { files, problems };
}

export interface OpenedEnvironment {
  environment: Environment;
  composeFiles: string[];
  /** Present when asked for and every check passed. */
  model?: StackModel;
  /** Warnings and errors, env file and compose files alike. */
  problems: SourceProblem[];
}

/**
 * Reads an environment file and, for the commands that deploy, its compose files, required
 * variables and secret files: every problem found before anything touches a swarm.
 */
export async function openEnvironment(envFile: string, root: string, withModel: boolean): Promise<OpenedEnvironment> {
  const environment = await loadEnvironment(envFile);
  const { files, problems } = composeFilesOf(environment, root);
  if (!withModel || hasErrors(environment.problems)) {
    return { environment, composeFiles: files, problems: [...environment.problems, ...problems] };
  }
  const checked = await checkEnvironment(environment, files);
  const all = [...checked.problems, ...problems];
  return {
    environment,
    composeFiles: files,
    ...(checked.model && !hasErrors(all) ? { model: checked.model } : {}),
    problems: all,
  };
}
