import { ClairError } from '../../contract';
import type { Handlers } from '../ipc/dispatcher';
import { engineError } from '../docker/engine-error';
import { scoped } from '../stack/swarm/names';
import type { Workspace } from '../workspace/workspace';
import { followService } from './follow-service';
import { LineBatcher } from './line-batcher';
import { stackServiceNames } from './stack-service-names';

export function createLogsHandlers(workspace: Workspace): Handlers['logs'] {
  return {
    services: async ({ environment: name }) => {
      const { environment } = await workspace.open(name);
      const docker = await workspace.docker(environment);
      try {
        return { stack: environment.stackName, services: await stackServiceNames(docker, environment.stackName) };
      } catch (error) {
        throw engineError(error, `list the services of stack ${environment.stackName}`);
      }
    },

    follow: async (request, emit, signal) => {
      const { environment } = await workspace.open(request.environment);
      const stack = environment.stackName;
      const connect = () => workspace.docker(environment);
      const services =
        request.services.length > 0
          ? request.services
          : await connect()
              .then((docker) => stackServiceNames(docker, stack))
              .catch((error: unknown) => {
                throw engineError(error, `list the services of stack ${stack}`);
              });
      if (services.length === 0) {
        throw new ClairError({
          code: 'not-found',
          message: `Stack ${stack} has no services on ${environment.name}'s context: deploy it on the Deploy screen first`,
        });
      }
      const follow = request.follow && !request.until;
      const batcher = new LineBatcher(emit);
      // One failing service ends the others too: the error reaches the user, who can try again.
      const stop = new AbortController();
      const leave = () => stop.abort();
      signal.addEventListener('abort', leave, { once: true });
      try {
        await Promise.all(
          services.map((service) =>
            followService({
              connect,
              service: scoped(stack, service),
              label: service,
              follow,
              ...(request.since ? { since: request.since } : {}),
              ...(request.until ? { until: request.until } : {}),
              ...(request.tail ? { tail: request.tail } : {}),
              signal: stop.signal,
              onLines: (lines) => batcher.add(lines),
              onNotice: emit,
            }).catch((error: unknown) => {
              stop.abort();
              throw error;
            }),
          ),
        );
        batcher.finish();
      } finally {
        batcher.discard();
        signal.removeEventListener('abort', leave);
      }
    },
  };
}
