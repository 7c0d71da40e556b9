import type { ReactNode } from 'react';

import { shownCount, useLogsStore } from '../../stores/logs-store';

/** What the view holds, what is waiting, and what happened to each service's stream. */
export function LogStatus(): ReactNode {
  const buffer = useLogsStore((s) => s.buffer);
  useLogsStore((s) => s.version);
  const pausedAt = useLogsStore((s) => s.pausedAt);
  const following = useLogsStore((s) => s.following);
  const followMark = useLogsStore((s) => s.followMark);
  const stream = useLogsStore((s) => s.stream);
  const notices = useLogsStore((s) => s.notices);
  const setFollowing = useLogsStore((s) => s.setFollowing);
  const unseen = buffer.matchedTotal - followMark;

  return (
    <div className="log-status">
      <p role="status" data-testid="log-counts">
        {shownCount({ buffer, pausedAt }).toLocaleString('en')} shown of {buffer.kept.toLocaleString('en')} kept (
        {buffer.received.toLocaleString('en')} received, the last {buffer.capacity.toLocaleString('en')} are kept)
        {stream.status === 'ended' && ' · the range is complete'}
      </p>
      {pausedAt !== undefined && (
        <p className="log-paused">
          Paused: {(buffer.received - pausedAt).toLocaleString('en')} new lines wait behind the view. Resume to see
          them.
        </p>
      )}
      {!following && pausedAt === undefined && unseen > 0 && (
        <button type="button" className="log-jump" onClick={() => setFollowing(true)}>
          {unseen.toLocaleString('en')} new lines — jump to latest
        </button>
      )}
      {Object.values(notices).map((notice) => (
        <p key={notice.service} className={`log-notice log-notice-${notice.severity}`}>
          {notice.message}
        </p>
      ))}
    </div>
  );
}
