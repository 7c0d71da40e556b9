/** An identifier quoted as PostgreSQL's quote_ident would always quote it. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.relation`, both quoted. */
export function qualified(schema: string, relation: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(relation)}`;
}

/** A string literal for showing SQL to people; what runs is parameterised. */
export function quoteLiteral(value: string | null): string {
  if (value === null) return 'NULL';
  const escaped = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${escaped.replace(/\\/g, '\\\\')}'` : `'${escaped}'`;
}
