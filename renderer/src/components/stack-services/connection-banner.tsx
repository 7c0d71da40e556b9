import type { ReactNode } from 'react';

import type { WatchStatus } from '../../stores/stack-services-store';

/** Says plainly when the view is not live: reconnecting after a drop, or stopped with the reason. */
export function ConnectionBanner({ watch, onRetry }: { watch: WatchStatus; onRetry: () => void }): ReactNode {
  switch (watch.status) {
    case 'reconnecting':
      return (
        <div className="banner banner-warning" role="status" data-testid="connection-banner">
          <strong>Reconnecting…</strong> {watch.reason} What you see may be out of date until it is back.
        </div>
      );
    case 'failed':
      return (
        <div className="banner banner-error" role="alert" data-testid="connection-banner">
          <p>The live view stopped: {watch.message}</p>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    case 'ended':
      return (
        <div className="banner banner-warning" role="status" data-testid="connection-banner">
          The live view ended.{' '}
          <button type="button" onClick={onRetry}>
            Reconnect
          </button>
        </div>
      );
    default:
      return null;
  }
}
