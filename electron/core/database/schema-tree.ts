import type pg from 'pg';

import {
  ClairError,
  type RelationDetails,
  type RelationKind,
  type RelationNode,
  type SchemaNode,
} from '../../contract';

const kindOf: Record<string, RelationKind> = {
  r: 'table',
  v: 'view',
  m: 'materialized view',
  p: 'partitioned table',
  f: 'foreign table',
};
const relkinds = `('r','v','m','p','f')`;
/** PostgreSQL's own schemas, which a data browser does not need at the top. */
const hiddenSchemas = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'`;

/** reltuples is -1 (PostgreSQL 14+) on a table never vacuumed or analyzed: the estimate is unknown. */
const estimate = (reltuples: number | null) => (reltuples === null || reltuples < 0 ? null : Math.round(reltuples));

export async function listSchemas(client: pg.ClientBase): Promise<SchemaNode[]> {
  const { rows } = await client.query<{ name: string; relations: number }>(
    `SELECT n.nspname AS name, count(c.oid)::int AS relations
       FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ${relkinds}
      WHERE ${hiddenSchemas} AND has_schema_privilege(n.oid, 'USAGE')
      GROUP BY n.nspname ORDER BY n.nspname`,
  );
  return rows;
}

/** One query over the catalogue, sizes included: thousands of tables list in one round trip. */
export async function listRelations(client: pg.ClientBase, schema: string): Promise<RelationNode[]> {
  const { rows } = await client.query<{ name: string; relkind: string; reltuples: number; total_bytes: string }>(
    `SELECT c.relname AS name, c.relkind, c.reltuples::float8 AS reltuples,
            CASE WHEN c.relkind IN ('r','m','p') THEN pg_total_relation_size(c.oid) ELSE 0 END AS total_bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ${relkinds}
      ORDER BY c.relname`,
    [schema],
  );
  return rows.map((row) => ({
    name: row.name,
    kind: kindOf[row.relkind]!,
    estimatedRows: row.relkind === 'v' ? null : estimate(row.reltuples),
    totalBytes: Number(row.total_bytes),
  }));
}

/** The relation's oid, or a not-found error naming it. */
export async function relationOid(client: pg.ClientBase, schema: string, relation: string): Promise<number> {
  const { rows } = await client.query<{ oid: number }>(
    `SELECT c.oid::int AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ${relkinds}`,
    [schema, relation],
  );
  if (!rows[0]) {
    throw new ClairError({ code: 'not-found', message: `There is no table or view ${schema}.${relation}` });
  }
  return rows[0].oid;
}

export async function relationColumns(client: pg.ClientBase, oid: number): Promise<RelationDetails['columns']> {
  const { rows } = await client.query<{
    name: string;
    data_type: string;
    nullable: boolean;
    def: string | null;
    pk: number | null;
  }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS data_type, NOT a.attnotnull AS nullable,
            pg_get_expr(d.adbin, d.adrelid) AS def,
            array_position(pk.conkey, a.attnum) AS pk
       FROM pg_attribute a
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN pg_constraint pk ON pk.conrelid = a.attrelid AND pk.contype = 'p'
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [oid],
  );
  return rows.map((row) => ({
    name: row.name,
    dataType: row.data_type,
    nullable: row.nullable,
    ...(row.def !== null ? { default: row.def } : {}),
    ...(row.pk !== null ? { primaryKey: row.pk } : {}),
  }));
}

const foreignKeySelect = `
  SELECT c.conname AS name, sn.nspname AS from_schema, s.relname AS from_relation, tn.nspname AS to_schema, t.relname AS to_relation,
         ARRAY(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(num, i) JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.num ORDER BY i)::text[] AS columns,
         ARRAY(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(num, i) JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.num ORDER BY i)::text[] AS referenced
    FROM pg_constraint c
    JOIN pg_class s ON s.oid = c.conrelid JOIN pg_namespace sn ON sn.oid = s.relnamespace
    JOIN pg_class t ON t.oid = c.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
   WHERE c.contype = 'f'`;

interface ForeignKeyRow {
  name: string;
  from_schema: string;
  from_relation: string;
  to_schema: string;
  to_relation: string;
  columns: string[];
  referenced: string[];
}

export async function relationDetails(
  client: pg.ClientBase,
  schema: string,
  relation: string,
): Promise<RelationDetails> {
  const oid = await relationOid(client, schema, relation);
  // One client runs one query at a time: in sequence.
  const columns = await relationColumns(client, oid);
  const info = await client.query<{
    relkind: string;
    reltuples: number;
    table_bytes: string;
    index_bytes: string;
    total_bytes: string;
  }>(
    `SELECT relkind, reltuples::float8 AS reltuples,
            CASE WHEN relkind IN ('r','m','p') THEN pg_table_size(oid) ELSE 0 END AS table_bytes,
            CASE WHEN relkind IN ('r','m','p') THEN pg_indexes_size(oid) ELSE 0 END AS index_bytes,
            CASE WHEN relkind IN ('r','m','p') THEN pg_total_relation_size(oid) ELSE 0 END AS total_bytes
       FROM pg_class WHERE oid = $1`,
    [oid],
  );
  const indexes = await client.query<{ name: string; definition: string; bytes: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition, pg_relation_size(i.oid) AS bytes
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = $1 ORDER BY i.relname`,
    [oid],
  );
  const constraints = await client.query<{ name: string; type: string; definition: string }>(
    `SELECT conname AS name,
            CASE contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key'
                         WHEN 'c' THEN 'check' WHEN 'x' THEN 'exclusion' ELSE 'trigger' END AS type,
            pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid = $1 ORDER BY contype, conname`,
    [oid],
  );
  const references = await client.query<ForeignKeyRow>(`${foreignKeySelect} AND c.conrelid = $1 ORDER BY c.conname`, [
    oid,
  ]);
  const referencedBy = await client.query<ForeignKeyRow>(
    `${foreignKeySelect} AND c.confrelid = $1 ORDER BY s.relname, c.conname`,
    [oid],
  );
  const row = info.rows[0]!;
  return {
    schema,
    name: relation,
    kind: kindOf[row.relkind]!,
    columns,
    indexes: indexes.rows.map((index) => ({ ...index, bytes: Number(index.bytes) })),
    constraints: constraints.rows,
    references: references.rows.map((fk) => ({
      name: fk.name,
      columns: fk.columns,
      schema: fk.to_schema,
      relation: fk.to_relation,
      referencedColumns: fk.referenced,
    })),
    // Seen from the other side: their columns lead here, to this relation's referenced columns.
    referencedBy: referencedBy.rows.map((fk) => ({
      name: fk.name,
      columns: fk.referenced,
      schema: fk.from_schema,
      relation: fk.from_relation,
      referencedColumns: fk.columns,
    })),
    estimatedRows: row.relkind === 'v' ? null : estimate(row.reltuples),
    tableBytes: Number(row.table_bytes),
    indexBytes: Number(row.index_bytes),
    totalBytes: Number(row.total_bytes),
  };
}
