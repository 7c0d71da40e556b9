import { join } from 'node:path';

import type { EnvironmentDetails, EnvironmentSummary } from '../../contract';
import { listEnvironments } from './list-environments';
import { loadEnvironment } from './load-environment';

/**
 * Every env file of the folder, read and checked. A file that cannot be parsed comes back with
 * its problems (loadEnvironment never throws for a bad file), so one malformed file never hides
 * the others.
 */
export async function environmentDetails(directory: string): Promise<EnvironmentDetails[]> {
  const summaries = await listEnvironments(directory);
  return Promise.all(summaries.map((summary) => detailsOf(directory, summary)));
}

async function detailsOf(directory: string, summary: EnvironmentSummary): Promise<EnvironmentDetails> {
  const environment = await loadEnvironment(join(directory, summary.file));
  return {
    ...summary,
    class: environment.class,
    stackName: environment.stackName,
    dockerContext: environment.dockerContext,
    ...(environment.domain ? { domain: environment.domain } : {}),
    problems: environment.problems,
  };
}
