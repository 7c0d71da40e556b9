import { EditorSelection, EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';

import type { ExplainNode } from '../../../../electron/contract';
import { visibleNodes } from './explain-nodes';
import { rowSummary } from './row-summary';
import { offsetOf, textToRun } from './sql-text';

describe('textToRun', () => {
  const doc = 'SELECT 1;\n  SELECT nope FROM t';

  it('sends the whole text from line 1, column 1 when nothing is selected', () => {
    expect(textToRun(EditorState.create({ doc }))).toEqual({ sql: doc, origin: { line: 1, column: 1 } });
  });

  it('sends the selection with where it starts, so errors land in the editor', () => {
    const from = doc.indexOf('SELECT nope');
    const state = EditorState.create({ doc, selection: EditorSelection.range(from, doc.length) });
    expect(textToRun(state)).toEqual({ sql: 'SELECT nope FROM t', origin: { line: 2, column: 3 } });
    expect(offsetOf(state, { line: 2, column: 10 })).toBe(doc.indexOf('nope'));
    // A position past the text stays inside it.
    expect(offsetOf(state, { line: 9, column: 99 })).toBe(doc.length);
  });
});

describe('visibleNodes', () => {
  const node = (depth: number): ExplainNode => ({
    depth,
    nodeType: 'Node',
    target: '',
    startupCost: 0,
    totalCost: 1,
    planRows: 1,
    share: 0,
    details: [],
  });
  const nodes = [node(0), node(1), node(2), node(1), node(2)];

  it('hides the descendants of a collapsed node and nothing else', () => {
    expect(visibleNodes(nodes, new Set())).toEqual([0, 1, 2, 3, 4]);
    expect(visibleNodes(nodes, new Set([1]))).toEqual([0, 1, 3, 4]);
    expect(visibleNodes(nodes, new Set([0]))).toEqual([0]);
  });
});

describe('rowSummary', () => {
  it('says when the grid holds only the first rows', () => {
    expect(rowSummary({ command: 'SELECT', rowCount: 1_234_567, shownRows: 10_000, durationMs: 1520 })).toBe(
      'first 10,000 rows of 1,234,567 in 1,520 ms',
    );
    expect(rowSummary({ command: 'SELECT', rowCount: 1, shownRows: 1, durationMs: 3 })).toBe('1 row in 3 ms');
    expect(rowSummary({ command: 'UPDATE', rowCount: 4, shownRows: 0, durationMs: 9 })).toBe('UPDATE: 4 rows in 9 ms');
  });
});
