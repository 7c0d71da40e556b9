// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { StoredSecret } from '../../../../electron/contract';
import { useStorageStore } from '../../stores/storage-store';
import { RotateSecretWizard } from './rotate-secret-wizard';

const api = vi.hoisted(() => ({ storage: { list: vi.fn(), createVolumes: vi.fn(), rotateSecret: vi.fn() } }));
vi.mock('../../api/clair', () => ({ clair: api }));

const secret = (key: string, databasePassword: boolean): StoredSecret => ({
  key,
  name: `clair_${key}_aaaaaaaaaaaa`,
  status: 'exists',
  usedBy: ['clair_db', 'clair_managair_server'],
  external: false,
  rotatable: true,
  file: `/project/stack-templates/secrets/${key}`,
  databasePassword,
});

afterEach(cleanup);

describe('the rotate-secret wizard', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    api.storage.list.mockResolvedValue({ stack: 'clair', volumes: [], secrets: [], configs: [] });
    useStorageStore.setState({ environment: 'dev' });
  });

  it('walks through the steps, sends the typed value once and never shows it', async () => {
    api.storage.rotateSecret.mockResolvedValue({
      name: 'clair_ingest_token_bbbbbbbbbbbb',
      file: '/project/stack-templates/secrets/ingest_token',
      updatedServices: ['clair_ingestair'],
    });
    render(
      <RotateSecretWizard secrets={[secret('ingest_token', false)]} initial="ingest_token" onClose={() => undefined} />,
    );
    expect(screen.getByText(/Used by clair_db, clair_managair_server/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    fireEvent.click(screen.getByLabelText(/Enter a value/));
    const next = screen.getByRole<HTMLButtonElement>('button', { name: 'Next' });
    expect(next.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('New value'), { target: { value: 'typed-secret-value' } });
    expect(screen.getByLabelText<HTMLInputElement>('New value').type).toBe('password');
    fireEvent.click(next);

    expect(screen.getByText(/write the new value to/).textContent).toContain(
      '/project/stack-templates/secrets/ingest_token',
    );
    expect(screen.queryByText(/PostgreSQL keeps its own copy/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Rotate ingest_token' }));

    expect((await screen.findByText(/Rotated ingest_token/)).textContent).toContain('clair_ingest_token_bbbbbbbbbbbb');
    expect(api.storage.rotateSecret).toHaveBeenCalledTimes(1);
    expect(api.storage.rotateSecret).toHaveBeenCalledWith({
      environment: 'dev',
      secret: 'ingest_token',
      value: 'typed-secret-value',
      confirm: undefined,
    });
    expect(document.body.innerHTML).not.toContain('typed-secret-value');
  });

  it('generates a strong value by default and warns about PostgreSQL for a database password', async () => {
    api.storage.rotateSecret.mockRejectedValue(new Error('Could not write the secret file: check the folder.'));
    render(
      <RotateSecretWizard secrets={[secret('db_password', true)]} initial="db_password" onClose={() => undefined} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('note').textContent).toContain('PostgreSQL keeps its own copy');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Rotate db_password' }));

    expect((await screen.findByRole('alert')).textContent).toContain('check the folder');
    const sent = api.storage.rotateSecret.mock.calls[0]?.[0] as { value: string };
    expect(sent.value).toMatch(/^[0-9a-f]{64}$/);
  });
});
