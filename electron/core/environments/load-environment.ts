import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';

import { splitShellWords } from '../stack/compose/shell-words';
import type { SourceProblem } from '../stack/compose/source-problem';
import { parseEnvFile } from './env-file';
import { environmentName } from './list-environments';

export const ENVIRONMENT_CLASSES = ['development', 'staging', 'production'] as const;
/** Drives the guardrails: production asks for confirmation and forbids accidents (DESIGN.md). */
export type EnvironmentClass = (typeof ENVIRONMENT_CLASSES)[number];

export interface Environment {
  /** From the file name: `staging.env` → staging. */
  name: string;
  /** Absolute path of the env file. */
  file: string;
  class: EnvironmentClass;
  /** The interpolation environment for the compose files. */
  variables: Record<string, string>;
  /** The line of each variable in the file, for messages about it. */
  variableLines: Record<string, number>;
  /** CLAIR_STACK_NAME, `clair` when unset. */
  stackName: string;
  /** DOCKER_CONTEXT, the docker CLI's `default` (the local engine) when unset. */
  dockerContext: string;
  /** CLAIR_DOMAIN. */
  domain?: string;
  /** DOCKER_STACK_DEPLOY_ARGS split into words, as the shell would. */
  deployArgs: string[];
  problems: SourceProblem[];
}

/** The env file's variable naming the class; without it the strictest class applies. */
export const CLASS_VARIABLE = 'CLAIR_ENVIRONMENT_CLASS';
/** Set to `true` to let a production environment deploy to the local engine on purpose. */
export const ALLOW_LOCAL_VARIABLE = 'CLAIR_ALLOW_LOCAL_CONTEXT';
const LOCAL_CONTEXT = 'default';
const DEFAULT_STACK_NAME = 'clair';
/** Docker's own rule for stack names (they prefix every object's name). */
const stackNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/**
 * Reads an environment file and checks what can be checked without the compose templates: the
 * lines, the class, the stack name, the context, the deploy arguments. Secret files and required
 * variables depend on the templates: check-environment.ts.
 */
export async function loadEnvironment(file: string): Promise<Environment> {
  const path = resolve(file);
  const name = environmentName(basename(path)) ?? basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    return {
      name,
      file: path,
      class: 'production',
      variables: {},
      variableLines: {},
      stackName: DEFAULT_STACK_NAME,
      dockerContext: LOCAL_CONTEXT,
      deployArgs: [],
      problems: [{ severity: 'error', file: path, message: `cannot read the environment file: ${reason}` }],
    };
  }

  const { variables, lines, problems } = parseEnvFile(path, text);
  // An empty setting (`CLAIR_STACK_NAME=`) means the same as a missing one.
  const setting = (variable: string) => (variables[variable] === '' ? undefined : variables[variable]);
  const at = (variable: string) => ({ file: path, ...(lines[variable] ? { line: lines[variable], column: 1 } : {}) });
  const error = (variable: string, message: string) => problems.push({ severity: 'error', ...at(variable), message });

  const environmentClass = classOf(variables[CLASS_VARIABLE]);
  if (variables[CLASS_VARIABLE] === undefined) {
    problems.push({
      severity: 'warning',
      file: path,
      message: `${CLASS_VARIABLE} is not set, so the environment is treated as production; set it to ${ENVIRONMENT_CLASSES.join(', ')}`,
    });
  } else if (!environmentClass) {
    error(CLASS_VARIABLE, `${CLASS_VARIABLE} must be one of ${ENVIRONMENT_CLASSES.join(', ')}`);
  }

  const stackName = setting('CLAIR_STACK_NAME') ?? DEFAULT_STACK_NAME;
  if (!stackNamePattern.test(stackName)) {
    error(
      'CLAIR_STACK_NAME',
      'CLAIR_STACK_NAME may contain only letters, digits, "_", "." and "-", and must start with a letter or digit',
    );
  }

  const dockerContext = setting('DOCKER_CONTEXT') ?? LOCAL_CONTEXT;
  const resolvedClass = environmentClass ?? 'production';
  if (resolvedClass === 'production' && dockerContext === LOCAL_CONTEXT && variables[ALLOW_LOCAL_VARIABLE] !== 'true') {
    error(
      'DOCKER_CONTEXT',
      `a production environment must name the production swarm's docker context, not the local "${LOCAL_CONTEXT}" (set ${ALLOW_LOCAL_VARIABLE}=true if this machine is the production manager)`,
    );
  }

  const deployArgs = splitShellWords(variables.DOCKER_STACK_DEPLOY_ARGS ?? '');
  if (!deployArgs) error('DOCKER_STACK_DEPLOY_ARGS', 'DOCKER_STACK_DEPLOY_ARGS has an unterminated quote');

  return {
    name,
    file: path,
    class: resolvedClass,
    variables,
    variableLines: lines,
    stackName,
    dockerContext,
    ...(setting('CLAIR_DOMAIN') ? { domain: setting('CLAIR_DOMAIN') } : {}),
    deployArgs: deployArgs ?? [],
    problems,
  };
}

function classOf(value: string | undefined): EnvironmentClass | undefined {
  return ENVIRONMENT_CLASSES.find((candidate) => candidate === value);
}
