import { describe, expect, it } from 'vitest';

import { explainTree } from './explain-tree';

const analyzed = [
  {
    Plan: {
      'Node Type': 'Hash Join',
      'Join Type': 'Inner',
      'Startup Cost': 1,
      'Total Cost': 100,
      'Plan Rows': 10,
      'Actual Rows': 8,
      'Actual Total Time': 50,
      'Actual Loops': 1,
      'Hash Cond': '(a.id = b.a_id)',
      Plans: [
        {
          'Node Type': 'Seq Scan',
          'Relation Name': 'samples',
          Alias: 's',
          'Startup Cost': 0,
          'Total Cost': 80,
          'Plan Rows': 1000,
          'Actual Rows': 1000,
          'Actual Total Time': 40,
          'Actual Loops': 1,
          Filter: '(value > 400)',
          'Rows Removed by Filter': 12,
          'Shared Hit Blocks': 3,
          'Shared Read Blocks': 9,
        },
        {
          'Node Type': 'Index Scan',
          'Relation Name': 'nodes',
          Alias: 'nodes',
          'Index Name': 'nodes_pkey',
          'Startup Cost': 0,
          'Total Cost': 2,
          'Plan Rows': 1,
          'Actual Rows': 1,
          'Actual Total Time': 0.5,
          'Actual Loops': 4,
        },
      ],
    },
    'Planning Time': 0.2,
    'Execution Time': 50.5,
  },
];

describe('explainTree', () => {
  it('lists the nodes depth first with what they work on, their measures and their own share of the time', () => {
    const plan = explainTree(analyzed);
    expect(plan.analyzed).toBe(true);
    expect(plan.planningMs).toBe(0.2);
    expect(plan.executionMs).toBe(50.5);
    expect(plan.nodes.map((n) => [n.depth, n.nodeType, n.target])).toEqual([
      [0, 'Hash Join', 'Inner join'],
      [1, 'Seq Scan', 'on samples s'],
      [1, 'Index Scan', 'on nodes using nodes_pkey'],
    ]);
    const [join, scan, index] = plan.nodes;
    // The join's own time: 50 - 40 - 0.5 × 4 loops.
    expect(join?.share).toBeCloseTo(8 / 50);
    expect(scan?.share).toBeCloseTo(40 / 50);
    expect(index?.share).toBeCloseTo(2 / 50);
    expect(scan).toMatchObject({ actualRows: 1000, loops: 1, buffersHit: 3, buffersRead: 9 });
    expect(scan?.details).toEqual(['Filter: (value > 400)', 'Rows Removed by Filter: 12']);
    expect(join?.details).toEqual(['Hash Cond: (a.id = b.a_id)']);
  });

  it('weighs by cost without ANALYZE', () => {
    const plan = explainTree([{ Plan: { ...analyzed[0]!.Plan, 'Actual Total Time': undefined } }]);
    expect(plan.analyzed).toBe(false);
    expect(plan.nodes[0]?.share).toBeCloseTo(18 / 100);
    expect(plan.nodes[0]?.actualRows).toBeUndefined();
  });

  it('says what is wrong with output that is not a plan', () => {
    expect(() => explainTree([{ Plan: { 'Node Type': 'Seq Scan' } }])).toThrow(
      /EXPLAIN did not answer with a JSON plan/,
    );
    expect(() => explainTree([])).toThrow(/EXPLAIN did not answer/);
  });
});
