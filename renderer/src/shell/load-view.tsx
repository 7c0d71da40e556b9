import type { ReactNode } from 'react';

import type { LoadState } from '../stores/load-state';

interface LoadViewProps<T> {
  state: LoadState<T>;
  what: string;
  onRetry: () => void;
  children: (data: T) => ReactNode;
}

/** The loading and error states every screen shares, so each page only draws its data. */
export function LoadView<T>({ state, what, onRetry, children }: LoadViewProps<T>): ReactNode {
  switch (state.status) {
    case 'idle':
    case 'loading':
      return (
        <p className="state" role="status">
          Loading {what}…
        </p>
      );
    case 'failed':
      return (
        <div className="state state-error" role="alert">
          <p>
            Could not load {what}: {state.message}
          </p>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    case 'ready':
      return children(state.data);
  }
}
