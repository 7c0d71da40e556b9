import type { ServiceModel } from '../stack-model';

/**
 * One compose file's contribution to the stack, already in the model's long form and units but
 * without defaults: an extension file that only sets `deploy.replicas` must not reset anything
 * else when it is merged. Defaults are applied once, after merging (stack-model-from-layers.ts).
 */
export interface FileLayer {
  services: Record<string, ServiceLayer>;
  networks: Record<string, ResourceLayer>;
  volumes: Record<string, ResourceLayer>;
  secrets: Record<string, ResourceLayer>;
  configs: Record<string, ResourceLayer>;
  /** Every name a service refers to, with where it is written, to check once all files are merged. */
  references: Reference[];
  /** Where each service is declared (the first file declaring it wins when merging). */
  serviceOrigins: Record<string, Location>;
  /** Services with a `build:` section: swarm cannot build, so they need an `image:` after merging. */
  builds: Record<string, Location>;
}

type Deploy = ServiceModel['deploy'];
type Healthcheck = NonNullable<ServiceModel['healthcheck']>;

export type ServiceLayer = Partial<Omit<ServiceModel, 'deploy' | 'healthcheck'>> & {
  deploy?: Partial<Deploy>;
  healthcheck?: Partial<Healthcheck>;
};

/** A top-level network, volume, secret or config as written, before defaults. */
export interface ResourceLayer {
  external?: boolean;
  /** The existing object's name for external resources; a fixed name for networks. */
  name?: string;
  driver?: string;
  attachable?: boolean;
  internal?: boolean;
  driver_opts?: Record<string, string>;
  labels?: Record<string, string>;
  /** Absolute path of a secret's or config's content. */
  file?: string;
  origin: Location;
}

export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Reference {
  kind: 'service' | 'network' | 'volume' | 'secret' | 'config';
  name: string;
  /** The service that refers to it. */
  from: string;
  at: Location;
}

export function emptyLayer(): FileLayer {
  return {
    services: {},
    networks: {},
    volumes: {},
    secrets: {},
    configs: {},
    references: [],
    serviceOrigins: {},
    builds: {},
  };
}
