import type Docker from 'dockerode';

import { namespaceFilter } from '../stack/swarm/names';

/** The names of a stack's services without the stack prefix ("web", not "clair_web"), sorted. */
export async function stackServiceNames(docker: Docker, stack: string): Promise<string[]> {
  const services = await docker.listServices({ filters: namespaceFilter(stack) });
  return services
    .map((service) => service.Spec?.Name ?? '')
    .filter((name) => name.startsWith(`${stack}_`))
    .map((name) => name.slice(stack.length + 1))
    .sort();
}
