import { readServiceLogs } from '../core/logs/read-service-logs';
import { stackServiceNames } from '../core/logs/stack-service-names';
import { scoped } from '../core/stack/swarm/names';
import { confirmAction } from './confirm';
import type { Session } from './session';

/**
 * `clairctl <env> logs <service>...`: the seed's follow-logs for several services at once, through
 * the swarm's service logs (every task, whichever node it runs on), each line prefixed with its
 * service. The same reader as the control centre's Logs screen. Follows until the IO's signal
 * (Ctrl-C) or until every service is gone.
 */
export async function logsCommand(session: Session, services: string[]): Promise<number> {
  const { io, environment, docker } = session;
  if (!(await confirmAction(io, environment, 'logs', session.yes))) return 1;
  const stack = environment.stackName;
  const existing = await stackServiceNames(docker, stack);
  const unknown = services.filter((service) => !existing.includes(service));
  if (unknown.length > 0) {
    io.err(`No service ${unknown.join(', ')} in stack ${stack}; its services: ${existing.join(', ') || 'none'}`);
    return 2;
  }
  const width = Math.max(...services.map((service) => service.length));
  const signal = io.signal ?? new AbortController().signal;
  await Promise.all(
    services.map((service) =>
      readServiceLogs(docker, scoped(stack, service), {
        follow: true,
        tail: 100,
        signal,
        onLines: (lines) => lines.forEach((line) => io.out(`${service.padEnd(width)} | ${line.text}`)),
      }),
    ),
  );
  return 0;
}
