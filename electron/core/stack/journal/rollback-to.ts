import { deploy, type DeployOptions, type DeployResult } from '../apply/deploy';

/**
 * Deploys the model recorded at an earlier revision, as a new revision. Secret and config
 * contents are read from the recorded files as they are now (the journal never stores them).
 */
export async function rollbackTo(
  revision: number,
  options: Omit<DeployOptions, 'model' | 'plan'>,
): Promise<DeployResult> {
  const recorded = await options.journal.read(options.stack, revision);
  return deploy({ ...options, model: recorded.model });
}
