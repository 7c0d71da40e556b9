import type Docker from 'dockerode';

/** The last lines a task wrote (stdout and stderr), for a failure report. */
export async function lastLogLines(docker: Docker, taskId: string, lines = 10): Promise<string[]> {
  try {
    // dockerode has task logs (GET /tasks/{id}/logs) but its typings do not declare them.
    const task = docker.getTask(taskId) as unknown as { logs(options: object): Promise<Buffer> };
    const raw = await task.logs({ stdout: true, stderr: true, tail: lines, follow: false });
    return demultiplex(raw).split('\n').filter(Boolean).slice(-lines);
  } catch {
    return [];
  }
}

/** Without a TTY the daemon frames each chunk with an 8-byte header (stream, 0, 0, 0, length). */
function demultiplex(raw: Buffer): string {
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const length = raw.readUInt32BE(offset + 4);
    chunks.push(raw.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return Buffer.concat(chunks).toString('utf8');
}
