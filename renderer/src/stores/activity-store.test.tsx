// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

import type { ActivityEntry, StreamListener } from '../../../electron/contract';
import { useActivityStore } from './activity-store';

const api = vi.hoisted(() => ({ list: vi.fn(), follow: vi.fn() }));
vi.mock('../api/clair', () => ({ clair: { activity: api } }));

const entry = (id: string, finishedAt: string): ActivityEntry => ({
  id,
  title: 'Deployed the stack',
  channel: 'clair:deploy:apply',
  environment: 'dev',
  startedAt: finishedAt,
  finishedAt,
});

describe('the activity store', () => {
  it('lists newest first, keeps what arrived while loading, adds live entries once, and stops following', async () => {
    let listener: StreamListener<ActivityEntry> | undefined;
    const unsubscribe = vi.fn();
    api.follow.mockImplementation((_request: unknown, follow: StreamListener<ActivityEntry>) => {
      listener = follow;
      return unsubscribe;
    });
    const during = entry('b', '2026-01-01T10:00:02.000Z');
    api.list.mockImplementation(async () => {
      // Recorded after the follow opened and also found by the list: shown once.
      listener!({ type: 'event', event: during });
      return [during, entry('a', '2026-01-01T10:00:01.000Z')];
    });

    await useActivityStore.getState().open();
    listener!({ type: 'event', event: entry('c', '2026-01-01T10:00:03.000Z') });
    const entries = useActivityStore.getState().entries;
    expect(entries.status === 'ready' && entries.data.map((e) => e.id)).toEqual(['c', 'b', 'a']);

    useActivityStore.getState().close();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});
