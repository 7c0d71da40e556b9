import type { TextOrigin } from '../../contract';

/**
 * The UTF-16 index of PostgreSQL's error `position` (1-based, counted in characters, that is
 * code points) inside the text that was sent.
 */
export function indexOfPosition(sent: string, position: number): number {
  let index = 0;
  for (let counted = 1; counted < position && index < sent.length; counted += 1) {
    index += (sent.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return Math.min(index, sent.length);
}

/**
 * The 1-based line and column in the editor of `index` in `text`, where `text` itself starts at
 * `origin` in the editor (a selection that starts mid-line shifts only its first line's columns).
 */
export function editorPosition(text: string, index: number, origin: TextOrigin): TextOrigin {
  const before = text.slice(0, index);
  const lineBreaks = before.split('\n').length - 1;
  const column = index - (before.lastIndexOf('\n') + 1) + 1;
  return lineBreaks === 0
    ? { line: origin.line, column: origin.column + column - 1 }
    : { line: origin.line + lineBreaks, column };
}
