import { ClairError } from '../../contract';
import type { Handlers } from '../ipc/dispatcher';
import { plan as makePlan } from '../stack/plan/plan';
import type { Workspace } from '../workspace/workspace';
import { deployRevision } from './deploy-revision';
import { inWords, staleStackMessage } from './engine-error';
import { planFingerprint } from './plan-fingerprint';
import { redactPlan } from './redact-plan';
import { runDeploy } from './run-deploy';

/** Plan, deploy, history and rollback of an environment's stack, as the Deploy screen drives them. */
export function createDeployHandlers(workspace: Workspace): Handlers['deploy'] {
  /** Runs a step that talks to docker, with its failures in words. */
  const engine = async <T>(doing: string, step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      throw inWords(error, doing);
    }
  };

  return {
    plan: async ({ environment }) => {
      const opened = await workspace.open(environment, true);
      const base = { environment, stack: opened.environment.stackName, problems: opened.problems };
      if (!opened.model) return base;
      const { model } = opened;
      const docker = await workspace.docker(opened.environment);
      const plan = await engine('read the stack', () => makePlan(model, opened.environment.stackName, docker));
      return { ...base, plan: redactPlan(plan), fingerprint: planFingerprint(plan) };
    },

    apply: async ({ environment, fingerprint, confirm }, emit, signal) => {
      const opened = await workspace.openForDeploy(environment);
      workspace.requireConfirmation('deploy', opened.environment, confirm);
      const docker = await workspace.docker(opened.environment);
      const stack = opened.environment.stackName;
      await engine('deploy the stack', async () => {
        const plan = await makePlan(opened.model, stack, docker);
        // Someone deployed, or a file changed, since the user looked: they approve what they saw, not this.
        if (planFingerprint(plan) !== fingerprint)
          throw new ClairError({ code: 'bad-request', message: staleStackMessage });
        await runDeploy(
          { docker, stack, model: opened.model, environment, journal: workspace.journal, plan, signal },
          emit,
        ).catch((error: unknown) => {
          // The subscriber left: apply stopped between two steps, and the next deploy completes it.
          if (!signal.aborted) throw error;
        });
      });
    },

    history: async ({ environment }) => {
      const opened = await workspace.open(environment);
      const entries = await workspace.journal.history(opened.environment.stackName);
      // Two environments may name their stacks alike; each sees only its own deploys.
      return entries
        .filter((entry) => entry.environment === environment)
        .reverse()
        .map(deployRevision);
    },

    rollback: async ({ environment, revision, confirm }, emit, signal) => {
      const opened = await workspace.open(environment);
      const stack = opened.environment.stackName;
      // One journal file, not the whole history: a missing one means no such revision.
      const recorded = await workspace.journal.read(stack, revision).catch((error: Error) => {
        if ((error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
        throw error;
      });
      // Two environments may name their stacks alike; a revision of one is no state of the other.
      if (recorded?.environment !== environment) {
        throw new ClairError({
          code: 'not-found',
          message: `${environment} has no revision ${revision}: pick one from the history`,
        });
      }
      workspace.requireConfirmation('rollback', opened.environment, confirm);
      const docker = await workspace.docker(opened.environment);
      await engine('roll the stack back', async () => {
        const plan = await makePlan(recorded.model, stack, docker);
        await runDeploy(
          { docker, stack, model: recorded.model, environment, journal: workspace.journal, plan, signal },
          emit,
        ).catch((error: unknown) => {
          if (!signal.aborted) throw error;
        });
      });
    },
  };
}
