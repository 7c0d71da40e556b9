import { type ReactNode, useEffect } from 'react';

import { ActivityTable } from '../components/activity/activity-table';
import { LoadView } from '../shell/load-view';
import { useActivityStore } from '../stores/activity-store';

/** What was done from the app, live: new actions appear at the top as they finish. */
export function ActivityPage(): ReactNode {
  const entries = useActivityStore((s) => s.entries);
  const open = useActivityStore((s) => s.open);
  const close = useActivityStore((s) => s.close);
  useEffect(() => {
    void open();
    return close;
  }, [open, close]);

  return (
    <section aria-labelledby="activity-title">
      <h1 id="activity-title">Activity</h1>
      <LoadView state={entries} what="the activity" onRetry={() => void open()}>
        {(list) => <ActivityTable entries={list} />}
      </LoadView>
    </section>
  );
}
