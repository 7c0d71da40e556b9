// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ServicesEvent, StackService, StreamListener } from '../../../electron/contract';
import { useSelectionStore } from '../stores/selection-store';
import { ServicesPage } from './stack-services-page';

const api = vi.hoisted(() => ({
  services: { watch: vi.fn(), scale: vi.fn(), restart: vi.fn(), inspect: vi.fn() },
}));
vi.mock('../api/clair', () => ({ clair: api }));
// The picker has its own tests; here the environment is chosen through the selection store.
vi.mock('../components/environment-picker', () => ({ EnvironmentPicker: () => null }));

const web = (running: number, desired: number): StackService => ({
  id: 's1',
  name: 'clair_web',
  image: 'clair/nginx:1.22',
  mode: 'replicated',
  replicas: { running, desired },
  health: 'healthy',
  restarts: 1,
  updatedAt: new Date().toISOString(),
  tasks: [
    {
      id: 'task1234567890',
      slot: 1,
      node: 'node-1',
      state: 'running',
      desiredState: 'running',
      message: 'started',
      health: 'healthy',
      updatedAt: new Date().toISOString(),
    },
    {
      id: 'taskold0000000',
      slot: 1,
      node: 'node-1',
      state: 'failed',
      desiredState: 'shutdown',
      message: 'started',
      error: 'task: non-zero exit (1)',
      exitCode: 1,
      health: 'none',
      updatedAt: new Date().toISOString(),
    },
  ],
});

afterEach(cleanup);

describe('the Services screen', () => {
  let listener: StreamListener<ServicesEvent>;
  const send = (event: ServicesEvent) => act(() => listener({ type: 'event', event }));

  beforeEach(() => {
    vi.resetAllMocks();
    api.services.watch.mockImplementation((_request: unknown, subscriber: StreamListener<ServicesEvent>) => {
      listener = subscriber;
      return () => undefined;
    });
    useSelectionStore.setState({ environment: 'dev' });
  });

  it('shows the live services, patches them from events and says when it reconnects', async () => {
    render(<ServicesPage />);
    expect(api.services.watch).toHaveBeenCalledWith({ environment: 'dev' }, expect.any(Function));
    expect(screen.getByRole('status').textContent).toContain('Connecting to the engine of dev');

    send({
      type: 'snapshot',
      stack: 'clair',
      services: [web(1, 2)],
      nodes: [{ id: 'n1', hostname: 'node-1', role: 'manager', availability: 'active', state: 'ready', leader: true }],
    });
    const row = screen.getByTestId('service-web');
    expect(within(row).getByTestId('replicas').textContent).toBe('1/2');
    expect(row.textContent).toContain('Healthy');
    expect(screen.getByRole('list', { name: 'Nodes' }).textContent).toContain('node-1');

    send({ type: 'service', service: web(2, 2) });
    expect(within(screen.getByTestId('service-web')).getByTestId('replicas').textContent).toBe('2/2');

    fireEvent.click(screen.getByRole('button', { name: 'Show the tasks of web' }));
    expect(screen.getByText(/task: non-zero exit \(1\) \(exit code 1\)/)).toBeTruthy();

    send({ type: 'connection', state: 'reconnecting', reason: 'Lost the docker engine (socket hang up).' });
    expect(screen.getByTestId('connection-banner').textContent).toContain('socket hang up');
    send({ type: 'connection', state: 'connected' });
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('scales with the number typed and shows the engine error in words', async () => {
    api.services.scale.mockRejectedValue(new Error('Could not scale clair_web: no suitable node. Check the nodes.'));
    render(<ServicesPage />);
    send({ type: 'snapshot', stack: 'clair', services: [web(2, 2)], nodes: [] });
    const input = screen.getByLabelText('Replicas of web');
    const scale = screen.getByRole<HTMLButtonElement>('button', { name: 'Scale' });
    expect(scale.disabled).toBe(true);
    fireEvent.change(input, { target: { value: '3' } });
    fireEvent.click(scale);
    expect(api.services.scale).toHaveBeenCalledWith({
      environment: 'dev',
      service: 'clair_web',
      replicas: 3,
      confirm: undefined,
    });
    expect((await screen.findByRole('alert')).textContent).toContain('no suitable node. Check the nodes.');
  });

  it('opens the spec in a side panel', async () => {
    api.services.inspect.mockResolvedValue({ service: 'clair_web', format: 'yaml', text: 'Name: clair_web\n' });
    render(<ServicesPage />);
    send({ type: 'snapshot', stack: 'clair', services: [web(2, 2)], nodes: [] });
    fireEvent.click(screen.getByRole('button', { name: 'Spec' }));
    expect((await screen.findByTestId('service-spec')).textContent).toBe('Name: clair_web\n');
    expect(screen.getByRole('complementary', { name: 'Spec of clair_web' })).toBeTruthy();
  });
});
