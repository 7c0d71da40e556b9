import type Docker from 'dockerode';

import { NAMESPACE_LABEL, namespaceFilter } from './names';
import type { SwarmServiceSpec } from './swarm-spec';

export interface LiveService {
  id: string;
  name: string;
  version: number;
  spec: SwarmServiceSpec;
  previousSpec?: SwarmServiceSpec;
  updatedAt: string;
  updateStatus?: { State?: string; Message?: string };
}

export interface LiveObject {
  id: string;
  name: string;
}

/** What the swarm holds for one stack: everything labelled with its namespace. */
export interface LiveStack {
  services: LiveService[];
  networks: LiveObject[];
  secrets: LiveObject[];
  configs: LiveObject[];
  /** Every network on the swarm by ID: a live service spec names its networks by ID. */
  networkNames: Map<string, string>;
}

interface ServiceInfo {
  ID: string;
  Version: { Index: number };
  Spec: SwarmServiceSpec;
  PreviousSpec?: SwarmServiceSpec;
  UpdatedAt: string;
  UpdateStatus?: { State?: string; Message?: string };
}

export function toLiveService(info: ServiceInfo): LiveService {
  return {
    id: info.ID,
    name: info.Spec.Name,
    version: info.Version.Index,
    spec: info.Spec,
    previousSpec: info.PreviousSpec,
    updatedAt: info.UpdatedAt,
    updateStatus: info.UpdateStatus,
  };
}

export async function readLiveService(docker: Docker, id: string): Promise<LiveService> {
  return toLiveService((await docker.getService(id).inspect()) as ServiceInfo);
}

export async function readLiveStack(docker: Docker, stack: string): Promise<LiveStack> {
  const filters = namespaceFilter(stack);
  const [services, networks, secrets, configs] = await Promise.all([
    docker.listServices({ filters }) as Promise<ServiceInfo[]>,
    docker.listNetworks() as Promise<{ Id: string; Name: string; Labels?: Record<string, string> }[]>,
    docker.listSecrets({ filters }) as Promise<{ ID: string; Spec: { Name: string } }[]>,
    docker.listConfigs({ filters }) as Promise<{ ID: string; Spec: { Name: string } }[]>,
  ]);
  const stackNetworks = networks.filter((network) => network.Labels?.[NAMESPACE_LABEL] === stack);
  return {
    services: services.map(toLiveService).sort((a, b) => a.name.localeCompare(b.name)),
    networks: stackNetworks.map((network) => ({ id: network.Id, name: network.Name })),
    secrets: secrets.map((secret) => ({ id: secret.ID, name: secret.Spec.Name })),
    configs: configs.map((config) => ({ id: config.ID, name: config.Spec.Name })),
    networkNames: new Map(networks.map((network) => [network.Id, network.Name])),
  };
}
