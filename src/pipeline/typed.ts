/**
 * Checking and typing a staging table in two scans: one that finds the rows breaking any rule (usually
 * none), one that writes the typed table. Rules come from field types (fields.ts) or are given as SQL.
 */
import { ident, type Db } from './db.ts';
import type { FieldType } from './fields.ts';
import { shown } from './report.ts';
import type { RowProblem } from './load.ts';

/** One rule: `bad` is SQL true for rows that break it; `found` is SQL text shown in the message. */
export interface Rule {
  column: string;
  /** SQL giving the column name per row, when it depends on the row (e.g. on the file's layout). */
  columnSql?: string;
  expected: string;
  bad: string;
  found: string;
}

/** Rules for a field of a given type: required-and-empty, or present-and-invalid. */
export function fieldRules(field: string, column: string, type: FieldType, required: boolean): Rule[] {
  const t = `trim(${ident(field)})`;
  const empty = `(${t} IS NULL OR ${t} = '')`;
  const rules: Rule[] = [
    { column, expected: type.expected, bad: `(NOT ${empty} AND NOT coalesce(${type.valid(t)}, false))`, found: ident(field) },
  ];
  if (required) rules.unshift({ column, expected: type.expected, bad: empty, found: "''" });
  return rules;
}

/** Finds rows breaking rules (at most `limit` rows are listed, all are counted). */
export async function findProblems(db: Db, table: string, rules: Rule[], severity: 'error' | 'warning' = 'error', limit = 500): Promise<{ problems: RowProblem[]; total: number }> {
  if (!rules.length) return { problems: [], total: 0 };
  const flags = rules
    .map((r, i) => `coalesce(${r.bad}, false) AS b${i}, CAST(${r.found} AS VARCHAR) AS f${i}${r.columnSql ? `, ${r.columnSql} AS c${i}` : ''}`)
    .join(', ');
  const any = rules.map((r) => `coalesce(${r.bad}, false)`).join(' OR ');
  const rows = await db.all<Record<string, string | boolean | null>>(
    `SELECT source_file, source_row, ${flags} FROM ${ident(table)} WHERE ${any} ORDER BY source_file, source_row LIMIT ${limit}`,
  );
  const problems: RowProblem[] = [];
  for (const row of rows) {
    rules.forEach((r, i) => {
      if (row[`b${i}`] === true) {
        problems.push({ severity, file: String(row.source_file), row: Number(row.source_row), column: r.columnSql ? String(row[`c${i}`]) : r.column, expected: r.expected, found: shown(row[`f${i}`] as string | null) });
      }
    });
  }
  let total = rows.length;
  if (rows.length === limit) {
    const [c] = await db.all<{ n: string }>(`SELECT count(*) AS n FROM ${ident(table)} WHERE ${any}`);
    total = Number(c?.n ?? limit);
  }
  return { problems, total };
}

/** Typed copy of a staging table: `columns` maps output column → SQL expression. */
export async function createTyped(db: Db, from: string, to: string, columns: Record<string, string>, orderBy?: string): Promise<void> {
  const select = Object.entries(columns).map(([k, v]) => `${v} AS ${ident(k)}`).join(', ');
  await db.run(`CREATE OR REPLACE TABLE ${ident(to)} AS SELECT ${select} FROM ${ident(from)}${orderBy ? ` ORDER BY ${orderBy}` : ''}`);
}

/** SQL value of an optional typed field: NULL when empty. */
export function optionalValue(field: string, type: FieldType): string {
  const t = `trim(${ident(field)})`;
  return `CASE WHEN ${t} IS NULL OR ${t} = '' THEN NULL ELSE ${type.value(t)} END`;
}

/** Duplicate-key rule: rows whose key already appeared on an earlier row of the same table. */
export async function findDuplicates(db: Db, table: string, key: string[], what: string, limit = 200): Promise<RowProblem[]> {
  const k = key.map(ident).join(', ');
  // A hash aggregate first: cheap on a million rows, and almost always empty.
  const [any] = await db.all<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${ident(table)} GROUP BY ${k} HAVING count(*) > 1)`);
  if (!any || any.n === '0') return [];
  const rows = await db.all<{ source_file: string; source_row: string; first_file: string; first_row: string; key: string }>(
    `WITH numbered AS (
       SELECT source_file, source_row, concat_ws(' / ', ${key.map((c) => `coalesce(CAST(${ident(c)} AS VARCHAR), '')`).join(', ')}) AS key,
         first_value(source_file) OVER w AS first_file, first_value(source_row) OVER w AS first_row,
         row_number() OVER w AS n
       FROM ${ident(table)} WINDOW w AS (PARTITION BY ${k} ORDER BY source_file, source_row))
     SELECT source_file, source_row, first_file, first_row, key FROM numbered WHERE n > 1 ORDER BY source_file, source_row LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    severity: 'error' as const,
    file: r.source_file,
    row: Number(r.source_row),
    expected: `one line per ${what}`,
    found: `a duplicate (${r.key}) of line %REF%${r.first_file !== r.source_file ? ` of ${r.first_file}` : ''}`,
    ref: { file: r.first_file, row: Number(r.first_row) },
  }));
}
