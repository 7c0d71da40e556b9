import type Docker from 'dockerode';

import { networkCreateOptions, planFrom, readPlanInputs, stackNetworkKeys } from '../plan/plan';
import { Plan } from '../plan/plan-schema';
import type { StackModel } from '../stack-model';
import { networkName, serviceSpec } from '../swarm/service-spec';
import type { DesiredObject } from '../swarm/stack-objects';
import type { SwarmServiceSpec } from '../swarm/swarm-spec';
import { dependencyOrder } from './dependency-order';

export interface ApplyEvent {
  kind: 'volume' | 'secret' | 'config' | 'network' | 'service';
  name: string;
  action: 'create' | 'update' | 'remove';
}

export interface ApplyOptions {
  docker: Docker;
  model: StackModel;
  /** Stops between two steps; the next apply completes what was left. */
  signal?: AbortSignal;
  onEvent?: (event: ApplyEvent) => void;
}

export interface ApplyResult {
  stack: string;
  /** Swarm names of the services created or updated, which converge then follows. */
  changedServices: string[];
  removedServices: string[];
}

export class StalePlanError extends Error {
  constructor(stack: string) {
    super(`The swarm changed since the plan for stack ${stack} was made; plan again before applying`);
  }
}

/**
 * Makes the swarm match the approved plan: external volumes, secrets, configs, networks, then
 * services in depends_on order, then removal of services the model no longer has. Every step
 * compares against the live state first, so an apply that stopped halfway is completed by the
 * next one (whose plan shows what was left).
 */
export async function apply(approved: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const { docker, model, signal } = options;
  const stack = approved.stack;
  const emit = (event: ApplyEvent) => options.onEvent?.(event);
  const order = dependencyOrder(model);
  const inputs = await readPlanInputs(model, stack, docker);
  const liveVolumes = new Set((await docker.listVolumes()).Volumes.map((volume) => volume.Name));
  const current = planFrom(model, stack, inputs, liveVolumes);
  if (JSON.stringify(Plan.parse(current)) !== JSON.stringify(Plan.parse(approved))) throw new StalePlanError(stack);
  await checkExternalObjects(docker, model, inputs.objects.secrets, inputs.objects.configs);

  for (const volume of current.volumes.filter((candidate) => candidate.by === 'apply')) {
    await docker.createVolume({ Name: volume.name });
    emit({ kind: 'volume', name: volume.name, action: 'create' });
  }
  const created = new Set(
    [...current.secrets, ...current.configs].filter((o) => o.action === 'create').map((o) => o.name),
  );
  for (const secret of inputs.objects.secrets.filter((object) => created.has(object.name))) {
    await docker.createSecret(objectSpec(secret));
    emit({ kind: 'secret', name: secret.name, action: 'create' });
  }
  for (const config of inputs.objects.configs.filter((object) => created.has(object.name))) {
    await docker.createConfig(objectSpec(config));
    emit({ kind: 'config', name: config.name, action: 'create' });
  }
  const missingNetworks = new Set(current.networks.filter((n) => n.action === 'create').map((n) => n.name));
  for (const key of stackNetworkKeys(model).filter((key) => missingNetworks.has(networkName(stack, model, key)))) {
    const network = networkCreateOptions(model, stack, key);
    await docker.createNetwork(network);
    emit({ kind: 'network', name: network.Name, action: 'create' });
  }

  const ids = await objectIds(docker);
  const changedServices: string[] = [];
  for (const key of order) {
    signal?.throwIfAborted();
    const step = current.services.find((service) => service.key === key);
    if (!step || step.action === 'unchanged') continue;
    const spec = withObjectIds(serviceSpec(stack, key, model, inputs.objects.names), ids);
    if (step.action === 'create') {
      await docker.createService({ _query: {}, _body: spec } as never);
    } else {
      // The current Version makes the update fail rather than overwrite a change made in between.
      const live = (await docker.getService(step.name).inspect()) as { Version: { Index: number } };
      await docker.getService(step.name).update({ _query: { version: live.Version.Index }, _body: spec });
    }
    changedServices.push(step.name);
    emit({ kind: 'service', name: step.name, action: step.action === 'create' ? 'create' : 'update' });
  }
  const removedServices: string[] = [];
  for (const step of current.services.filter((service) => service.action === 'remove')) {
    signal?.throwIfAborted();
    await docker.getService(step.name).remove();
    removedServices.push(step.name);
    emit({ kind: 'service', name: step.name, action: 'remove' });
  }
  return { stack, changedServices, removedServices };
}

function objectSpec(object: DesiredObject) {
  return { Name: object.name, Labels: object.labels, Data: object.content?.toString('base64') };
}

interface ObjectIds {
  secrets: Map<string, string>;
  configs: Map<string, string>;
}

async function objectIds(docker: Docker): Promise<ObjectIds> {
  const [secrets, configs] = await Promise.all([docker.listSecrets(), docker.listConfigs()]);
  const byName = (objects: { ID: string; Spec?: { Name?: string } }[]) =>
    new Map(objects.map((object) => [object.Spec?.Name ?? '', object.ID]));
  return { secrets: byName(secrets), configs: byName(configs) };
}

/** The daemon wants object IDs in the references; plan leaves them out because they are not known yet. */
function withObjectIds(spec: SwarmServiceSpec, ids: ObjectIds): SwarmServiceSpec {
  const container = spec.TaskTemplate.ContainerSpec;
  return {
    ...spec,
    TaskTemplate: {
      ...spec.TaskTemplate,
      ContainerSpec: {
        ...container,
        Secrets: container.Secrets?.map((ref) => ({ ...ref, SecretID: ids.secrets.get(ref.SecretName) })),
        Configs: container.Configs?.map((ref) => ({ ...ref, ConfigID: ids.configs.get(ref.ConfigName) })),
      },
    },
  };
}

/** External secrets, configs and networks must exist before anything is changed. */
async function checkExternalObjects(
  docker: Docker,
  model: StackModel,
  secrets: DesiredObject[],
  configs: DesiredObject[],
): Promise<void> {
  const ids = await objectIds(docker);
  const networks = new Set((await docker.listNetworks()).map((network) => network.Name));
  const missing = [
    ...secrets.filter((s) => s.external && !ids.secrets.has(s.name)).map((s) => `secret ${s.name}`),
    ...configs.filter((c) => c.external && !ids.configs.has(c.name)).map((c) => `config ${c.name}`),
    ...Object.values(model.networks).flatMap((network) =>
      network.external && !networks.has(network.name) ? [`network ${network.name}`] : [],
    ),
  ];
  if (missing.length > 0) throw new Error(`External objects the stack needs do not exist: ${missing.join(', ')}`);
}
