import type { Handlers } from '../ipc/dispatcher';
import type { ActivityLog } from './activity-log';

export function createActivityHandlers(activity: ActivityLog): Handlers['activity'] {
  return {
    list: ({ limit }) => activity.list(limit),
    follow: (_request, emit, signal) =>
      new Promise((resolve) => {
        const stop = activity.subscribe(emit);
        signal.addEventListener('abort', () => {
          stop();
          resolve();
        });
      }),
  };
}
