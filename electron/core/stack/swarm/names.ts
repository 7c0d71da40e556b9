import { createHash } from 'node:crypto';

/** The labels `docker stack deploy` puts on what it creates; `docker stack ls|ps|rm` find stacks by them. */
export const NAMESPACE_LABEL = 'com.docker.stack.namespace';
export const IMAGE_LABEL = 'com.docker.stack.image';

/** `<stack>_<name>`, as the docker CLI scopes service, network, volume, secret and config names. */
export function scoped(stack: string, name: string): string {
  return `${stack}_${name}`;
}

/** The given labels plus the stack namespace, the way the CLI's AddStackLabel does it. */
export function withNamespace(stack: string, labels: Record<string, string> = {}): Record<string, string> {
  return { ...labels, [NAMESPACE_LABEL]: stack };
}

/** The label filter that lists one stack's objects. */
export function namespaceFilter(stack: string): string {
  return JSON.stringify({ label: [`${NAMESPACE_LABEL}=${stack}`] });
}

/**
 * Secrets and configs are immutable on the swarm, so each content gets its own name: a rotation
 * creates a new object and the service update switches to it, with no in-place change.
 */
export function contentHashedName(stack: string, key: string, content: Buffer): string {
  const digest = createHash('sha256').update(content).digest('hex');
  return `${scoped(stack, key)}_${digest.slice(0, 12)}`;
}
