import type { EditorState } from '@codemirror/state';

import type { TextOrigin } from '../../../../electron/contract';
import type { SqlText } from '../../stores/sql-store';

/** What Run sends: the selection when there is one, else the whole text, with where it starts. */
export function textToRun(state: EditorState): SqlText {
  const range = state.selection.main;
  if (range.empty) return { sql: state.doc.toString(), origin: { line: 1, column: 1 } };
  const line = state.doc.lineAt(range.from);
  return {
    sql: state.sliceDoc(range.from, range.to),
    origin: { line: line.number, column: range.from - line.from + 1 },
  };
}

/** The editor offset of a 1-based line and column, kept inside the text. */
export function offsetOf(state: EditorState, position: TextOrigin): number {
  const line = state.doc.line(Math.min(Math.max(position.line, 1), state.doc.lines));
  return Math.min(line.from + position.column - 1, line.to);
}
