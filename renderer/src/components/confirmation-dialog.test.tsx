// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { ClairError } from '../../../electron/contract';
import { useConfirmationStore, withConfirmation } from '../stores/confirmation-store';
import { ConfirmationDialog } from './confirmation-dialog';

afterEach(cleanup);

const refusal = new ClairError({ code: 'confirmation-required', message: 'deploy acts on a production environment' });

describe('withConfirmation and the dialog', () => {
  it('asks for the name only when the engine refuses, and repeats the call with what was typed', async () => {
    render(<ConfirmationDialog />);
    const calls: (string | undefined)[] = [];
    const done = withConfirmation('production', async (confirm) => {
      calls.push(confirm);
      if (confirm !== 'production') throw refusal;
      return 'deployed';
    });

    const input = await screen.findByLabelText('Environment name');
    expect(screen.getByText('deploy acts on a production environment')).toBeTruthy();
    const confirm = screen.getByRole<HTMLButtonElement>('button', { name: 'Confirm' });
    fireEvent.change(input, { target: { value: 'prod' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(input, { target: { value: 'production' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);

    expect(await done).toBe('deployed');
    expect(calls).toEqual([undefined, 'production']);
    expect(useConfirmationStore.getState().pending).toBeUndefined();
  });

  it('resolves undefined without calling again when the user cancels', async () => {
    render(<ConfirmationDialog />);
    let calls = 0;
    const done = withConfirmation('production', () => {
      calls++;
      return Promise.reject(refusal);
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await done).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('passes other errors through untouched', async () => {
    const failure = new ClairError({ code: 'unavailable', message: 'engine down' });
    await expect(withConfirmation('dev', () => Promise.reject(failure))).rejects.toBe(failure);
    await act(async () => undefined);
    expect(useConfirmationStore.getState().pending).toBeUndefined();
  });
});
