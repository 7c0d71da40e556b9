import type Docker from 'dockerode';

import { getContext } from '../contexts/context-store';
import { dockerFor } from '../contexts/docker-for';
import type { SshConnectionPool } from '../contexts/ssh-connection-pool';
import type { Environment } from '../environments/load-environment';
import type { SourceProblem } from '../stack/compose/source-problem';

/**
 * The engine of the environment's DOCKER_CONTEXT, from the docker CLI's own context store,
 * reached and pinged now; when it cannot be, the reason is a problem on the DOCKER_CONTEXT line.
 */
export async function dockerForEnvironment(
  environment: Environment,
  options: { env: NodeJS.ProcessEnv; pool: SshConnectionPool },
): Promise<{ docker: Docker } | { problem: SourceProblem }> {
  try {
    const context = await getContext(environment.dockerContext, { env: options.env });
    return { docker: await dockerFor(context, { pool: options.pool }) };
  } catch (error) {
    const line = environment.variableLines.DOCKER_CONTEXT;
    return {
      problem: {
        severity: 'error',
        file: environment.file,
        ...(line ? { line, column: 1 } : {}),
        message: `DOCKER_CONTEXT "${environment.dockerContext}": ${(error as Error).message}`,
      },
    };
  }
}
