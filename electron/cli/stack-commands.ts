import { removeStack } from '../core/stack/remove/remove-stack';
import { readLiveStack } from '../core/stack/swarm/live-stack';
import { volumeName } from '../core/stack/swarm/service-spec';
import type { Journal } from '../core/stack/journal/journal';
import type { Environment } from '../core/environments/load-environment';
import type { CliIo } from './cli-io';
import { confirmAction } from './confirm';
import type { ModelSession, Session } from './session';

/** `clairctl <env> rm`: the seed's rm-stack, waiting until everything is gone; volumes stay. */
export async function rmCommand(session: Session): Promise<number> {
  const { io, environment, docker } = session;
  const stack = environment.stackName;
  const live = await readLiveStack(docker, stack);
  const parts = [
    ['services', live.services],
    ['networks', live.networks],
    ['secrets', live.secrets],
    ['configs', live.configs],
  ] as const;
  if (parts.every(([, objects]) => objects.length === 0)) {
    io.out(`Stack ${stack} is not deployed.`);
    return 0;
  }
  io.out(`Removes stack ${stack}:`);
  for (const [kind, objects] of parts) {
    if (objects.length > 0) io.out(`  ${kind}: ${objects.map((object) => object.name).join(', ')}`);
  }
  if (!(await confirmAction(io, environment, 'rm', session.yes))) return 1;
  io.err(`Waiting until the services of ${stack} have stopped...`);
  const removed = await removeStack(docker, stack);
  const kept = removed.keptVolumes.length > 0 ? ` Volumes kept: ${removed.keptVolumes.join(', ')}.` : '';
  io.out(`Removed stack ${stack}.${kept}`);
  return 0;
}

/** `clairctl <env> volumes create`: the seed's create-volumes, for the templates' external volumes. */
export async function volumesCreateCommand(session: ModelSession): Promise<number> {
  const { io, environment, docker, model } = session;
  const stack = environment.stackName;
  const external = Object.entries(model.volumes)
    .filter(([, volume]) => volume.external)
    .map(([key]) => volumeName(stack, model, key));
  const existing = new Set((await docker.listVolumes()).Volumes.map((volume) => volume.Name));
  for (const name of external.filter((candidate) => existing.has(candidate))) io.out(`volume ${name} exists`);
  const missing = external.filter((name) => !existing.has(name));
  if (missing.length === 0) return 0;
  if (!(await confirmAction(io, environment, 'volumes-create', session.yes))) return 1;
  for (const name of missing) {
    await docker.createVolume({ Name: name });
    io.out(`volume ${name} created`);
  }
  return 0;
}

/** `clairctl <env> history`: the journal's revisions of the stack, oldest first. */
export async function historyCommand(io: CliIo, environment: Environment, journal: Journal): Promise<number> {
  const entries = await journal.history(environment.stackName);
  if (entries.length === 0) {
    io.out(`No deploys of stack ${environment.stackName} recorded in ${journal.directory}.`);
    return 0;
  }
  io.out(`${'REVISION'.padEnd(9)} ${'DEPLOYED AT'.padEnd(24)} ${'BY'.padEnd(12)} ${'ENVIRONMENT'.padEnd(12)} RESULT`);
  for (const entry of entries) {
    const failures = entry.failures.map((failure) => `; ${failure.service}: ${failure.reason}`).join('');
    io.out(
      `${String(entry.revision).padEnd(9)} ${entry.at.padEnd(24)} ${entry.user.padEnd(12)} ${entry.environment.padEnd(12)} ${entry.result}${failures}`,
    );
  }
  return 0;
}
