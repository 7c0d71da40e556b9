export interface Statement {
  /** The statement without its trailing semicolon, from its first word. */
  text: string;
  /** Where `text` starts in the whole text (UTF-16 index). */
  start: number;
}

const dollarTag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

/** The index just after the quoted part, comment or dollar-quoted body that starts at `i`, or `i`. */
function skipLiteral(sql: string, i: number): number {
  const c = sql[i];
  const next = sql[i + 1];
  if (c === "'" || c === '"') {
    // A doubled quote is the quote itself; the literal goes on.
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === c) {
        if (sql[j + 1] === c) j += 2;
        else return j + 1;
      } else j += 1;
    }
    return sql.length;
  }
  if (c === '-' && next === '-') {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end + 1;
  }
  if (c === '/' && next === '*') {
    // Block comments nest in PostgreSQL.
    let depth = 1;
    let j = i + 2;
    while (j < sql.length && depth > 0) {
      const step = sql.startsWith('/*', j) ? 1 : sql.startsWith('*/', j) ? -1 : 0;
      depth += step;
      j += step === 0 ? 1 : 2;
    }
    return j;
  }
  if (c === '$') {
    const tag = dollarTag.exec(sql.slice(i, i + 64))?.[0];
    if (tag) {
      const end = sql.indexOf(tag, i + tag.length);
      return end === -1 ? sql.length : end + tag.length;
    }
  }
  return i;
}

/** The index of the first character at or after `i` that is neither white space nor in a comment. */
function skipBlank(sql: string, i: number): number {
  let j = i;
  for (;;) {
    while (j < sql.length && /\s/.test(sql[j] ?? '')) j += 1;
    if (sql.startsWith('--', j) || sql.startsWith('/*', j)) j = skipLiteral(sql, j);
    else return j;
  }
}

/**
 * The statements of an editor text, split at semicolons outside quotes, comments and
 * dollar-quoted bodies, each with where it starts so error positions map back onto the text.
 * Empty statements (only comments and blanks) are left out.
 */
export function splitStatements(sql: string): Statement[] {
  const statements: Statement[] = [];
  let start = 0;
  let i = 0;
  const close = (end: number) => {
    const from = skipBlank(sql, start);
    const text = sql.slice(from, end).trimEnd();
    if (from < end && text !== '') statements.push({ text, start: from });
  };
  while (i < sql.length) {
    const after = skipLiteral(sql, i);
    if (after !== i) {
      i = after;
      continue;
    }
    if (sql[i] === ';') {
      close(i);
      start = i + 1;
    }
    i += 1;
  }
  close(sql.length);
  return statements;
}

/** The statement's first word in upper case (SELECT, WITH, INSERT…), comments skipped. */
export function firstKeyword(statement: string): string {
  const from = skipBlank(statement, 0);
  return (/^[A-Za-z]+/.exec(statement.slice(from))?.[0] ?? '').toUpperCase();
}
