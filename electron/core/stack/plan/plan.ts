import type Docker from 'dockerode';

import type { StackModel } from '../stack-model';
import { readLiveStack, type LiveStack } from '../swarm/live-stack';
import { withNamespace } from '../swarm/names';
import { networkName, serviceNetworkKeys, serviceSpec, volumeName } from '../swarm/service-spec';
import { readStackObjects, type DesiredObjects } from '../swarm/stack-objects';
import type { ObjectPlan, Plan, ServicePlan } from './plan-schema';
import { compareSpecs, withoutEmpty } from './spec-fields';

/** What plan and apply both work from: the desired objects and the live stack, read once. */
export interface PlanInputs {
  objects: DesiredObjects;
  live: LiveStack;
}

export async function readPlanInputs(model: StackModel, stack: string, docker: Docker): Promise<PlanInputs> {
  const [objects, live] = await Promise.all([readStackObjects(stack, model), readLiveStack(docker, stack)]);
  return { objects, live };
}

/** The desired stack diffed against the live swarm; changes nothing. */
export async function plan(model: StackModel, stack: string, docker: Docker): Promise<Plan> {
  const inputs = await readPlanInputs(model, stack, docker);
  const volumes = (await docker.listVolumes()).Volumes.map((volume) => volume.Name);
  return planFrom(model, stack, inputs, new Set(volumes));
}

export function planFrom(model: StackModel, stack: string, inputs: PlanInputs, liveVolumes: Set<string>): Plan {
  const { objects, live } = inputs;
  const services: ServicePlan[] = Object.keys(model.services).map((key) => {
    const desired = serviceSpec(stack, key, model, objects.names);
    const current = live.services.find((service) => service.name === desired.Name);
    if (!current) {
      const changes = [{ field: 'spec', before: null, after: withoutEmpty(desired) }];
      return { key, name: desired.Name, action: 'create', changes, restarts: false };
    }
    const { changes, restarts } = compareSpecs(current.spec, desired, live.networkNames);
    return { key, name: desired.Name, action: changes.length > 0 ? 'update' : 'unchanged', changes, restarts };
  });
  const wanted = new Set(services.map((service) => service.name));
  for (const service of live.services.filter((candidate) => !wanted.has(candidate.name))) {
    services.push({ key: service.name, name: service.name, action: 'remove', changes: [], restarts: false });
  }

  const secrets = objectChanges(
    objects.secrets.filter((secret) => !secret.external).map((secret) => secret.name),
    live.secrets.map((secret) => secret.name),
  );
  const configs = objectChanges(
    objects.configs.filter((config) => !config.external).map((config) => config.name),
    live.configs.map((config) => config.name),
  );
  const networks = objectChanges(
    stackNetworkKeys(model).map((key) => networkName(stack, model, key)),
    live.networks.map((network) => network.name),
  );
  const volumes: ObjectPlan[] = Object.keys(model.volumes)
    .map((key) => ({ key, name: volumeName(stack, model, key) }))
    .filter(({ name }) => !liveVolumes.has(name))
    .map(({ key, name }) => ({ name, action: 'create', by: model.volumes[key]?.external ? 'apply' : 'swarm' }));

  const noChanges =
    services.every((service) => service.action === 'unchanged') &&
    [secrets, configs, networks, volumes].every((changes) => changes.length === 0);
  return { stack, services, secrets, configs, networks, volumes, noChanges };
}

/** The keys of the networks the stack itself owns (not external ones), including the implicit default. */
export function stackNetworkKeys(model: StackModel): string[] {
  const keys = new Set(Object.values(model.services).flatMap(serviceNetworkKeys));
  for (const [key, network] of Object.entries(model.networks)) if (!network.external) keys.add(key);
  return [...keys].filter((key) => !model.networks[key]?.external);
}

/** The create options of a stack network, as the CLI's convertNetworks makes them. */
export function networkCreateOptions(model: StackModel, stack: string, key: string) {
  const network = model.networks[key];
  const declared = network && !network.external ? network : undefined;
  return {
    Name: networkName(stack, model, key),
    // An empty driver means the default, which for a stack is overlay.
    Driver: declared && declared.driver !== '' ? declared.driver : 'overlay',
    Attachable: declared?.attachable ?? false,
    Internal: declared?.internal ?? false,
    Options: declared?.driver_opts ?? {},
    Labels: withNamespace(stack, declared?.labels),
    CheckDuplicate: true,
  };
}

function objectChanges(desired: string[], live: string[]): ObjectPlan[] {
  const liveNames = new Set(live);
  const desiredNames = new Set(desired);
  return [
    ...desired
      .filter((name) => !liveNames.has(name))
      .map((name) => ({ name, action: 'create' as const, by: 'apply' as const })),
    ...live
      .filter((name) => !desiredNames.has(name))
      .map((name) => ({ name, action: 'remove' as const, by: 'apply' as const })),
  ];
}
