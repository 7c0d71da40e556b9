import { listContexts, useContext } from '../core/contexts/context-store';
import type { CliIo } from './cli-io';

/** `clairctl contexts ls`: the docker CLI's contexts, as `docker context ls` lists them. */
export async function contextsLsCommand(io: CliIo): Promise<number> {
  const contexts = await listContexts({ env: io.env ?? process.env });
  const rows = contexts.map((context) => [
    `${context.name}${context.current ? ' *' : ''}`,
    context.error ?? context.host,
    context.description,
  ]);
  const table = [['NAME', 'DOCKER ENDPOINT', 'DESCRIPTION'], ...rows];
  const widths = [0, 1].map((column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const [name, endpoint, description] of table) {
    io.out(`${name!.padEnd(widths[0]!)}  ${endpoint!.padEnd(widths[1]!)}  ${description}`.trimEnd());
  }
  return 0;
}

/** `clairctl contexts use <name>`: the docker CLI's current context, as `docker context use`. */
export async function contextsUseCommand(io: CliIo, name: string): Promise<number> {
  await useContext(name, { env: io.env ?? process.env });
  io.out(`Current docker context is now "${name}".`);
  return 0;
}
