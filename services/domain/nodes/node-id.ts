import { sha256 } from '@noble/hashes/sha2.js';

/** The LoRaWAN protocols the original platform knew, by the names its node ids hash. */
export const nodeProtocols = ['CLAIRCHEN', 'ELSYSERS', 'TALKPOOLOY1012'] as const;
export type NodeProtocol = (typeof nodeProtocols)[number];

const devEuiPattern = /^[0-9A-Fa-f]{16}$/;

/**
 * The managair node id of a device, exactly as the original clair-ttn computed it:
 * the first 16 bytes of SHA-256(ASCII protocol name ‖ the 8 raw DevEUI bytes), formatted as a
 * UUID. The version and variant bits are whatever the hash gives, so this is not an RFC 4122 UUID.
 * @see original-clair.md §4.3
 * @throws RangeError when devEui is not 16 hex digits.
 */
export function nodeIdFromDevEui(protocol: NodeProtocol, devEui: string): string {
  return hashedNodeId(protocol, hexToBytes(validDevEui(devEui)));
}

/**
 * The node id of the original's old scheme (Flask era, `sampledump2fixture.py`): the same hash,
 * but over the DevEUI as its ASCII hex string instead of its 8 bytes. The string is hashed as
 * given, so case matters: the original used upper case, as TTN renders EUIs.
 * @see original-clair.md §4.3 (last paragraph)
 * @throws RangeError when devEui is not 16 hex digits.
 */
export function legacyNodeIdFromDevEui(protocol: NodeProtocol, devEui: string): string {
  return hashedNodeId(protocol, new TextEncoder().encode(validDevEui(devEui)));
}

function validDevEui(devEui: string): string {
  if (!devEuiPattern.test(devEui)) {
    throw new RangeError(`DevEUI must be 16 hexadecimal digits, got "${devEui}"`);
  }
  return devEui;
}

function hashedNodeId(protocol: NodeProtocol, eui: Uint8Array): string {
  const name = new TextEncoder().encode(protocol);
  const input = new Uint8Array(name.length + eui.length);
  input.set(name);
  input.set(eui, name.length);
  return formatUuid(sha256(input).subarray(0, 16));
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

/** 16 bytes in the 8-4-4-4-12 hex form of a UUID. */
export function formatUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}
