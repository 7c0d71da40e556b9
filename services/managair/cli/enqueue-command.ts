import { parseArgs } from 'node:util';

import { parseTaskRequest, taskCatalogue, taskNames } from '../../domain/tasks/task-catalogue';
import { loadEnv } from '../../runtime/env';
import { openTaskQueue, TaskQueueEnv } from '../../runtime/task-queue';
import { type Command, say } from './command';

const usage = [
  'Usage: managair enqueue <task> [--data JSON]',
  '',
  'Queues a task for the worker (REDIS_URL, TASK_QUEUE) and prints the job id. Tasks:',
  ...taskNames.map((name) => `  ${name}  ${taskCatalogue[name].summary}`),
].join('\n');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`--data: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** `managair enqueue <task> [--data JSON]`: checks the task and its data here, not in the worker. */
export const enqueueCommand: Command = {
  name: 'enqueue',
  summary: 'Queue a background task for the worker: enqueue <task> [--data JSON]; prints the job id',
  run: async (args, io) => {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' } } });
    } catch (error) {
      say(io.stderr, `managair enqueue: ${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    const [task, ...extra] = parsed.positionals;
    if (task === undefined || extra.length) {
      say(io.stderr, `managair enqueue: ${task === undefined ? 'no task given' : 'one task at a time'}\n\n${usage}`);
      return 2;
    }
    const request = parseTaskRequest(task, parseJson(parsed.values.data ?? '{}'));
    const env = loadEnv(TaskQueueEnv, io.env);
    const queue = openTaskQueue(env.REDIS_URL, env.TASK_QUEUE);
    try {
      say(io.stdout, await queue.enqueue(request.task, request.data));
      return 0;
    } finally {
      await queue.close();
    }
  },
};
