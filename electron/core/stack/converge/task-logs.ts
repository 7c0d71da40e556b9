import type Docker from 'dockerode';

import { demultiplexAll } from '../../logs/demultiplex';

/** The last lines a task wrote (stdout and stderr), for a failure report. */
export async function lastLogLines(docker: Docker, taskId: string, lines = 10): Promise<string[]> {
  try {
    // dockerode has task logs (GET /tasks/{id}/logs) but its typings do not declare them.
    const task = docker.getTask(taskId) as unknown as { logs(options: object): Promise<Buffer> };
    const raw = await task.logs({ stdout: true, stderr: true, tail: lines, follow: false });
    return demultiplexAll(raw).split('\n').filter(Boolean).slice(-lines);
  } catch {
    return [];
  }
}
