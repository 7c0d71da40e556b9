// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { SecretStoreStatus } from '../../../electron/contract';
import { ClairError } from '../../../electron/contract';

const api = vi.hoisted(() => ({
  status: vi.fn(),
  list: vi.fn(),
  set: vi.fn(),
  delete: vi.fn(),
}));
vi.mock('../api/clair', () => ({ clair: { secrets: api } }));

import { useSecretsStore } from '../stores/secrets-store';
import { SecretsSettings } from './secrets-settings';

const noKeyring: SecretStoreStatus = {
  backend: 'basic-text',
  encrypted: false,
  storing: 'needs-plain-text-choice',
  message: 'No keyring (GNOME Keyring or KWallet) is running.',
};

beforeEach(() => {
  useSecretsStore.setState({ secrets: { status: 'idle' }, actionError: undefined });
  for (const method of Object.values(api)) method.mockReset();
  api.list.mockResolvedValue([]);
  api.set.mockResolvedValue(undefined);
});
afterEach(cleanup);

describe('SecretsSettings', () => {
  it('says where secrets go, and without a keyring stores only after the explicit choice', async () => {
    api.status.mockResolvedValue(noKeyring);
    render(<SecretsSettings />);
    expect((await screen.findByTestId('secret-store-status')).textContent).toContain('No keyring');

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'smtp_password' } });
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: 'hunter2' } });
    const submit = screen.getByRole<HTMLButtonElement>('button', { name: 'Store secret' });
    expect(submit.disabled).toBe(true);

    fireEvent.click(screen.getByLabelText('Store secrets without encryption on this machine'));
    api.list.mockResolvedValue(['smtp_password']);
    fireEvent.click(submit);

    expect(await screen.findByText('smtp_password')).toBeTruthy();
    expect(api.set).toHaveBeenCalledWith({ name: 'smtp_password', value: 'hunter2', allowPlainText: true });
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Value').value).toBe(''));
  });

  it('offers no form where secrets cannot be stored, and shows a refusal as an alert', async () => {
    api.status.mockResolvedValue({
      ...noKeyring,
      backend: 'os-keychain',
      storing: 'unavailable',
      message: 'No keychain.',
    });
    render(<SecretsSettings />);
    await screen.findByText('No keychain.');
    expect(screen.queryByRole('button', { name: 'Store secret' })).toBeNull();

    cleanup();
    api.status.mockResolvedValue({ backend: 'file', encrypted: false, storing: 'allowed', message: 'In a file.' });
    api.set.mockRejectedValue(new ClairError({ code: 'unavailable', message: 'The secrets file is damaged' }));
    useSecretsStore.setState({ secrets: { status: 'idle' } });
    render(<SecretsSettings />);
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'a' } });
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: 'b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Store secret' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The secrets file is damaged');
  });
});
