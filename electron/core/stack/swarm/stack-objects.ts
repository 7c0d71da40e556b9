import { readFile } from 'node:fs/promises';

import type { StackModel } from '../stack-model';
import { contentHashedName, withNamespace } from './names';
import type { ObjectNames } from './service-spec';

/** A secret or config as the stack wants it on the swarm; content stays in memory, never in a plan. */
export interface DesiredObject {
  key: string;
  name: string;
  external: boolean;
  labels: Record<string, string>;
  content?: Buffer;
}

export interface DesiredObjects {
  secrets: DesiredObject[];
  configs: DesiredObject[];
  names: ObjectNames;
}

/** Reads every secret and config file and names each by its content; a missing file stops here, before any change. */
export async function readStackObjects(stack: string, model: StackModel): Promise<DesiredObjects> {
  const secrets = await Promise.all(
    Object.entries(model.secrets).map(([key, source]) => desiredObject(stack, 'secret', key, source)),
  );
  const configs = await Promise.all(
    Object.entries(model.configs).map(([key, source]) => desiredObject(stack, 'config', key, source)),
  );
  const byKey = (objects: DesiredObject[]) => Object.fromEntries(objects.map((object) => [object.key, object.name]));
  return { secrets, configs, names: { secrets: byKey(secrets), configs: byKey(configs) } };
}

async function desiredObject(
  stack: string,
  kind: 'secret' | 'config',
  key: string,
  source: StackModel['secrets'][string],
): Promise<DesiredObject> {
  if (source.external) return { key, name: source.name, external: true, labels: {} };
  let content: Buffer;
  try {
    content = await readFile(source.file);
  } catch (error) {
    throw new Error(`The ${kind} ${key} cannot be read from ${source.file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    key,
    name: contentHashedName(stack, key, content),
    external: false,
    labels: withNamespace(stack, source.labels),
    content,
  };
}
