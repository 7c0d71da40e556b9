import { ClairError, type ContextSummary } from '../../contract';
import type { Handlers } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { checkConnection } from './check-connection';
import { ContextError } from './context-error';
import { createContext, type DockerContext, getContext, listContexts, removeContext } from './context-store';
import { endpointOf, hostOf } from './endpoint-host';
import { trustHostKey } from './known-hosts';

/**
 * The docker CLI's contexts (the same store `docker context ls` reads, under the workspace's
 * DOCKER_CONFIG), how each SSH one logs in, and the known_hosts file of the workspace's HOME.
 */
export function createContextsHandlers(workspace: Workspace): Handlers['contexts'] {
  const storeOptions = { env: workspace.env };
  const { sshAuth, knownHostsPath } = workspace;

  const summaryOf = async (context: DockerContext): Promise<ContextSummary> => {
    const endpoint = endpointOf(context.host, await sshAuth.get(context.name));
    return {
      name: context.name,
      description: context.description,
      host: context.host,
      current: context.current,
      ...(endpoint ? { endpoint } : {}),
      ...(context.error ? { error: context.error } : {}),
    };
  };

  return {
    list: async () => Promise.all((await listContexts(storeOptions)).map(summaryOf)),

    check: async ({ name }) => {
      const context = await getContext(name, storeOptions).catch((error: Error) => {
        throw new ClairError({
          code: 'not-found',
          message: `${error.message}. Add it under Docker contexts, or name another one in the env file's DOCKER_CONTEXT.`,
        });
      });
      const auth = await sshAuth.get(name);
      return checkConnection(context, { knownHostsPath, ...(auth ? { auth } : {}) });
    },

    test: async ({ endpoint }) => {
      const draft = { name: 'the new context', host: hostOf(endpoint), tls: {}, skipTLSVerify: false };
      return checkConnection(draft, { knownHostsPath, ...(endpoint.kind === 'ssh' ? { auth: endpoint.auth } : {}) });
    },

    save: async ({ name, description, endpoint, replaces }) => {
      const host = hostOf(endpoint);
      if (replaces) await inWords(() => removeContext(replaces, { ...storeOptions, force: true }), 'not-found');
      const created = await inWords(() =>
        createContext({ name, host, ...(description ? { description } : {}) }, storeOptions),
      );
      if (replaces && replaces !== name) await sshAuth.set(replaces, undefined);
      await sshAuth.set(name, endpoint.kind === 'ssh' ? endpoint.auth : undefined);
      await Promise.all([workspace.forgetContext(name), ...(replaces ? [workspace.forgetContext(replaces)] : [])]);
      return summaryOf(created);
    },

    remove: async ({ name }) => {
      await inWords(() => removeContext(name, storeOptions));
      await sshAuth.set(name, undefined);
      await workspace.forgetContext(name);
    },

    trustHostKey: async ({ host, port, publicKey }) => {
      await inWords(() => trustHostKey(host, port, publicKey, { knownHostsPath }));
    },
  };
}

/**
 * The context store and known_hosts explain their refusals in words (a taken name, a context in
 * use, a changed host key); they reach the user as a bad request with that sentence.
 */
async function inWords<T>(action: () => Promise<T>, code: 'bad-request' | 'not-found' = 'bad-request'): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ClairError) throw error;
    const message = (error as Error).message;
    throw new ClairError({ code: error instanceof ContextError ? 'forbidden' : code, message });
  }
}
