import { describe, expect, it } from 'vitest';

import { mqttUsername, parseUplinkTopic, uplinkSubscription } from './topics';

describe('TTN v3 topics', () => {
  it('builds the username and uplink subscription of a TTN application', () => {
    expect(mqttUsername('clair-berlin', 'ttn')).toBe('clair-berlin@ttn');
    expect(uplinkSubscription('clair-berlin', 'ttn')).toBe('v3/clair-berlin@ttn/devices/+/up');
  });

  it('omits the tenant for open-source deployments', () => {
    expect(uplinkSubscription('app1')).toBe('v3/app1/devices/+/up');
  });

  it('parses an uplink topic into its ids', () => {
    expect(parseUplinkTopic('v3/clair-berlin@ttn/devices/eui-a81758fffe052b0f/up')).toEqual({
      applicationId: 'clair-berlin',
      tenant: 'ttn',
      deviceId: 'eui-a81758fffe052b0f',
    });
    expect(parseUplinkTopic('v3/app1/devices/dev1/up')).toEqual({
      applicationId: 'app1',
      tenant: undefined,
      deviceId: 'dev1',
    });
  });

  it('ignores topics that are not uplinks', () => {
    expect(parseUplinkTopic('v3/app1@ttn/devices/dev1/join')).toBeUndefined();
    expect(parseUplinkTopic('v3/app1@ttn/devices/dev1/down/queued')).toBeUndefined();
    expect(parseUplinkTopic('v3/app1@ttn/devices/+/up')).toBeUndefined();
    expect(parseUplinkTopic('app1/devices/dev1/up')).toBeUndefined();
  });
});
