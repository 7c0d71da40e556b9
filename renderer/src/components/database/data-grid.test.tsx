// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { DataGrid } from './data-grid';

describe('DataGrid', () => {
  it('shows headers with their types and the sort, and reports a click on a header', () => {
    const onSortBy = vi.fn();
    render(
      <DataGrid
        columns={[
          { name: 'id', dataType: 'bigint' },
          { name: 'profile', dataType: 'jsonb' },
        ]}
        rows={[['1', { tier: 2 }]]}
        sort={{ column: 'id', direction: 'desc' }}
        onSortBy={onSortBy}
      />,
    );
    expect(screen.getByRole('button', { name: 'id ▼' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'profile' }));
    expect(onSortBy).toHaveBeenCalledWith('profile');
    expect(screen.getByText('jsonb')).toBeTruthy();
  });

  it('says so when there are no rows', () => {
    render(<DataGrid columns={[{ name: 'id' }]} rows={[]} empty="No row matches the filters." />);
    expect(screen.getByText('No row matches the filters.')).toBeTruthy();
  });
});
