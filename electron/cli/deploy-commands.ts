import type { StackAction } from '../core/guardrails/confirmation';
import { deploy, type DeployResult } from '../core/stack/apply/deploy';
import type { ApplyEvent } from '../core/stack/apply/apply';
import type { ConvergeEvent } from '../core/stack/converge/converge';
import { plan as makePlan } from '../core/stack/plan/plan';
import type { StackModel } from '../core/stack/stack-model';
import type { CliIo } from './cli-io';
import { confirmAction } from './confirm';
import { formatPlan } from './format-plan';
import type { ModelSession, Session } from './session';

/** `clairctl <env> plan`: what a deploy would change, changing nothing. */
export async function planCommand(session: ModelSession): Promise<number> {
  if (!(await confirmAction(session.io, session.environment, 'plan', session.yes))) return 1;
  const plan = await makePlan(session.model, session.environment.stackName, session.docker);
  for (const line of formatPlan(plan)) session.io.out(line);
  return 0;
}

/** `clairctl <env> deploy`: the seed's deploy-stack, with a plan shown first and confirmed. */
export function deployCommand(session: ModelSession): Promise<number> {
  return planConfirmDeploy(session, session.model, 'deploy');
}

/** `clairctl <env> rollback <revision>`: the model recorded then, deployed again as a new revision. */
export async function rollbackCommand(session: Session, revision: number): Promise<number> {
  const { environment, journal, io } = session;
  const recorded = await journal.read(environment.stackName, revision);
  if (recorded.environment !== environment.name) {
    // Two environments may name their stacks alike; a revision of one is no state of the other.
    io.err(
      `Revision ${revision} of stack ${recorded.stack} was deployed by environment ${recorded.environment}, not ${environment.name}.`,
    );
    return 1;
  }
  io.err(`Rolling stack ${recorded.stack} back to revision ${revision} (${recorded.at}, by ${recorded.user}).`);
  return planConfirmDeploy(session, recorded.model, 'rollback');
}

async function planConfirmDeploy(session: Session, model: StackModel, action: StackAction): Promise<number> {
  const { io, environment, docker, journal } = session;
  const plan = await makePlan(model, environment.stackName, docker);
  for (const line of formatPlan(plan)) io.out(line);
  if (!plan.noChanges && !(await confirmAction(io, environment, action, session.yes))) return 1;
  const result = await deploy({
    docker,
    stack: environment.stackName,
    model,
    environment: environment.name,
    journal,
    plan,
    signal: io.signal,
    onApplyEvent: (event) => io.err(applyLine(event)),
    onConvergeEvent: convergeReporter(io),
  });
  return reportDeploy(io, result);
}

function applyLine(event: ApplyEvent): string {
  const done = { create: 'created', update: 'updated', remove: 'removed' }[event.action];
  return `${done} ${event.kind} ${event.name}`;
}

/** Converge polls every second; only a change in a service's progress is worth a line. */
function convergeReporter(io: CliIo): (event: ConvergeEvent) => void {
  const lastProgress = new Map<string, string>();
  return (event) => {
    switch (event.type) {
      case 'progress': {
        const update = event.update ? `, update ${event.update}` : '';
        const progress = `${event.running}/${event.desired} running${update}`;
        if (lastProgress.get(event.service) === progress) return;
        lastProgress.set(event.service, progress);
        io.err(`  ${event.service}: ${progress}`);
        return;
      }
      case 'converged':
        io.err(`  ${event.service}: converged`);
        return;
      case 'failed':
        io.err(`  ${event.service}: FAILED: ${event.reason}`);
        for (const line of event.logs) io.err(`    | ${line}`);
        return;
      case 'rolling-back':
        io.err(`  ${event.service}: rolling back to its previous spec`);
        return;
      case 'rolled-back':
        io.err(`  ${event.service}: ${event.ok ? 'rolled back' : 'rollback did not converge either'}`);
    }
  };
}

function reportDeploy(io: CliIo, result: DeployResult): number {
  const { entry } = result;
  if (entry.result === 'no-changes') {
    io.out(`Nothing to deploy; recorded as revision ${entry.revision}.`);
    return 0;
  }
  if (entry.result === 'converged') {
    io.out(`Deployed stack ${entry.stack} as revision ${entry.revision}: every service runs.`);
    return 0;
  }
  io.err(`Deploy of stack ${entry.stack} failed (revision ${entry.revision}):`);
  for (const failure of entry.failures) {
    const after = failure.rolledBack ? 'rolled back to its previous spec' : 'NOT rolled back';
    io.err(`  ${failure.service}: ${failure.reason} (${after})`);
  }
  return 1;
}
