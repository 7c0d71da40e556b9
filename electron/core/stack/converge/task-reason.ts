/** The parts of a swarm task that explain what happened to it. */
export interface TaskStatus {
  State: string;
  Message?: string;
  Err?: string;
  ContainerStatus?: { ContainerID?: string; ExitCode?: number };
}

/**
 * A task's failure in words a person can act on, from the daemon's terse status. `details` are
 * what the container says for itself (OOM flag, last healthcheck output), when the node is this one.
 */
export function taskFailureReason(
  image: string,
  status: TaskStatus,
  details: { oomKilled?: boolean; healthOutput?: string } = {},
): string {
  const err = status.Err ?? '';
  if (/no such image|pull access denied|manifest unknown|not found: manifest/i.test(err)) {
    return `the image ${image} does not exist on the node and cannot be pulled (no such image)`;
  }
  if (/no suitable node/i.test(err)) return `no node can run the task: ${err}`;
  if (details.oomKilled) return 'the container ran out of memory and was killed (OOM killed)';
  if (/unhealthy container/i.test(err)) {
    const output = details.healthOutput?.trim();
    return `the healthcheck kept failing${output ? `: ${output}` : ''}`;
  }
  const exitCode = status.ContainerStatus?.ExitCode ?? Number(/non-zero exit \((\d+)\)/.exec(err)?.[1] ?? 0);
  if (exitCode === 137) return 'the container was killed (exit code 137: out of memory or SIGKILL)';
  if (exitCode !== 0) return `the container exited with code ${exitCode}`;
  if (err) return err;
  return status.Message ?? `the task ended in state ${status.State}`;
}
