import type { StorageList, StoredObject, StoredSecret } from '../../contract';
import type { StackModel } from '../stack/stack-model';
import { scoped } from '../stack/swarm/names';
import { volumeName } from '../stack/swarm/service-spec';

/** A volume, secret or config on the swarm. */
export interface LiveStored {
  name: string;
  createdAt?: string;
  /** Carries the stack's namespace label: the stack (or a deploy of it) made it. */
  ofStack: boolean;
}

/** What a live service spec uses, by swarm name. */
export interface LiveUse {
  service: string;
  volumes: string[];
  secrets: string[];
  configs: string[];
}

export interface InventoryInput {
  stack: string;
  model: StackModel;
  /** The content-hashed name each declared secret and config has now, by compose key. */
  desired: { secrets: Record<string, string>; configs: Record<string, string> };
  live: { volumes: LiveStored[]; secrets: LiveStored[]; configs: LiveStored[]; services: LiveUse[] };
}

/** Secrets whose value PostgreSQL also keeps for itself, in its data volume. */
const DATABASE_PASSWORD = /(db|database|postgres|pg).*password/i;

/**
 * The stack's declared volumes, secrets and configs against the swarm's: which exist, which are
 * missing, who uses each (by the templates and by the live specs), and the stack's leftovers.
 */
export function storageInventory({ stack, model, desired, live }: InventoryInput): StorageList {
  const declaredUsers = (kind: 'secrets' | 'configs' | 'volumes', key: string) =>
    Object.entries(model.services)
      .filter(([, service]) =>
        kind === 'volumes'
          ? service.mounts.some((mount) => mount.type === 'volume' && mount.source === key)
          : service[kind].some((grant) => grant.source === key),
      )
      .map(([serviceKey]) => scoped(stack, serviceKey));
  const liveUsers = (kind: 'secrets' | 'configs' | 'volumes', name: string) =>
    live.services.filter((service) => service[kind].includes(name)).map((service) => service.service);

  const declared = (
    kind: 'secrets' | 'configs' | 'volumes',
    key: string,
    name: string,
    external: boolean,
  ): StoredObject => {
    const found = live[kind].find((object) => object.name === name);
    return {
      key,
      name,
      status: found ? 'exists' : 'missing',
      ...(found?.createdAt ? { createdAt: found.createdAt } : {}),
      usedBy: [...new Set([...declaredUsers(kind, key), ...liveUsers(kind, name)])].sort(),
      external,
    };
  };
  // Objects of the stack that no declaration names: old secret versions, volumes of removed services.
  const leftovers = (kind: 'secrets' | 'configs' | 'volumes', names: Set<string>): StoredObject[] =>
    live[kind]
      .filter((object) => !names.has(object.name) && (object.ofStack || object.name.startsWith(`${stack}_`)))
      .map((object) => {
        const usedBy = liveUsers(kind, object.name);
        const key = keyOfVersion(stack, object.name, Object.keys(model[kind]));
        return {
          ...(key ? { key } : {}),
          name: object.name,
          status: usedBy.length > 0 ? 'exists' : 'unused',
          ...(object.createdAt ? { createdAt: object.createdAt } : {}),
          usedBy,
          external: false,
        };
      });
  const objects = (kind: 'secrets' | 'configs') => {
    const entries = Object.entries(model[kind]).map(([key, source]) => ({
      key,
      source,
      object: declared(kind, key, source.external ? source.name : (desired[kind][key] ?? key), source.external),
    }));
    return { entries, names: new Set(entries.map((entry) => entry.object.name)) };
  };

  const volumeEntries = Object.entries(model.volumes).map(([key, source]) =>
    declared('volumes', key, volumeName(stack, model, key), source.external),
  );
  const secrets = objects('secrets');
  const configs = objects('configs');
  const secretRows: StoredSecret[] = [
    ...secrets.entries.map(({ key, source, object }) => ({
      ...object,
      rotatable: !source.external,
      ...(source.external ? {} : { file: source.file }),
      databasePassword: DATABASE_PASSWORD.test(key),
    })),
    ...leftovers('secrets', secrets.names).map((object) => ({ ...object, rotatable: false, databasePassword: false })),
  ];
  return {
    stack,
    volumes: [...volumeEntries, ...leftovers('volumes', new Set(volumeEntries.map((volume) => volume.name)))],
    secrets: secretRows,
    configs: [...configs.entries.map((entry) => entry.object), ...leftovers('configs', configs.names)],
  };
}

/** The compose key of a content-hashed version `<stack>_<key>_<hash>`, when it is one of `keys`. */
export function keyOfVersion(stack: string, name: string, keys: string[]): string | undefined {
  return keys.find((key) => new RegExp(`^${escape(scoped(stack, key))}_[0-9a-f]{12}$`).test(name));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
