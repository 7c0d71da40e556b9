import { userInfo } from 'node:os';

import type Docker from 'dockerode';

import { converge, type ConvergeEvent, type ConvergeResult } from '../converge/converge';
import type { Journal, JournalEntry } from '../journal/journal';
import { plan as makePlan, stackNetworkKeys } from '../plan/plan';
import type { Plan } from '../plan/plan-schema';
import type { StackModel } from '../stack-model';
import { networkName } from '../swarm/service-spec';
import { readStackObjects } from '../swarm/stack-objects';
import { apply, type ApplyEvent, type ApplyResult } from './apply';
import { pruneUnused, type PruneResult } from './prune';

export interface DeployOptions {
  docker: Docker;
  stack: string;
  model: StackModel;
  /** The environment's name, for the journal. */
  environment: string;
  journal: Journal;
  /** The plan the user approved; made now when absent. */
  plan?: Plan;
  timeoutMs?: number;
  signal?: AbortSignal;
  onApplyEvent?: (event: ApplyEvent) => void;
  onConvergeEvent?: (event: ConvergeEvent) => void;
}

export interface DeployResult {
  plan: Plan;
  applied: ApplyResult;
  converged: ConvergeResult;
  /** Only after a converged deploy: a failed one keeps what a rollback may need. */
  pruned?: PruneResult;
  entry: JournalEntry;
}

/** Plan, apply, converge, prune and record: one deploy as the CLI and UI run it. */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const { docker, stack, model } = options;
  const plan = options.plan ?? (await makePlan(model, stack, docker));
  // The daemon's clock, so task times compare without skew on a remote host.
  const since = ((await docker.info()) as { SystemTime: string }).SystemTime;
  const applied = await apply(plan, { docker, model, signal: options.signal, onEvent: options.onApplyEvent });
  const converged = await converge({
    docker,
    services: applied.changedServices,
    since,
    timeoutMs: options.timeoutMs,
    onEvent: options.onConvergeEvent,
  });
  const pruned = converged.ok ? await pruneUnused(docker, stack, await desiredNames(model, stack)) : undefined;
  const entry = await options.journal.record({
    stack,
    environment: options.environment,
    user: userInfo().username,
    at: new Date().toISOString(),
    result: plan.noChanges ? 'no-changes' : converged.ok ? 'converged' : 'failed',
    model,
    images: await resolveImages(docker, model),
    plan,
    failures: converged.services
      .filter((outcome) => outcome.result !== 'converged')
      .map((outcome) => ({ service: outcome.service, reason: outcome.reason ?? '', rolledBack: outcome.rolledBack })),
  });
  return { plan, applied, converged, pruned, entry };
}

async function desiredNames(model: StackModel, stack: string): Promise<Set<string>> {
  const objects = await readStackObjects(stack, model);
  return new Set([
    ...[...objects.secrets, ...objects.configs].map((object) => object.name),
    ...stackNetworkKeys(model).map((key) => networkName(stack, model, key)),
  ]);
}

type ResolvedImage = JournalEntry['images'][string];

async function resolveImages(docker: Docker, model: StackModel): Promise<JournalEntry['images']> {
  const entries = await Promise.all(
    Object.entries(model.services).map(async ([key, service]): Promise<[string, ResolvedImage]> => {
      try {
        const image = await docker.getImage(service.image).inspect();
        return [key, { image: service.image, id: image.Id, digests: image.RepoDigests ?? [] }];
      } catch {
        // Not on the daemon deployed to (a broken tag, or another node's image): recorded as unresolved.
        return [key, { image: service.image, id: null, digests: [] }];
      }
    }),
  );
  return Object.fromEntries(entries);
}
