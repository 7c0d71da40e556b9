import { setTimeout as delay } from 'node:timers/promises';

/** Time as the simulator sees it, injected so that tests never wait on the wall clock. */
export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: async (ms, signal) => {
    try {
      await delay(ms, undefined, { signal });
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
  },
};

/** A clock whose sleeps return at once after moving its time forward: replays run at full speed. */
export function steppingClock(start: Date): Clock {
  let nowMs = start.getTime();
  return {
    now: () => new Date(nowMs),
    sleep: async (ms) => {
      nowMs += Math.max(0, ms);
    },
  };
}
