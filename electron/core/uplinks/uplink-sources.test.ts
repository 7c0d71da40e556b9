import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadEnvironment } from '../environments/load-environment';
import { describeSources, uplinkSourceSettings, withoutCredentials } from './uplink-sources';

async function settingsOf(text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'ttnlive-sources-'));
  await writeFile(join(dir, 'key'), 'NNSXS.SECRET');
  await writeFile(join(dir, 'x.env'), text.replaceAll('$DIR', dir));
  return uplinkSourceSettings(await loadEnvironment(join(dir, 'x.env')), '/repo');
}

describe('uplinkSourceSettings', () => {
  it("reads TTN's applications, decoders and key files, and offers the dev broker of a dev environment", async () => {
    const settings = await settingsOf(
      [
        'CLAIR_ENVIRONMENT_CLASS=development',
        'TTN_MQTT_URL=mqtt://user:pw@127.0.0.1:1884',
        'CLAIRCHEN_TTN_APPLICATION_ID=clairchen-dev',
        'CLAIRCHEN_TTN_API_KEY_FILE=$DIR/key',
        'ERS_TTN_APPLICATION_ID=ers-dev',
        'ERS_TTN_API_KEY_FILE=secrets/ers_ttn_api_key',
        'SIMULATED_TTN_PORT=1999',
      ].join('\n'),
    );
    expect(settings.applications.map(({ application, protocol }) => [application, protocol])).toEqual([
      ['clairchen', 'CLAIRCHEN'],
      ['ers', 'ELSYSERS'],
    ]);
    expect(settings.applications[1]!.apiKeyFile).toBe('/repo/stack-templates/secrets/ers_ttn_api_key');
    expect(settings.ttn.problems).toEqual([
      'ERS_TTN_API_KEY_FILE: /repo/stack-templates/secrets/ers_ttn_api_key does not exist',
    ]);
    expect(describeSources(settings)).toEqual({
      tenant: 'ttn',
      applications: [
        { application: 'clairchen', applicationId: 'clairchen-dev' },
        { application: 'ers', applicationId: 'ers-dev' },
      ],
      sources: [
        { kind: 'ttn', url: 'mqtt://127.0.0.1:1884', problems: settings.ttn.problems },
        { kind: 'dev-broker', url: 'mqtt://127.0.0.1:1999', problems: [] },
      ],
    });
  });

  it('names missing application ids and offers no dev broker outside development', async () => {
    const settings = await settingsOf('CLAIR_ENVIRONMENT_CLASS=staging\nSIMULATED_TTN_PORT=1883\n');
    expect(settings.devBroker).toBeUndefined();
    expect(settings.ttn).toEqual({
      url: 'mqtts://eu1.cloud.thethings.network:8883',
      problems: ['CLAIRCHEN_TTN_APPLICATION_ID is not set in x.env', 'ERS_TTN_APPLICATION_ID is not set in x.env'],
    });
  });

  it('never shows credentials written into a URL', () => {
    expect(withoutCredentials('mqtts://app%40ttn:NNSXS.KEY@eu1.example:8883')).toBe('mqtts://eu1.example:8883');
    expect(withoutCredentials('not a url://a:b@c')).toBe('not a url://c');
  });
});
