// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { ActivityTable } from './activity-table';

afterEach(cleanup);

describe('ActivityTable', () => {
  it('shows each action with its environment and result, the error in words', () => {
    render(
      <ActivityTable
        entries={[
          {
            id: '2',
            title: 'Deployed the stack',
            channel: 'clair:deploy:apply',
            environment: 'production',
            startedAt: '2026-01-01T10:00:00.000Z',
            finishedAt: '2026-01-01T10:00:01.000Z',
            error: { code: 'confirmation-required', message: 'type "production" to confirm' },
          },
          {
            id: '3',
            title: 'Deployed the stack',
            channel: 'clair:deploy:apply',
            environment: 'dev',
            startedAt: '2026-01-01T09:30:00.000Z',
            finishedAt: '2026-01-01T09:30:01.000Z',
            error: { code: 'unavailable', message: 'Docker refused to deploy the stack: no swarm' },
          },
          {
            id: '1',
            title: 'Rolled back the stack',
            channel: 'clair:deploy:rollback',
            environment: 'dev',
            startedAt: '2026-01-01T09:00:00.000Z',
            finishedAt: '2026-01-01T09:00:30.000Z',
          },
        ]}
      />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toMatch(/production.*Deployed the stack.*Not confirmed type "production" to confirm/);
    expect(rows[1]?.textContent).toMatch(
      /dev.*Deployed the stack.*Failed Docker refused to deploy the stack: no swarm/,
    );
    expect(rows[2]?.textContent).toMatch(/dev.*Rolled back the stack.*Done/);
  });

  it('explains an empty list', () => {
    render(<ActivityTable entries={[]} />);
    expect(screen.getByText(/Nothing done from the app yet/)).toBeTruthy();
  });
});
