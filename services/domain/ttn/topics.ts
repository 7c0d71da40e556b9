/**
 * MQTT topics of The Things Stack v3. An application connects as `{application id}@{tenant}`
 * (TTN's tenant is `ttn`; open-source deployments have no tenant) and its uplinks arrive on
 * `v3/{username}/devices/{device id}/up`.
 * @see ttn-formats.md §1.1–1.2
 */
export function mqttUsername(applicationId: string, tenant?: string): string {
  return tenant ? `${applicationId}@${tenant}` : applicationId;
}

export function uplinkSubscription(applicationId: string, tenant?: string): string {
  return `v3/${mqttUsername(applicationId, tenant)}/devices/+/up`;
}

export interface UplinkTopic {
  applicationId: string;
  tenant: string | undefined;
  deviceId: string;
}

const uplinkTopic = /^v3\/(?<app>[^/@+#]+)(?:@(?<tenant>[^/@+#]+))?\/devices\/(?<device>[^/+#]+)\/up$/;

/** The ids in an uplink topic, or undefined for any other topic (downlink events, wildcards). */
export function parseUplinkTopic(topic: string): UplinkTopic | undefined {
  const groups = uplinkTopic.exec(topic)?.groups;
  if (!groups?.app || !groups.device) return undefined;
  return { applicationId: groups.app, tenant: groups.tenant, deviceId: groups.device };
}
