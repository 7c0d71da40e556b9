import { useCallback, useEffect } from 'react';

import { useSelectionStore } from './selection-store';

/**
 * The selected environment, with `open` called for it whenever the selection changes and the
 * returned cleanup (closing a stream) run when it changes again or the screen goes away.
 */
export function useSelectedEnvironment(open: (environment: string) => void | (() => void)): string | undefined {
  const environment = useSelectionStore((s) => s.environment);
  useEffect(() => {
    if (!environment) return;
    return open(environment) ?? undefined;
  }, [environment, open]);
  return environment;
}

/** For screens that watch the selected environment (logs, services, uplinks): `close` ends the watch. */
export function useWatchedEnvironment(open: (environment: string) => void, close: () => void): string | undefined {
  return useSelectedEnvironment(
    useCallback(
      (name: string) => {
        open(name);
        return close;
      },
      [open, close],
    ),
  );
}
