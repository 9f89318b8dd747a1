/**
 * Loading a checked CSV into an all-VARCHAR DuckDB staging table, with structural problems (wrong
 * number of fields, unterminated quotes, over-long lines) recorded by DuckDB's rejects tables and turned
 * into report errors. Every staged row keeps its file and record ordinal so any later check can name
 * the physical line.
 */
import type { CsvFile } from './csv-file.ts';
import { linesOfRecords } from './csv-file.ts';
import { ident, lit, type Db } from './db.ts';
import { shown, type Problem, type Report } from './report.ts';
import type { ColumnMap, Layout } from '../rules/layouts.ts';

/** DuckDB's longest accepted line; longer lines are refused (a 10 MB field is never a budget code). */
export const MAX_LINE_BYTES = 2_000_000;

let scanCounter = 0;

/** Creates the staging table for a layout if needed: source_file, source_row, then every field as VARCHAR. */
export async function createStaging(db: Db, table: string, layout: Layout, extra: string[] = []): Promise<void> {
  const cols = ['source_file VARCHAR', 'source_row BIGINT', ...extra.map((e) => `${ident(e)} VARCHAR`), ...layout.fields.map((f) => `${ident(f.field)} VARCHAR`)];
  await db.run(`CREATE TABLE IF NOT EXISTS ${ident(table)} (${cols.join(', ')})`);
}

/**
 * Appends a file's records to `table` (created by createStaging). `constants` fill extra columns.
 * Returns the number of records loaded. Structural problems go to the report as errors.
 */
export async function loadCsv(
  db: Db,
  csv: CsvFile,
  layout: Layout,
  map: ColumnMap,
  table: string,
  report: Report,
  constants: Record<string, string> = {},
): Promise<number> {
  const n = csv.header.length;
  const cols = csv.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const id = ++scanCounter;
  const read = `read_csv(${lit(csv.readPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {${cols}}, all_varchar = true, store_rejects = true, rejects_scan = 'rs_${id}', rejects_table = 're_${id}',
    max_line_size = ${MAX_LINE_BYTES}, encoding = 'utf-8')`;
  const notBlank = csv.header.map((_, i) => `coalesce(trim(c${i}), '') <> ''`).join(' OR ');
  const select = layout.fields.map((f) => {
    const i = map.index.get(f.field);
    return i === undefined ? `NULL AS ${ident(f.field)}` : `c${i} AS ${ident(f.field)}`;
  });
  const extras = Object.entries(constants).map(([k, v]) => `${lit(v)} AS ${ident(k)}`);
  const insert = `INSERT INTO ${ident(table)} BY NAME
    SELECT ${lit(csv.file)} AS source_file, row_number() OVER () AS source_row, ${[...extras, ...select].join(', ')}
    FROM (SELECT * FROM ${read} WHERE ${notBlank})`;
  try {
    await db.run(insert);
  } catch (e) {
    report.error({ file: csv.file, expected: 'a readable CSV file', found: `an error from the CSV reader: ${(e as Error).message.split('\n')[0]}` });
    return 0;
  }
  const rejects = await db.all<{ line: string; column_idx: string | null; error_type: string; error_message: string; csv_line: string }>(
    `SELECT line, column_idx, error_type, error_message, csv_line FROM re_${id} ORDER BY line LIMIT 1000`,
  );
  for (const r of rejects) report.error(rejectProblem(csv, n, r));
  await db.run(`DROP TABLE IF EXISTS re_${id}; DROP TABLE IF EXISTS rs_${id}`);
  const [{ rows }] = (await db.all<{ rows: string }>(`SELECT count(*) AS rows FROM ${ident(table)} WHERE source_file = ${lit(csv.file)}`)) as [{ rows: string }];
  return Number(rows);
}

function rejectProblem(csv: CsvFile, n: number, r: { line: string; column_idx: string | null; error_type: string; error_message: string; csv_line: string }): Omit<Problem, 'severity'> {
  const line = Number(r.line);
  const found = /Found: (\d+)/.exec(r.error_message)?.[1];
  const idx = r.column_idx === null ? NaN : Number(r.column_idx) - 1;
  const column = csv.header[idx];
  switch (r.error_type) {
    case 'MISSING COLUMNS':
      return { file: csv.file, line, expected: `${n} fields, as in the header`, found: `${found ?? 'fewer'} fields (truncated or short line?)` };
    case 'TOO MANY COLUMNS':
      return { file: csv.file, line, expected: `${n} fields, as in the header`, found: `${found ?? 'more'} fields (an unquoted comma in a value, or a wrong separator?)` };
    case 'UNQUOTED VALUE':
      return { file: csv.file, line, ...(column ? { column } : {}), expected: 'a quoted value closed by a double quote', found: `a quote that is never closed or stray characters after it (${shown(r.csv_line.trim())})` };
    case 'LINE SIZE OVER MAXIMUM':
      return { file: csv.file, line, expected: `lines shorter than ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes`, found: 'a longer line' };
    case 'INVALID ENCODING':
    case 'INVALID UNICODE':
      return { file: csv.file, line, expected: 'UTF-8 text', found: 'invalid byte sequences' };
    default:
      return { file: csv.file, line, expected: 'a well-formed CSV line', found: r.error_message.split('\n')[0] ?? r.error_type };
  }
}

/** A problem about a staged row, before its physical line is known. */
export interface RowProblem extends Omit<Problem, 'severity' | 'line'> {
  severity: 'error' | 'warning';
  row: number;
  /** Another row the message points to; `%REF%` in `found` becomes its line. */
  ref?: { file: string; row: number };
}

/**
 * Resolves record ordinals to physical lines (one tokeniser pass per file with problems) and adds the
 * problems to the report in file and line order.
 */
export function resolveRowProblems(problems: RowProblem[], files: Map<string, CsvFile>, report: Report): void {
  const wanted = new Map<string, number[]>();
  const want = (file: string, row: number) => wanted.set(file, [...(wanted.get(file) ?? []), row]);
  for (const p of problems) {
    want(p.file, p.row);
    if (p.ref) want(p.ref.file, p.ref.row);
  }
  const lines = new Map<string, Map<number, number>>();
  for (const [file, rows] of wanted) {
    const csv = files.get(file);
    lines.set(file, csv ? linesOfRecords(csv.text(), rows) : new Map());
  }
  const lineOf = (file: string, row: number) => lines.get(file)?.get(row);
  const byFile = new Map<string, RowProblem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  for (const [file, list] of byFile) {
    list.sort((a, b) => a.row - b.row);
    for (const { row, severity, ref, ...rest } of list) {
      const line = lineOf(file, row);
      if (ref) rest.found = rest.found.replace('%REF%', String(lineOf(ref.file, ref.row) ?? `(record ${ref.row})`));
      const p = { ...rest, ...(line !== undefined ? { line } : {}) };
      if (severity === 'error') report.error(p);
      else report.warn(p);
    }
  }
}
