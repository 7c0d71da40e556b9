import type { ReactNode } from 'react';

import { useUplinksStore } from '../../stores/uplinks-store';
import { prettyJson } from '../pretty-json';
import { formatSample, formatUnixSeconds, statusLabels } from './uplink-format';

/**
 * The chosen uplink beside the table: what decoding gave (each sample with its time, or the
 * error) and the raw message pretty-printed, fetched from the core that keeps it as received.
 */
export function UplinkDetail(): ReactNode {
  const row = useUplinksStore((s) => s.detail);
  const raw = useUplinksStore((s) => s.raw);
  const showDetail = useUplinksStore((s) => s.showDetail);
  if (!row) return null;
  return (
    <section className="uplink-detail" aria-label="Uplink detail">
      <header>
        <strong>{row.deviceId}</strong>
        {row.devEui && <span>DevEUI {row.devEui}</span>}
        <time dateTime={row.receivedAt}>{row.receivedAt}</time>
        <span>
          {row.gateways} {row.gateways === 1 ? 'gateway' : 'gateways'}, {row.bytes.toLocaleString('en')} bytes
        </span>
        <button type="button" onClick={() => showDetail(undefined)}>
          Close
        </button>
      </header>
      <div className="uplink-detail-body">
        <div className="uplink-decoded">
          <h2>{statusLabels[row.status]}</h2>
          {row.error && <p className="uplink-error">{row.error}</p>}
          {row.samples.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th>Sample time</th>
                  <th>Values</th>
                </tr>
              </thead>
              <tbody>
                {row.samples.map((sample) => (
                  <tr key={sample.timestampS}>
                    <td>{formatUnixSeconds(sample.timestampS)}</td>
                    <td>{formatSample(sample)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="uplink-raw">
          <h2>Raw message</h2>
          {raw.status === 'loading' && <p className="state">Loading…</p>}
          {raw.status === 'failed' && (
            <p className="uplink-error" role="alert">
              {raw.message}
            </p>
          )}
          {raw.status === 'ready' && (
            <>
              <code className="uplink-topic">{raw.data.topic}</code>
              {raw.data.truncated && (
                <p className="state">Only the first megabyte is shown; a capture keeps all of it.</p>
              )}
              <pre className="uplink-pretty" data-testid="uplink-raw">
                {prettyJson(raw.data.text)}
              </pre>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
