import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { type Diagnostic, setDiagnostics } from '@codemirror/lint';
import { Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { type ReactNode, type Ref, useEffect, useImperativeHandle, useRef } from 'react';

import type { SqlError } from '../../../../electron/contract';
import type { SqlText } from '../../stores/sql-store';
import { offsetOf, textToRun } from './sql-text';

export interface SqlEditorHandle {
  /** The selection, or the whole text when nothing is selected. */
  textToRun: () => SqlText;
}

interface SqlEditorProps {
  text: string;
  onChange: (text: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: (text: SqlText) => void;
  /** PostgreSQL's error of the last run, marked where it points. */
  error: SqlError | undefined;
  ref?: Ref<SqlEditorHandle>;
}

/** The error as a diagnostic under the word it points at. */
function diagnosticOf(view: EditorView, error: SqlError): Diagnostic {
  const from = offsetOf(view.state, { line: error.line ?? 1, column: error.column ?? 1 });
  const word = /^[\w$"]+/.exec(view.state.sliceDoc(from, from + 64))?.[0].length ?? 1;
  const message = [error.message, error.detail, error.hint && `Hint: ${error.hint}`].filter(Boolean).join('\n');
  return { from, to: Math.min(from + word, view.state.doc.length), severity: 'error', message };
}

/**
 * CodeMirror 6 with PostgreSQL highlighting, inside a shadow root. CodeMirror (style-mod) styles a
 * document with an inline <style> element, which the strict CSP (style-src 'self') blocks; in a
 * shadow root it uses a constructable stylesheet (adoptedStyleSheets) instead, which CSP allows,
 * so no nonce and no change to the policy are needed.
 */
export function SqlEditor({ text, onChange, onRun, error, ref }: SqlEditorProps): ReactNode {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  // The latest callbacks, read by the editor's extensions that are built once.
  const callbacks = useRef({ onChange, onRun });
  useEffect(() => {
    callbacks.current = { onChange, onRun };
  }, [onChange, onRun]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      doc: text,
      root,
      parent: root,
      extensions: [
        Prec.highest(
          keymap.of([{ key: 'Mod-Enter', run: (v) => (callbacks.current.onRun(textToRun(v.state)), true) }]),
        ),
        basicSetup,
        sql({ dialect: PostgreSQL }),
        // The page's stylesheet does not reach into the shadow root: the size is set here.
        EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { overflow: 'auto' } }),
        EditorView.contentAttributes.of({ 'aria-label': 'SQL' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
        }),
      ],
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is made once; later text comes from the store only when it differs (below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== text) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
    }
  }, [text]);

  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, error ? [diagnosticOf(editor, error)] : []));
  }, [error]);

  useImperativeHandle(ref, () => ({
    textToRun: () => (view.current ? textToRun(view.current.state) : { sql: text, origin: { line: 1, column: 1 } }),
  }));

  return <div className="sql-editor" ref={host} />;
}
