import { UnrecoverableError } from 'bullmq';
import type { Kysely } from 'kysely';

import type { Database } from '../database/tables';
import { InvalidTaskRequest, parseTaskData, type TaskData, type TaskName } from '../domain/tasks/task-catalogue';
import type { TaskHandler } from '../runtime/task-queue';
import { checkNodeFidelity } from './check-node-fidelity';

/** Data from Redis is checked like any input; bad data fails for good, since retrying cannot mend it. */
function dataOf<T extends TaskName>(task: T, data: unknown): TaskData<T> {
  try {
    return parseTaskData(task, data);
  } catch (error) {
    if (error instanceof InvalidTaskRequest) throw new UnrecoverableError(error.message);
    throw error;
  }
}

/**
 * One handler per task of the catalogue; the type makes a task without a handler a compile error.
 * @param nowS the clock, in Unix seconds; tests pass a fixed one.
 */
export function taskHandlers(db: Kysely<Database>, nowS: () => number): Record<TaskName, TaskHandler> {
  return {
    'check-node-fidelity': async (data) =>
      checkNodeFidelity(db, dataOf('check-node-fidelity', data).lookbackSeconds, nowS()),
  };
}
