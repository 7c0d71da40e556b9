import type { ReactNode } from 'react';

import { useLogsStore } from '../../stores/logs-store';
import { prettyJson } from '../pretty-json';
import { serviceColour } from './service-colour';

/**
 * The chosen JSON line, pretty-printed under the list. Outside the list on purpose: a row that
 * grew in place would make the virtualizer measure rows again while lines pour in.
 */
export function LogDetail(): ReactNode {
  const detail = useLogsStore((s) => s.detail);
  const showDetail = useLogsStore((s) => s.showDetail);
  if (!detail) return null;
  const { line } = detail;
  return (
    <section id="log-detail" className="log-detail" aria-label="JSON line">
      <header>
        <span className="log-service" style={{ borderColor: serviceColour(line.service) }}>
          {line.service}
        </span>
        <time dateTime={line.time}>{line.time}</time>
        <button type="button" onClick={() => showDetail(undefined)}>
          Close
        </button>
      </header>
      <pre className="log-pretty">{prettyJson(line.text)}</pre>
    </section>
  );
}
