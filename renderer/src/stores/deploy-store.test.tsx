// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { DeployEvent, DeployPlan, StreamListener } from '../../../electron/contract';
import { useConfirmationStore } from './confirmation-store';
import { useDeployStore } from './deploy-store';

const api = vi.hoisted(() => ({
  plan: vi.fn(),
  history: vi.fn(),
  apply: vi.fn(),
  rollback: vi.fn(),
}));
vi.mock('../api/clair', () => ({ clair: { deploy: api } }));

const shownPlan: DeployPlan = {
  environment: 'production',
  stack: 'clair',
  problems: [],
  fingerprint: 'f1',
  plan: { stack: 'clair', services: [], secrets: [], configs: [], networks: [], volumes: [], noChanges: false },
};

describe('the deploy store', () => {
  beforeEach(async () => {
    vi.resetAllMocks();
    api.plan.mockResolvedValue(shownPlan);
    api.history.mockResolvedValue([]);
    useDeployStore.setState({ run: undefined });
    await useDeployStore.getState().load('production');
  });

  it('deploys the fingerprint on screen, asking for the typed name when the engine wants it', async () => {
    const listeners: StreamListener<DeployEvent>[] = [];
    api.apply.mockImplementation((_request: unknown, listener: StreamListener<DeployEvent>) => {
      listeners.push(listener);
      return () => undefined;
    });

    useDeployStore.getState().deploy();
    expect(api.apply).toHaveBeenLastCalledWith({ environment: 'production', fingerprint: 'f1' }, expect.any(Function));
    listeners[0]!({ type: 'end', error: { code: 'confirmation-required', message: 'type "production" to confirm' } });
    await vi.waitFor(() =>
      expect(useConfirmationStore.getState().pending?.reason).toBe('type "production" to confirm'),
    );

    useConfirmationStore.getState().answer('production');
    await vi.waitFor(() => expect(api.apply).toHaveBeenCalledTimes(2));
    expect(api.apply).toHaveBeenLastCalledWith(
      { environment: 'production', fingerprint: 'f1', confirm: 'production' },
      expect.any(Function),
    );
    listeners[1]!({ type: 'event', event: { type: 'result', result: 'converged', revision: 7, failures: [] } });
    listeners[1]!({ type: 'end' });
    expect(useDeployStore.getState().run).toMatchObject({ status: 'converged', revision: 7 });
    // The plan and history are read again, so the screen shows the stack as it is now.
    await vi.waitFor(() => expect(api.plan).toHaveBeenCalledTimes(2));
  });

  it('drops the run when the user cancels the confirmation', async () => {
    api.rollback.mockImplementation((_request: unknown, listener: StreamListener<DeployEvent>) => {
      listener({ type: 'end', error: { code: 'confirmation-required', message: 'type it' } });
      return () => undefined;
    });
    useDeployStore.getState().rollback(2);
    await vi.waitFor(() => expect(useConfirmationStore.getState().pending).toBeDefined());
    useConfirmationStore.getState().answer(undefined);
    await vi.waitFor(() => expect(useDeployStore.getState().run).toBeUndefined());
    expect(api.rollback).toHaveBeenCalledTimes(1);
  });
});
