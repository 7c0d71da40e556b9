import type { NodeProtocol } from '../domain/nodes/node-id';

/** How a device of one kind talks: the radio settings and the sampling scheme of its firmware. */
export interface NodeKind {
  /** A short name for aliases and CLI output. */
  label: string;
  fPort: number;
  spreadingFactor: number;
  samplesPerMessage: number;
  /** Seconds between the samples carried in one message. */
  sampleIntervalS: number;
  /** Seconds between uplinks when the device runs at its own pace. */
  naturalUplinkIntervalS: number;
  /** The leading DevEUI bytes (vendor OUI), as real devices of this kind have them. */
  devEuiPrefix: string;
}

export const nodeKinds: Record<NodeProtocol, NodeKind> = {
  // SF9BW125: 3 samples per message, 178 s apart (original-clair.md §4.4 table). SF9 is also what
  // the original assumed when an uplink named no data rate index, so decoders agree without one.
  CLAIRCHEN: {
    label: 'clairchen',
    fPort: 1,
    spreadingFactor: 9,
    samplesPerMessage: 3,
    sampleIntervalS: 178,
    naturalUplinkIntervalS: 3 * 178,
    devEuiPrefix: '9876B6',
  },
  // ERS at SF10: 3 groups of temperature, humidity and CO2, 356 s apart; f_port 5 as the
  // production application used (original-clair.md §4.2, §4.5).
  ELSYSERS: {
    label: 'ers-co2',
    fPort: 5,
    spreadingFactor: 10,
    samplesPerMessage: 3,
    sampleIntervalS: 356,
    naturalUplinkIntervalS: 3 * 356,
    devEuiPrefix: 'A81758FFFE',
  },
  // OY1012: one 5-byte sample per message (original-clair.md §4.6). Its port and period are not
  // documented; the original decoder ignores the port, and 10 minutes is a typical CO2 period.
  TALKPOOLOY1012: {
    label: 'oy1012',
    fPort: 1,
    spreadingFactor: 7,
    samplesPerMessage: 1,
    sampleIntervalS: 600,
    naturalUplinkIntervalS: 600,
    devEuiPrefix: '70B3D5E75E',
  },
};
