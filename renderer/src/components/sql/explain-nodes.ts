import type { ExplainNode } from '../../../../electron/contract';

/** The nodes still visible when the collapsed ones hide their descendants. */
export function visibleNodes(nodes: ExplainNode[], collapsed: ReadonlySet<number>): number[] {
  const shown: number[] = [];
  let hideDeeperThan = Infinity;
  nodes.forEach((node, index) => {
    if (node.depth > hideDeeperThan) return;
    hideDeeperThan = collapsed.has(index) ? node.depth : Infinity;
    shown.push(index);
  });
  return shown;
}
