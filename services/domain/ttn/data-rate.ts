/** A LoRa data rate: what the original called the MCS (e.g. SF9BW125). */
export interface LoraDataRate {
  spreadingFactor: number;
  bandwidthKhz: number;
}

/**
 * EU868 data rate indices, as the original mapped `settings.data_rate_index`.
 * @see original-clair.md §4.2 (clairttn/types.py DATA_RATE_INDEX)
 */
const eu868ByIndex: readonly LoraDataRate[] = [
  { spreadingFactor: 12, bandwidthKhz: 125 },
  { spreadingFactor: 11, bandwidthKhz: 125 },
  { spreadingFactor: 10, bandwidthKhz: 125 },
  { spreadingFactor: 9, bandwidthKhz: 125 },
  { spreadingFactor: 8, bandwidthKhz: 125 },
  { spreadingFactor: 7, bandwidthKhz: 125 },
  { spreadingFactor: 7, bandwidthKhz: 250 },
];

export function dataRateOfIndex(index: number): LoraDataRate | undefined {
  return eu868ByIndex[index];
}

/** Parses a v2 name such as "SF9BW125"; undefined for anything else (FSK, typos). */
export function dataRateOfName(name: string): LoraDataRate | undefined {
  const match = /^SF(\d{1,2})BW(\d{3})$/.exec(name);
  return match ? { spreadingFactor: Number(match[1]), bandwidthKhz: Number(match[2]) } : undefined;
}

/** The original's name for a data rate, "SF9BW125". */
export function dataRateName({ spreadingFactor, bandwidthKhz }: LoraDataRate): string {
  return `SF${spreadingFactor}BW${bandwidthKhz}`;
}
