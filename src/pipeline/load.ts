/**
 * Scanning checked CSVs with DuckDB. Big files are never copied into tables: each file becomes a scan
 * (a `read_csv` subquery with our field names), the pipeline reads it once to check every rule and once
 * to write Parquet. Structural problems (wrong number of fields, unterminated quotes, over-long lines)
 * are recorded by DuckDB's rejects tables during the checking scan and turned into report errors.
 * Record ordinals (and so physical lines) are computed only on the error path.
 */
import type { CsvFile } from './csv-file.ts';
import { lineAtByte, linesOfRecords } from './csv-file.ts';
import { ident, lit, type Db } from './db.ts';
import type { Problem, Report } from './report.ts';
import { lineFaultProblem, MAX_LINE_BYTES, type LineFault } from '../rules/csv.ts';
import type { ColumnMap, Layout } from '../rules/layouts.ts';

export { MAX_LINE_BYTES };

/** A file ready to scan: its CSV facts and where each field is. */
export interface Scan {
  csv: CsvFile;
  layout: Layout;
  map: ColumnMap;
  /** Constant columns added to every row (e.g. the code list's year and dimension). */
  constants?: Record<string, string>;
}

/**
 * SQL subquery over one file: source_file, source_row (record ordinal, only with `rowNumbers`), then every
 * layout field as VARCHAR (NULL when the file lacks an optional column). Blank records are skipped. A
 * numbered rescan of a file with refused records skips them too (they were reported by the checking scan;
 * `store_rejects`, because DuckDB 1.5's `ignore_errors` drops every row after a stray quote), so the
 * ordinals count what linesOfRecords counts once it is told the refused records (CsvFile.rejected).
 */
export function scanSql(s: Scan, opts: { rowNumbers?: boolean; rejects?: boolean } = {}): string {
  const { csv, layout, map } = s;
  const cols = csv.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const read = `read_csv(${lit(csv.readPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {${cols}}, all_varchar = true, skip = ${csv.headerLine - 1}, max_line_size = ${MAX_LINE_BYTES}, encoding = 'utf-8'${opts.rejects || (opts.rowNumbers && csv.rejected.size) ? ', store_rejects = true' : ''})`;
  // DuckDB reads an empty field as NULL: a record of only empty fields (",,,,") is a blank line.
  const notBlank = `coalesce(${csv.header.map((_, i) => `c${i}`).join(', ')}) IS NOT NULL`;
  const fields = layout.fields.map((f) => {
    const i = map.index.get(f.field);
    return i === undefined ? `CAST(NULL AS VARCHAR) AS ${ident(f.field)}` : `c${i} AS ${ident(f.field)}`;
  });
  const consts = Object.entries(s.constants ?? {}).map(([k, v]) => `${lit(v)} AS ${ident(k)}`);
  const row = opts.rowNumbers ? 'row_number() OVER ()' : 'CAST(NULL AS BIGINT)';
  return `(SELECT ${lit(csv.file)} AS source_file, ${row} AS source_row, ${[...consts, ...fields].join(', ')} FROM ${read} WHERE ${notBlank})`;
}

/** UNION ALL of many files' scans (files of one layout). */
export function unionSql(scans: Scan[], opts: { rejects?: boolean } = {}): string {
  return scans.map((s) => `SELECT * FROM ${scanSql(s, opts)}`).join(' UNION ALL ');
}

/**
 * After a checking scan with `rejects`, turns DuckDB's rejects into report errors (one per bad line)
 * and clears them. Returns the files that had any.
 */
export async function collectRejects(db: Db, scans: Scan[], report: Report): Promise<Set<string>> {
  const byPath = new Map(scans.map((s) => [s.csv.readPath, s.csv]));
  const bad = new Set<string>();
  let rows: { file_path: string; line: string; line_byte_position: string; column_idx: string | null; error_type: string; error_message: string; csv_line: string }[] = [];
  try {
    // One error per line: a short line is reported once per missing field.
    rows = await db.all(`SELECT s.file_path, e.line, e.line_byte_position, e.column_idx, e.error_type, e.error_message, e.csv_line
      FROM reject_errors e JOIN reject_scans s USING (scan_id, file_id)
      QUALIFY row_number() OVER (PARTITION BY s.file_path, e.line ORDER BY e.column_idx) = 1
      ORDER BY s.file_path, e.line LIMIT 1000`);
  } catch {
    return bad; // no rejects tables: nothing was rejected
  }
  for (const r of rows) {
    const csv = byPath.get(r.file_path);
    if (!csv) continue;
    bad.add(csv.file);
    // DuckDB's line counts records; a quoted field spanning lines shifts it. Count newlines instead.
    const line = lineAtByte(csv.readPath, Number(r.line_byte_position));
    csv.rejected.set(line, (r.csv_line.match(/\n/g) ?? []).length);
    report.error(rejectProblem(csv, { ...r, line: String(line) }));
  }
  await db.run('DELETE FROM reject_errors; DELETE FROM reject_scans');
  return bad;
}

/** Empties DuckDB's rejects tables without reporting them (they were reported by an earlier scan). */
export async function clearRejects(db: Db): Promise<Set<string>> {
  try {
    await db.run('DELETE FROM reject_errors; DELETE FROM reject_scans');
  } catch {
    // no rejects tables yet
  }
  return new Set();
}

function rejectProblem(csv: CsvFile, r: { line: string; column_idx: string | null; error_type: string; error_message: string; csv_line: string }): Omit<Problem, 'severity'> {
  const found = /Found: (\d+)/.exec(r.error_message)?.[1];
  const count = found === undefined ? undefined : Number(found);
  const column = r.column_idx === null ? undefined : csv.header[Number(r.column_idx) - 1];
  const faults: Record<string, LineFault> = {
    'MISSING COLUMNS': { kind: 'tooFew', ...(count !== undefined ? { found: count } : {}) },
    'TOO MANY COLUMNS': { kind: 'tooMany', ...(count !== undefined ? { found: count } : {}) },
    'UNQUOTED VALUE': { kind: 'quote', ...(column ? { column } : {}), text: r.csv_line },
    'LINE SIZE OVER MAXIMUM': { kind: 'tooLong' },
    'INVALID ENCODING': { kind: 'bytes' },
    'INVALID UNICODE': { kind: 'bytes' },
  };
  const fault = faults[r.error_type] ?? { kind: 'other', message: r.error_message.split('\n')[0] ?? r.error_type };
  return { file: csv.file, line: Number(r.line), ...lineFaultProblem(fault, csv.header.length) };
}

/** A problem about a scanned row, before its physical line is known. */
export interface RowProblem extends Omit<Problem, 'severity' | 'line'> {
  severity: 'error' | 'warning';
  /** Record ordinal in the file (1 = first data row), as numbered by scanSql's rowNumbers. */
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
    lines.set(file, csv ? linesOfRecords(csv.text(), rows, csv.rejected) : new Map());
  }
  const lineOf = (file: string, row: number) => lines.get(file)?.get(row);
  const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row);
  for (const { row, severity, ref, ...rest } of sorted) {
    const line = lineOf(rest.file, row);
    if (ref) rest.found = rest.found.replace('%REF%', String(lineOf(ref.file, ref.row) ?? `(record ${ref.row})`));
    const p = { ...rest, ...(line !== undefined ? { line } : {}) };
    if (severity === 'error') report.error(p);
    else report.warn(p);
  }
}
