import { chmod, writeFile } from 'node:fs/promises';

import type Docker from 'dockerode';

import { ClairError, type RotateSecretResult } from '../../contract';
import type { StackModel } from '../stack/stack-model';
import { contentHashedName, namespaceFilter, withNamespace } from '../stack/swarm/names';
import type { SwarmServiceSpec } from '../stack/swarm/swarm-spec';
import { engineError } from '../docker/engine-error';
import { keyOfVersion } from './storage-inventory';

interface ServiceRecord {
  ID: string;
  Version: { Index: number };
  Spec: SwarmServiceSpec;
}

/**
 * Gives a secret a new value: writes it to the file the environment names (owner-only), creates
 * the content-hashed docker secret for it (secrets are immutable), and switches every service of
 * the stack that uses a version of it, which replaces their tasks. The old version stays until
 * the next deploy prunes it, since tasks may still hold it while they are replaced.
 */
export async function rotateSecret(
  docker: Docker,
  stack: string,
  model: StackModel,
  key: string,
  value: string,
): Promise<RotateSecretResult> {
  const source = model.secrets[key];
  if (!source) throw new ClairError({ code: 'not-found', message: `The stack declares no secret "${key}"` });
  if (source.external) {
    throw new ClairError({
      code: 'bad-request',
      message: `${key} is an external secret (${source.name}): it is managed outside the stack, so rotate it with docker secret create and a deploy`,
    });
  }
  const content = Buffer.from(value, 'utf8');
  const name = contentHashedName(stack, key, content);
  try {
    await writeFile(source.file, content, { mode: 0o600 });
    // writeFile's mode applies only to a new file; an existing one keeps its mode otherwise.
    await chmod(source.file, 0o600);
  } catch (error) {
    throw new ClairError({
      code: 'unavailable',
      message: `Could not write the secret file ${source.file} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check that the folder exists and is writable, then try again. Nothing was changed on the swarm.`,
    });
  }
  try {
    const secretId = await ensureSecret(docker, name, withNamespace(stack, source.labels), content);
    const services = (await docker.listServices({ filters: namespaceFilter(stack) })) as ServiceRecord[];
    const updated: string[] = [];
    for (const service of services) {
      const secrets = service.Spec.TaskTemplate.ContainerSpec.Secrets ?? [];
      const uses = (secretName: string) => secretName !== name && keyOfVersion(stack, secretName, [key]) === key;
      if (!secrets.some((secret) => uses(secret.SecretName))) continue;
      const spec: SwarmServiceSpec = structuredClone(service.Spec);
      spec.TaskTemplate.ContainerSpec.Secrets = secrets.map((secret) =>
        uses(secret.SecretName) ? { ...secret, SecretName: name, SecretID: secretId } : secret,
      );
      await docker.getService(service.ID).update({ version: service.Version.Index, ...spec });
      updated.push(service.Spec.Name);
    }
    return { name, file: source.file, updatedServices: updated.sort() };
  } catch (error) {
    throw engineError(
      error,
      `switch the services to the new ${key} (the file already holds the new value; a deploy finishes the rotation)`,
    );
  }
}

async function ensureSecret(docker: Docker, name: string, labels: Record<string, string>, content: Buffer) {
  const existing = (await docker.listSecrets({ filters: JSON.stringify({ name: [name] }) })) as {
    ID: string;
    Spec: { Name: string };
  }[];
  const found = existing.find((secret) => secret.Spec.Name === name);
  if (found) return found.ID;
  const created = (await docker.createSecret({ Name: name, Labels: labels, Data: content.toString('base64') })) as {
    id: string;
  };
  return created.id;
}
