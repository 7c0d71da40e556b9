// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { StreamListener, UplinkRow, UplinksEvent } from '../../../electron/contract';
import { useSelectionStore } from '../stores/selection-store';
import { UplinksPage } from './uplinks-page';

const api = vi.hoisted(() => ({
  uplinks: { sources: vi.fn(), watch: vi.fn(), raw: vi.fn(), save: vi.fn() },
}));
vi.mock('../api/clair', () => ({ clair: api }));
// The picker has its own tests; here the environment is chosen through the selection store.
vi.mock('../components/environment-picker', () => ({ EnvironmentPicker: () => null }));

const row = (seq: number, overrides: Partial<UplinkRow> = {}): UplinkRow => ({
  seq,
  application: 'clairchen',
  deviceId: `eui-${seq}`,
  receivedAt: '2026-11-29T09:00:00Z',
  fPort: 1,
  fCnt: 10 + seq,
  rssi: -70,
  snr: 7.5,
  gateways: 1,
  status: 'decoded',
  samples: [{ timestampS: 1_795_942_444, co2Ppm: 812, temperatureCelsius: 21.5, relHumidityPercent: 40 }],
  bytes: 900,
  ...overrides,
});

afterEach(cleanup);
// happy-dom lays nothing out: give every element a height so the virtualized table shows rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
});

describe('the Uplinks page', () => {
  it("names the sources' problems and each application's refusal in words", async () => {
    let listener: StreamListener<UplinksEvent> | undefined;
    api.uplinks.sources.mockResolvedValue({
      tenant: 'ttn',
      applications: [
        { application: 'clairchen', applicationId: 'clairchen-dev' },
        { application: 'ers', applicationId: 'ers-dev' },
      ],
      sources: [
        { kind: 'ttn', url: 'mqtts://eu1.cloud.thethings.network:8883', problems: [] },
        { kind: 'dev-broker', url: 'mqtt://127.0.0.1:1883', problems: ['not running'] },
      ],
    });
    api.uplinks.watch.mockImplementation((_request: unknown, next: StreamListener<UplinksEvent>) => {
      listener = next;
      return () => undefined;
    });
    act(() => useSelectionStore.getState().select('dev'));
    render(<UplinksPage />);
    await vi.waitFor(() => expect(listener).toBeDefined());
    expect(screen.getByRole('alert').textContent).toBe('Dev broker (simulated TTN) cannot be watched: not running');

    const refusal = 'not authorized as clairchen-dev@ttn: the API key lacks the right to read application traffic';
    act(() => {
      for (const application of ['clairchen', 'ers'] as const) {
        listener!({
          type: 'event',
          event: {
            type: 'connection',
            application,
            applicationId: `${application}-dev`,
            state: 'refused',
            message: refusal,
          },
        });
      }
    });
    const connections = within(screen.getByRole('list', { name: 'Connections' })).getAllByRole('listitem');
    expect(connections.map((item) => item.dataset.state)).toEqual(['refused', 'refused']);
    expect(connections[0]!.textContent).toBe(`clairchen-dev@ttn refused: ${refusal}`);
    expect(screen.getByText(/No application could log in/)).toBeTruthy();
    expect(screen.queryByText(/Waiting for the first uplink/)).toBeNull();
  });

  it('lists rows newest first, marks those that did not decode, and opens one in the detail panel', async () => {
    let listener: StreamListener<UplinksEvent> | undefined;
    api.uplinks.sources.mockResolvedValue({
      tenant: 'ttn',
      applications: [{ application: 'clairchen', applicationId: 'clairchen-dev' }],
      sources: [{ kind: 'dev-broker', url: 'mqtt://127.0.0.1:1883', problems: [] }],
    });
    api.uplinks.watch.mockImplementation((_request: unknown, next: StreamListener<UplinksEvent>) => {
      listener = next;
      return () => undefined;
    });
    api.uplinks.raw.mockResolvedValue({ seq: 1, topic: 'v3/t', text: '{"f_cnt":11}', truncated: false });
    act(() => useSelectionStore.getState().select('other'));
    render(<UplinksPage />);
    await vi.waitFor(() => expect(listener).toBeDefined());
    await act(async () => {
      listener!({ type: 'event', event: { type: 'session', session: 's1' } });
      listener!({
        type: 'event',
        event: {
          type: 'uplinks',
          rows: [row(0), row(1, { status: 'decode_error', error: 'unsupported version 3', samples: [] })],
        },
      });
      await new Promise((resolve) => requestAnimationFrame(resolve));
    });

    const rows = screen.getByTestId('uplink-rows').querySelectorAll<HTMLElement>('.uplink-row');
    expect([...rows].map((element) => element.dataset.status)).toEqual(['decode_error', 'decoded']);
    expect(rows[0]!.textContent).toContain('Decode error: unsupported version 3');
    expect(rows[1]!.textContent).toContain('812 ppm 21.5 °C 40 %');

    fireEvent.click(rows[0]!);
    const detail = await screen.findByRole('region', { name: 'Uplink detail' });
    await vi.waitFor(() => expect(within(detail).getByTestId('uplink-raw').textContent).toBe('{\n  "f_cnt": 11\n}'));
    expect(api.uplinks.raw).toHaveBeenCalledWith({ session: 's1', seq: 1 });
  });
});
