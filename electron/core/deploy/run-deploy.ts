import { ClairError, type DeployEvent, type Plan } from '../../contract';
import { deploy, type DeployOptions } from '../stack/apply/deploy';
import type { JournalEntry } from '../stack/journal/journal';
import { redactPlan } from './redact-plan';

/**
 * One deploy as the Deploy screen follows it: the plan first (redacted), each applied object,
 * each service's convergence, then the journal's result with every failure's reason and logs.
 * A failed run then rejects, so that it ends in error.
 */
export async function runDeploy(
  options: DeployOptions & { plan: Plan },
  emit: (event: DeployEvent) => void,
): Promise<void> {
  emit({ type: 'plan', plan: redactPlan(options.plan) });
  const result = await deploy({
    ...options,
    onApplyEvent: (event) => emit({ type: 'applied', ...event }),
    onConvergeEvent: (event) => emit(event),
  });
  const logsOf = new Map(result.converged.services.map((outcome) => [outcome.service, outcome.logs ?? []]));
  const { entry } = result;
  emit({
    type: 'result',
    result: entry.result,
    revision: entry.revision,
    failures: entry.failures.map((failure) => ({ ...failure, logs: logsOf.get(failure.service) ?? [] })),
  });
  // Ending with an error records the run as failed in the Activity screen, with the reasons.
  if (entry.result === 'failed') throw new ClairError({ code: 'failed', message: failureMessage(entry.failures) });
}

function failureMessage(failures: JournalEntry['failures']): string {
  const services = failures.map(
    (failure) => `${failure.service}: ${failure.reason} (${failure.rolledBack ? 'rolled back' : 'NOT rolled back'})`,
  );
  return `The deploy failed. ${services.join('; ')}. Fix the cause in the environment's files and deploy again, or roll back from the history`;
}
