import type { SamplePoint } from '../../timeseries/series-types';
import type { SampleAttributes } from '../document-schemas';

/**
 * A sample as every resource embeds it (the original's SimpleSampleSerializer). Samples are keyed
 * by node and time here, without the original's surrogate id, so the id is made of those two:
 * stable across requests and unique. The temperature is a decimal string with one place, as DRF
 * rendered the numeric(3,1) column ("21.0").
 */
export function sampleObject(nodeId: string, sample: SamplePoint): SampleAttributes {
  return {
    id: `${nodeId}@${sample.timestamp_s}`,
    timestamp_s: sample.timestamp_s,
    co2_ppm: sample.co2_ppm,
    temperature_celsius: sample.temperature_celsius === null ? null : sample.temperature_celsius.toFixed(1),
    rel_humidity_percent: sample.rel_humidity_percent,
    measurement_status: sample.measurement_status,
  };
}
