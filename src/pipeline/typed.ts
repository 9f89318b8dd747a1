/**
 * Rules over scanned files, checked in one aggregate pass (rows breaking each rule, counted per file),
 * with the detailed listing (record ordinals, found values) computed only for files that broke a rule.
 */
import { ident, type Db, type Row } from './db.ts';
import { clearRejects, collectRejects, scanSql, unionSql, type RowProblem, type Scan } from './load.ts';
import type { Report } from './report.ts';
import type { FieldType } from '../rules/fields.ts';
import { msg, type RuleId } from '../rules/messages.ts';
import { foundText } from '../rules/twin.ts';

/** One rule: `bad` is SQL true for rows that break it (NULL counts as not broken); `found` is shown. */
export interface Rule {
  /** The rule's id (src/rules/messages.ts), given to every problem it finds. */
  rule: RuleId;
  column: string;
  /** SQL giving the column name per row, when it depends on the row (e.g. on the file's layout). */
  columnSql?: string;
  expected: string;
  /** SQL giving the expected text per row, when it depends on the row. */
  expectedSql?: string;
  bad: string;
  found: string;
  /** `found` is already a full phrase: show it as it is instead of quoting it. */
  foundIsPhrase?: boolean;
}

/** SQL value of an optional typed field: NULL when empty. */
export function optionalValue(field: string, type: FieldType): string {
  const t = `trim(${ident(field)})`;
  return `CASE WHEN ${t} IS NULL OR ${t} = '' THEN NULL ELSE ${type.value(t)} END`;
}

/** Files of one layout and how to normalise them: `stage(from)` is a SELECT over the raw scan `from`. */
export interface Part {
  scans: Scan[];
  stage: (from: string) => string;
  /**
   * Optional fast path: the same columns as `stage` without the normalising work, plus a boolean `_clean`
   * that is true only where normalising would change nothing and every row rule holds. Files whose rows
   * are all clean are checked and written through it; the others go through `stage` and every rule.
   */
  quick?: (from: string) => string;
}

/** The parts with clean files read through their fast path (see Part.quick). */
export function withCleanFiles(parts: Part[], clean: Set<string>): Part[] {
  return parts.flatMap((p) => {
    if (!p.quick) return [p];
    const fast = p.scans.filter((s) => clean.has(s.csv.file));
    const slow = p.scans.filter((s) => !clean.has(s.csv.file));
    return [{ scans: fast, stage: p.quick }, { scans: slow, stage: p.stage }].filter((x) => x.scans.length);
  });
}

/** SQL over every file of every part, normalised (no row numbers; rejects recorded if asked). */
export function stagedSql(parts: Part[], opts: { rejects?: boolean } = {}): string {
  return parts.filter((p) => p.scans.length).map((p) => `SELECT * FROM (${p.stage(`(${unionSql(p.scans, opts)})`)})`).join(' UNION ALL BY NAME ');
}

/** SQL over one file, normalised, with record ordinals in source_row. */
export function stagedFileSql(parts: Part[], file: string): string {
  for (const p of parts) {
    const s = p.scans.find((x) => x.csv.file === file);
    if (s) return p.stage(scanSql(s, { rowNumbers: true }));
  }
  throw new Error(`no scan for ${file}`);
}

function readError(scans: Scan[], e: unknown) {
  return {
    rule: 'readError' as const, file: scans.length === 1 ? scans[0]!.csv.file : scans.map((s) => s.csv.file).join(', '),
    expected: msg('readError.expected'), found: msg('readError.found', { message: (e as Error).message.split('\n')[0] ?? '' }),
  };
}

export interface CheckResult {
  /** Rows of the aggregate: source_file, the groupBy columns, n (rows). */
  groups: Row[];
  problems: RowProblem[];
  /** Files with structural or rule problems. */
  badFiles: Set<string>;
  /** Files every row of which took the fast path (Part.quick). */
  clean: Set<string>;
}

/**
 * The checking pass: one scan of every file computing, per file (and per `groupBy` values), the row count
 * and how many rows break each rule; DuckDB's rejects become errors. Files that broke a rule are then
 * rescanned one by one with row numbers to list the first `limit` problems.
 */
export async function checkParts(db: Db, parts: Part[], rules: Rule[], report: Report, groupBy: string[] = [], limit = 200): Promise<CheckResult> {
  const scans = parts.flatMap((p) => p.scans);
  if (!scans.length) return { groups: [], problems: [], badFiles: new Set(), clean: new Set() };
  if (parts.every((p) => p.quick || !p.scans.length)) return checkQuick(db, parts, rules, report, groupBy, limit);
  return { ...(await checkFull(db, parts, rules, report, groupBy, limit)), clean: new Set() };
}

/**
 * Fast protocol: one scan counting, per file and group, the rows that are not clean; only the files with
 * such rows are checked rule by rule (checkFull).
 */
async function checkQuick(db: Db, parts: Part[], rules: Rule[], report: Report, groupBy: string[], limit: number): Promise<CheckResult> {
  const scans = parts.flatMap((p) => p.scans);
  const by = ['source_file', ...groupBy.map(ident)];
  const quick = parts.filter((p) => p.scans.length).map((p) => `SELECT * FROM (${p.quick!(`(${unionSql(p.scans, { rejects: true })})`)})`).join(' UNION ALL BY NAME ');
  let groups: Row[] = [];
  try {
    groups = await db.all(`SELECT ${by.join(', ')}, CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE NOT coalesce(_clean, false)) AS INTEGER) AS unclean
      FROM (${quick}) GROUP BY ALL ORDER BY ALL`);
  } catch (e) {
    report.error(readError(scans, e));
    return { groups: [], problems: [], badFiles: new Set(scans.map((s) => s.csv.file)), clean: new Set() };
  }
  const badFiles = await collectRejects(db, scans, report);
  const unclean = new Set(groups.filter((g) => Number(g.unclean) > 0).map((g) => String(g.source_file)));
  const clean = new Set(scans.map((s) => s.csv.file).filter((f) => !unclean.has(f) && !badFiles.has(f)));
  if (!unclean.size) return { groups, problems: [], badFiles, clean };
  const slowParts = parts.map((p) => ({ scans: p.scans.filter((s) => unclean.has(s.csv.file)), stage: p.stage }));
  const full = await checkFull(db, slowParts, rules, report, groupBy, limit, false);
  for (const f of full.badFiles) badFiles.add(f);
  return { groups, problems: full.problems, badFiles, clean };
}

async function checkFull(db: Db, parts: Part[], rules: Rule[], report: Report, groupBy: string[], limit: number, collect = true): Promise<Omit<CheckResult, 'clean'>> {
  const scans = parts.flatMap((p) => p.scans);
  if (!scans.length) return { groups: [], problems: [], badFiles: new Set() };
  const counts = rules.map((r, i) => `CAST(count(*) FILTER (WHERE coalesce(${r.bad}, false)) AS INTEGER) AS r${i}`);
  const by = ['source_file', ...groupBy.map(ident)];
  let groups: Row[] = [];
  try {
    groups = await db.all(`SELECT ${by.join(', ')}, CAST(count(*) AS INTEGER) AS n${counts.length ? `, ${counts.join(', ')}` : ''}
      FROM (${stagedSql(parts, { rejects: true })}) GROUP BY ALL ORDER BY ALL`);
  } catch (e) {
    report.error(readError(scans, e));
    return { groups: [], problems: [], badFiles: new Set(scans.map((s) => s.csv.file)) };
  }
  // In the fast protocol the quick scan already reported these files' structural rejects: drop the repeats.
  const badFiles = collect ? await collectRejects(db, scans, report) : await clearRejects(db);
  const broken = new Map<string, number>();
  for (const g of groups) {
    const n = rules.reduce((s, _, i) => s + Number(g[`r${i}`]), 0);
    if (n) broken.set(String(g.source_file), (broken.get(String(g.source_file)) ?? 0) + n);
  }
  const problems: RowProblem[] = [];
  for (const [file] of broken) {
    badFiles.add(file);
    problems.push(...(await listProblems(db, stagedFileSql(parts, file), rules, limit)));
  }
  return { groups, problems, badFiles };
}

/** Lists rows of a normalised one-file SELECT (with source_row) that break rules. */
export async function listProblems(db: Db, fromSql: string, rules: Rule[], limit: number): Promise<RowProblem[]> {
  const flags = rules
    .map((r, i) => `coalesce(${r.bad}, false) AS b${i}, CAST(${r.found} AS VARCHAR) AS f${i}${r.columnSql ? `, ${r.columnSql} AS c${i}` : ''}${r.expectedSql ? `, ${r.expectedSql} AS e${i}` : ''}`)
    .join(', ');
  const any = rules.map((r) => `coalesce(${r.bad}, false)`).join(' OR ');
  const rows = await db.all<Record<string, string | boolean | null>>(`SELECT source_file, source_row, ${flags} FROM (${fromSql}) WHERE ${any} ORDER BY source_row LIMIT ${limit}`);
  const problems: RowProblem[] = [];
  for (const row of rows) {
    rules.forEach((r, i) => {
      if (row[`b${i}`] !== true) return;
      const found = row[`f${i}`] as string | null;
      problems.push({
        severity: 'error', rule: r.rule, file: String(row.source_file), row: Number(row.source_row), column: r.columnSql ? String(row[`c${i}`]) : r.column,
        expected: r.expectedSql ? String(row[`e${i}`]) : r.expected, found: foundText(r, found),
      });
    });
  }
  const [c] = await db.all<{ n: string }>(`SELECT count(*) AS n FROM (${fromSql}) WHERE ${any}`);
  await clearRejects(db); // a rescan of a file with refused lines records them again
  const total = Number(c?.n ?? 0);
  if (total > rows.length && problems.length) {
    const last = problems[problems.length - 1]!;
    problems.push({ ...last, rule: 'tooManyProblems', column: undefined, expected: msg('tooManyProblems.expected'), found: msg('tooManyProblems.found', { total, listed: rows.length }) } as RowProblem);
  }
  return problems;
}

/**
 * Duplicate keys in a written table: a hash aggregate (cheap, almost always empty); when there are
 * duplicates, the source files are rescanned to name both lines. `parts` must give the key columns as
 * they were written (normalised and typed), plus source_row.
 */
export async function findDuplicates(db: Db, table: string, key: string[], what: string, parts: Part[], limit = 100): Promise<RowProblem[]> {
  const k = key.map(ident).join(', ');
  // Group by one 64-bit hash of the key instead of the key's strings; only colliding hashes are compared.
  const [maybe] = await db.all<{ n: string }>(`SELECT count(*) AS n FROM (SELECT hash(${k}) AS h FROM ${table} GROUP BY h HAVING count(*) > 1)`);
  if (!maybe || maybe.n === '0') return [];
  await db.run(`CREATE OR REPLACE TEMP TABLE dup_keys AS SELECT ${k} FROM ${table} GROUP BY ALL HAVING count(*) > 1 LIMIT ${limit}`);
  const [real] = await db.all<{ n: string }>('SELECT count(*) AS n FROM dup_keys');
  if (!real || real.n === '0') return [];
  const files = parts.flatMap((p) => p.scans.map((s) => s.csv.file));
  const all = files.map((f) => `SELECT source_file, source_row, ${k} FROM (${stagedFileSql(parts, f)}) SEMI JOIN dup_keys USING (${k})`).join(' UNION ALL ');
  const rows = await db.all<Row>(`SELECT source_file, source_row, concat_ws(' / ', ${key.map((c) => `coalesce(CAST(${ident(c)} AS VARCHAR), '')`).join(', ')}) AS key,
      first_value(source_file) OVER w AS first_file, first_value(source_row) OVER w AS first_row, row_number() OVER w AS n
    FROM (${all}) WINDOW w AS (PARTITION BY ${k} ORDER BY source_file, source_row) QUALIFY n > 1 ORDER BY source_file, source_row LIMIT ${limit}`);
  return rows.map((r) => {
    const other = r.first_file !== r.source_file;
    return {
      severity: 'error' as const,
      rule: other ? 'duplicateKeyAcrossFiles' as const : 'duplicateKey' as const,
      file: String(r.source_file),
      row: Number(r.source_row),
      expected: msg('duplicateKey.expected', { what }),
      found: other ? msg('duplicateKeyAcrossFiles.found', { key: String(r.key), line: '%REF%', file: String(r.first_file) }) : msg('duplicateKey.found', { key: String(r.key), line: '%REF%' }),
      ref: { file: String(r.first_file), row: Number(r.first_row) },
    };
  });
}
