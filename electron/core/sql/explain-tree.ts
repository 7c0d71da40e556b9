import { z } from 'zod';

import type { ExplainNode, ExplainPlan } from '../../contract';

/** The part of PostgreSQL's EXPLAIN (FORMAT JSON) plan node this screen reads; the rest passes. */
interface PlanNode {
  'Node Type': string;
  'Startup Cost': number;
  'Total Cost': number;
  'Plan Rows': number;
  'Actual Rows'?: number;
  'Actual Total Time'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

const PlanNodeSchema: z.ZodType<PlanNode> = z.lazy(() =>
  z.looseObject({
    'Node Type': z.string(),
    'Startup Cost': z.number(),
    'Total Cost': z.number(),
    'Plan Rows': z.number(),
    'Actual Rows': z.number().optional(),
    'Actual Total Time': z.number().optional(),
    'Actual Loops': z.number().optional(),
    'Shared Hit Blocks': z.number().optional(),
    'Shared Read Blocks': z.number().optional(),
    Plans: z.array(PlanNodeSchema).optional(),
  }),
);

const ExplainOutput = z
  .array(
    z.looseObject({
      Plan: PlanNodeSchema,
      'Planning Time': z.number().optional(),
      'Execution Time': z.number().optional(),
    }),
  )
  .min(1);

/** Conditions and keys worth a line under the node, in the order psql's text format prints them. */
const detailKeys = [
  'Index Cond',
  'Recheck Cond',
  'Hash Cond',
  'Merge Cond',
  'Join Filter',
  'Filter',
  'Rows Removed by Filter',
  'Sort Key',
  'Sort Method',
  'Group Key',
  'Strategy',
];

function targetOf(node: PlanNode): string {
  const text = (key: string) => {
    const value = node[key];
    return typeof value === 'string' ? value : undefined;
  };
  const relation = text('Relation Name');
  const alias = text('Alias');
  const parts = [
    text('Parent Relationship') === 'SubPlan' || text('Parent Relationship') === 'InitPlan'
      ? text('Subplan Name')
      : undefined,
    text('Join Type') ? `${text('Join Type')} join` : undefined,
    relation ? `on ${relation}${alias && alias !== relation ? ` ${alias}` : ''}` : undefined,
    text('Index Name') ? `using ${text('Index Name')}` : undefined,
    text('CTE Name') ? `CTE ${text('CTE Name')}` : undefined,
    text('Function Name') ? `function ${text('Function Name')}` : undefined,
  ];
  return parts.filter((p) => p !== undefined).join(' ');
}

function detailsOf(node: PlanNode): string[] {
  return detailKeys.flatMap((key) => {
    const value = node[key];
    if (value === undefined) return [];
    const text = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value);
    return [`${key}: ${text}`];
  });
}

/** Time the node spent over all its loops (ANALYZE), or its total cost. */
function weightOf(node: PlanNode, analyzed: boolean): number {
  return analyzed ? (node['Actual Total Time'] ?? 0) * (node['Actual Loops'] ?? 1) : node['Total Cost'];
}

/**
 * The plan of EXPLAIN (FORMAT JSON) as a depth-first list of nodes. Each node's share is its own
 * time (or cost), its children's taken out, over the whole plan's: the expensive nodes stand out.
 */
export function explainTree(output: unknown): ExplainPlan {
  const parsed = ExplainOutput.safeParse(output);
  if (!parsed.success) {
    throw new Error(`EXPLAIN did not answer with a JSON plan: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`);
  }
  const top = parsed.data[0];
  if (!top) throw new Error('EXPLAIN did not answer with a JSON plan: no plan at all');
  const analyzed = top.Plan['Actual Total Time'] !== undefined;
  const whole = Math.max(weightOf(top.Plan, analyzed), Number.EPSILON);
  const nodes: ExplainNode[] = [];
  const visit = (node: PlanNode, depth: number) => {
    const children = node.Plans ?? [];
    const own = weightOf(node, analyzed) - children.reduce((sum, child) => sum + weightOf(child, analyzed), 0);
    nodes.push({
      depth,
      nodeType: node['Node Type'],
      target: targetOf(node),
      startupCost: node['Startup Cost'],
      totalCost: node['Total Cost'],
      planRows: node['Plan Rows'],
      ...(analyzed
        ? {
            actualRows: node['Actual Rows'] ?? 0,
            actualTotalMs: node['Actual Total Time'] ?? 0,
            loops: node['Actual Loops'] ?? 1,
          }
        : {}),
      ...(node['Shared Hit Blocks'] !== undefined ? { buffersHit: node['Shared Hit Blocks'] } : {}),
      ...(node['Shared Read Blocks'] !== undefined ? { buffersRead: node['Shared Read Blocks'] } : {}),
      // Parallel workers and init plans can make a child outweigh its parent: clamp.
      share: Math.min(1, Math.max(0, own / whole)),
      details: detailsOf(node),
    });
    for (const child of children) visit(child, depth + 1);
  };
  visit(top.Plan, 0);
  return {
    nodes,
    analyzed,
    ...(top['Planning Time'] !== undefined ? { planningMs: top['Planning Time'] } : {}),
    ...(top['Execution Time'] !== undefined ? { executionMs: top['Execution Time'] } : {}),
  };
}
