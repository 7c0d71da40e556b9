import { describe, expect, it } from 'vitest';

import { parseCliOptions } from './cli-options';

describe('parseCliOptions', () => {
  it('reads the documented example command line', () => {
    const parsed = parseCliOptions(
      '--broker mqtt://127.0.0.1:51883 --app clair-sim --tenant ttn --api-key NNSXS.K --nodes 3 --rate 2 --duration 60s --storage-port 8099 --seed 1'.split(
        ' ',
      ),
    );
    expect(parsed).toEqual({
      ok: true,
      options: expect.objectContaining({
        broker: 'mqtt://127.0.0.1:51883',
        app: 'clair-sim',
        tenant: 'ttn',
        'api-key': 'NNSXS.K',
        nodes: 3,
        rate: 2,
        duration: 60_000,
        'storage-port': 8099,
        seed: 1,
        simulated: false,
      }),
    });
  });

  it('has defaults that run without options', () => {
    expect(parseCliOptions([])).toMatchObject({
      ok: true,
      options: { app: 'clair-sim', nodes: 1, seed: 1, tenant: 'ttn' },
    });
  });

  it('explains unusable options instead of throwing', () => {
    expect(parseCliOptions(['--bogus'])).toMatchObject({ ok: false, errors: [expect.stringContaining('--bogus')] });
    expect(parseCliOptions(['--duration', '7d'])).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('--duration')],
    });
    expect(parseCliOptions(['--nodes', '0'])).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('--nodes')],
    });
    expect(parseCliOptions(['--rate', '2', '--interval', '10s'])).toMatchObject({ ok: false });
  });
});
