import { z } from 'zod';

/**
 * The background tasks of the platform and the data each takes: the one list that the worker
 * (which runs them) and whoever enqueues them (`managair enqueue`) agree on.
 */
export const taskCatalogue = {
  'check-node-fidelity': {
    summary: "Classify every node as alive, missing, dead or unknown by its latest sample's age",
    data: z.strictObject({
      /** A node is alive if it reported within this many seconds, missing within twice as many (§3.7). */
      lookbackSeconds: z.number().int().positive().default(7200),
    }),
  },
} as const;

export type TaskName = keyof typeof taskCatalogue;
export type TaskData<T extends TaskName> = z.output<(typeof taskCatalogue)[T]['data']>;

export const taskNames = Object.keys(taskCatalogue) as TaskName[];

function isTaskName(name: string): name is TaskName {
  return Object.hasOwn(taskCatalogue, name);
}

/** An unknown task, or data that does not fit its schema; the message names each field at fault. */
export class InvalidTaskRequest extends Error {
  override name = 'InvalidTaskRequest';
}

/** The task's data with its defaults applied; throws InvalidTaskRequest naming each bad field. */
export function parseTaskData<T extends TaskName>(task: T, data: unknown): TaskData<T> {
  const result = taskCatalogue[task].data.safeParse(data);
  // TypeScript cannot follow T from the key to the entry's schema; the lookup is by that key.
  if (result.success) return result.data as TaskData<T>;
  const problems = result.error.issues.map((issue) => `${['data', ...issue.path].join('.')}: ${issue.message}`);
  throw new InvalidTaskRequest(`Invalid data for task "${task}":\n  ${problems.join('\n  ')}`);
}

/** Checks a request to run a task by name, as it comes from outside; throws naming what is wrong. */
export function parseTaskRequest(task: string, data: unknown): { task: TaskName; data: TaskData<TaskName> } {
  if (!isTaskName(task)) {
    throw new InvalidTaskRequest(`Unknown task "${task}"; known tasks: ${taskNames.join(', ')}`);
  }
  return { task, data: parseTaskData(task, data) };
}
