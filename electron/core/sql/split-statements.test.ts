import { describe, expect, it } from 'vitest';

import { editorPosition, indexOfPosition } from './error-position';
import { firstKeyword, splitStatements } from './split-statements';

describe('splitStatements', () => {
  it('splits at semicolons outside quotes, comments and dollar-quoted bodies, keeping where each starts', () => {
    const sql = [
      'SELECT \'a;b\', "x;y" FROM t; -- one; two',
      '/* c; /* nested; */ d; */ INSERT INTO t VALUES ($$;$$, $fn$ ; $fn$);',
      '  ',
      'UPDATE t SET v = 1',
    ].join('\n');
    const statements = splitStatements(sql);
    expect(statements.map((s) => s.text)).toEqual([
      'SELECT \'a;b\', "x;y" FROM t',
      'INSERT INTO t VALUES ($$;$$, $fn$ ; $fn$)',
      'UPDATE t SET v = 1',
    ]);
    for (const statement of statements) expect(sql.slice(statement.start).startsWith(statement.text)).toBe(true);
  });

  it('leaves out statements of only comments and blanks, and keeps an unterminated literal whole', () => {
    expect(splitStatements('-- nothing\n;  ;/* still nothing */')).toEqual([]);
    expect(splitStatements("SELECT 'open; quote").map((s) => s.text)).toEqual(["SELECT 'open; quote"]);
  });

  it('names the first keyword after comments', () => {
    expect(firstKeyword('-- why\n/* how */ with x as (select 1) select * from x')).toBe('WITH');
    expect(firstKeyword('(SELECT 1)')).toBe('');
  });
});

describe('error positions', () => {
  it('counts PostgreSQL positions in code points, not UTF-16 units', () => {
    const sent = "SELECT '😀' + ";
    // The '+' is PostgreSQL's character 12 (the emoji counts as one), UTF-16 index 12.
    expect(indexOfPosition(sent, 12)).toBe(12);
    expect(sent[indexOfPosition(sent, 12)]).toBe('+');
  });

  it('maps an index to the line and column of the editor, shifting only the first line by the origin', () => {
    const text = 'SELECT 1;\nSELECT nope\n  FROM t';
    expect(editorPosition(text, text.indexOf('nope'), { line: 1, column: 1 })).toEqual({ line: 2, column: 8 });
    expect(editorPosition(text, 7, { line: 4, column: 5 })).toEqual({ line: 4, column: 12 });
    expect(editorPosition(text, text.indexOf('FROM'), { line: 4, column: 5 })).toEqual({ line: 6, column: 3 });
  });
});
