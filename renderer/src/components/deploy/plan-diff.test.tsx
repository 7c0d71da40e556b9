// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Plan } from '../../../../electron/contract';
import { PlanDiff } from './plan-diff';

afterEach(cleanup);

const base: Plan = {
  stack: 'clair',
  services: [],
  secrets: [],
  configs: [],
  networks: [],
  volumes: [],
  noChanges: false,
};

describe('PlanDiff', () => {
  it('shows each changed field before → after, the variable that changed, and whether tasks restart', () => {
    render(
      <PlanDiff
        plan={{
          ...base,
          services: [
            {
              key: 'web',
              name: 'clair_web',
              action: 'update',
              restarts: true,
              changes: [
                { field: 'image', before: 'nginx:1.21', after: 'nginx:1.22' },
                { field: 'env', before: ['A=1', 'B=same'], after: ['A=2', 'B=same', 'C=new'] },
              ],
            },
            { key: 'db', name: 'clair_db', action: 'unchanged', restarts: false, changes: [] },
            { key: 'old', name: 'clair_old', action: 'remove', restarts: false, changes: [] },
          ],
          secrets: [{ name: 'clair_token_ab12', action: 'create', by: 'apply' }],
        }}
      />,
    );
    expect(screen.getByText('Services: 0 to create, 1 to update, 1 to remove.')).toBeTruthy();
    const rows = screen.getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual(['imagenginx:1.21→nginx:1.22', 'env A1→2', 'env C(unset)→new']);
    expect(screen.getByText(/restarts its tasks/)).toBeTruthy();
    expect(screen.getByText('1 unchanged service')).toBeTruthy();
    expect(screen.getByText('clair_token_ab12')).toBeTruthy();
  });

  it('says so when there is nothing to change', () => {
    render(<PlanDiff plan={{ ...base, noChanges: true }} />);
    expect(screen.getByTestId('plan-no-changes').textContent).toContain('already runs what the files describe');
  });
});
