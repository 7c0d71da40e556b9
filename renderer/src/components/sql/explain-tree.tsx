import { type ReactNode, useState } from 'react';

import type { ExplainNode } from '../../../../electron/contract';
import { useSqlStore } from '../../stores/sql-store';
import { visibleNodes } from './explain-nodes';

/** A node taking at least this share of the plan's time (or cost) is marked expensive. */
const expensiveShare = 0.3;

function measures(node: ExplainNode): string {
  const parts = [`cost ${node.startupCost}..${node.totalCost}`, `rows ${node.planRows}`];
  if (node.actualTotalMs !== undefined) {
    parts.push(`actual ${node.actualTotalMs} ms × ${node.loops} loops`, `${node.actualRows} rows`);
  }
  if (node.buffersHit !== undefined) parts.push(`buffers hit ${node.buffersHit} read ${node.buffersRead ?? 0}`);
  return parts.join(' · ');
}

/** EXPLAIN's plan as a collapsible tree; the nodes that take most of the time stand out. */
export function ExplainTree(): ReactNode {
  const explain = useSqlStore((s) => s.explain);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());

  if (explain.status === 'idle') return <p className="state">Explain shows how PostgreSQL runs the query.</p>;
  if (explain.status === 'running') {
    return (
      <p className="state" role="status">
        {explain.analyze ? 'Running the query to measure it (in a transaction that is rolled back)…' : 'Planning…'}
      </p>
    );
  }
  if (explain.status === 'failed' || explain.status === 'error') {
    const error = explain.error;
    return (
      <p className="state state-error" role="alert">
        {'line' in error && error.line !== undefined ? `Line ${error.line}, column ${error.column}: ` : ''}
        {error.message}
      </p>
    );
  }
  const { plan } = explain;
  const toggle = (index: number) => {
    const next = new Set(collapsed);
    if (!next.delete(index)) next.add(index);
    setCollapsed(next);
  };
  return (
    <div className="explain">
      <p className="state">
        {plan.analyzed
          ? `Planning ${plan.planningMs ?? 0} ms, execution ${plan.executionMs ?? 0} ms (measured, then rolled back)`
          : 'Estimated costs (without ANALYZE, nothing ran)'}
      </p>
      <ul className="explain-tree" role="tree" aria-label="query plan">
        {visibleNodes(plan.nodes, collapsed).map((index) => {
          const node = plan.nodes[index] as ExplainNode;
          const hasChildren = (plan.nodes[index + 1]?.depth ?? -1) > node.depth;
          const expensive = node.share >= expensiveShare;
          return (
            <li
              key={index}
              role="treeitem"
              aria-level={node.depth + 1}
              aria-expanded={hasChildren ? !collapsed.has(index) : undefined}
              className={`explain-node explain-depth-${Math.min(node.depth, 12)}${expensive ? ' explain-expensive' : ''}`}
            >
              {hasChildren ? (
                <button
                  type="button"
                  className="explain-toggle"
                  aria-label={collapsed.has(index) ? 'Expand' : 'Collapse'}
                  onClick={() => toggle(index)}
                >
                  {collapsed.has(index) ? '▸' : '▾'}
                </button>
              ) : (
                <span className="explain-toggle" />
              )}
              <strong>{node.nodeType}</strong> {node.target}
              <span className="explain-share">{Math.round(node.share * 100)}%</span>
              <small className="explain-measures">{measures(node)}</small>
              {node.details.map((detail) => (
                <small key={detail} className="explain-detail">
                  {detail}
                </small>
              ))}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
