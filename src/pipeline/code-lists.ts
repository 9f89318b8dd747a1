/**
 * The state's SACS code lists, one folder per fiscal year, and the `codes` table of the release: a title
 * for every code the line items use, from that year's list or the nearest year's. Codes missing from the
 * list are kept, titled "unknown code", and reported as warnings (real lists drift from year to year).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCsv, type CsvFile } from './csv-file.ts';
import { ident, lit, type Db } from './db.ts';
import type { RowProblem, Scan } from './load.ts';
import type { Report } from './report.ts';
import { checkParts, stagedFileSql, type Part } from './typed.ts';
import { CODE_LISTS, type CodeDimension } from '../rules/codes.ts';
import { fiscalYearStart, parseFiscalYear } from '../rules/fiscal-year.ts';
import { CODE_LIST } from '../rules/layouts.ts';
import { msg } from '../rules/messages.ts';
import { CODE_LIST_CODE_SQL, CODE_LIST_RULES, codeListHeader } from '../rules/tables.ts';

export const UNKNOWN_CODE = msg('unknownCode.title');

/** Opens `code-lists/<fy>/ref_*.csv` as scans (with the list year and dimension as constants). */
export function openCodeLists(input: string, report: Report, tmpDir: string, csvs: Map<string, CsvFile>): { years: string[]; scans: Scan[] } {
  const root = path.join(input, 'code-lists');
  const years: string[] = [];
  const scans: Scan[] = [];
  const dirs = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  for (const dir of dirs) {
    const fy = parseFiscalYear(dir);
    if (!fy.ok || fy.value !== dir) {
      report.error({ rule: 'codeListFolder', file: `code-lists/${dir}/`, expected: msg('codeListFolder.expected'), found: JSON.stringify(dir) });
      continue;
    }
    years.push(dir);
    for (const [dim, name] of Object.entries(CODE_LISTS) as [CodeDimension, string][]) {
      const rel = `code-lists/${dir}/${name}`;
      if (!fs.existsSync(path.join(input, rel))) {
        report.error({ rule: 'codeListMissing', file: rel, expected: msg('codeListMissing.expected', { dimension: dim, name, year: dir }), found: msg('codeListMissing.found') });
        continue;
      }
      const csv = openCsv(path.join(input, rel), rel, report, tmpDir);
      if (!csv) continue;
      csvs.set(rel, csv);
      const { map, problems } = codeListHeader(csv.header);
      for (const { severity: _, ...p } of problems) report.error({ file: rel, line: 1, ...p });
      if (map.missing.length) continue;
      scans.push({ csv, layout: CODE_LIST, map, constants: { list_year: dir, dimension: dim } });
    }
  }
  if (!dirs.length) {
    report.error({ rule: 'noCodeLists', file: 'code-lists/', expected: msg('noCodeLists.expected'), found: msg('noCodeLists.found') });
  }
  return { years, scans };
}

/** Checks the code lists (code formats are errors; repeated codes warnings, first kept) and loads code_lists. */
export async function checkCodeLists(db: Db, scans: Scan[], report: Report): Promise<{ problems: RowProblem[]; rows: Map<string, number> }> {
  const parts: Part[] = [{ scans, stage: (from) => `SELECT source_file, source_row, list_year, dimension, ${CODE_LIST_CODE_SQL} AS code, trim(title) AS title FROM ${from}` }];
  const { groups, problems } = await checkParts(db, parts, CODE_LIST_RULES.map((r) => ({ rule: r.rule, column: r.column, expected: r.expected, bad: r.bad, found: r.found })), report);
  const rows = new Map(groups.map((g) => [String(g.source_file), Number(g.n)]));
  await db.run('CREATE OR REPLACE TABLE code_lists (list_year VARCHAR, dimension VARCHAR, code VARCHAR, title VARCHAR)');
  if (!scans.length || problems.length || !report.ok) return { problems, rows };
  // Code lists are small: number every file's rows to find repeats and keep the first title.
  const all = scans.map((s) => stagedFileSql(parts, s.csv.file)).map((q) => `SELECT * FROM (${q})`).join(' UNION ALL ');
  await db.run(`CREATE OR REPLACE TEMP TABLE codes_stage AS SELECT *, row_number() OVER (PARTITION BY list_year, dimension, code ORDER BY source_row) AS n FROM (${all})`);
  const dups = await db.all<{ source_file: string; source_row: string; code: string }>('SELECT source_file, source_row, code FROM codes_stage WHERE n > 1 ORDER BY ALL LIMIT 100');
  for (const d of dups) problems.push({ severity: 'warning', rule: 'codeListDuplicate', file: d.source_file, row: Number(d.source_row), column: 'Code', expected: msg('codeListDuplicate.expected'), found: msg('codeListDuplicate.found', { code: JSON.stringify(d.code) }) });
  await db.run('INSERT INTO code_lists SELECT list_year, dimension, code, title FROM codes_stage WHERE n = 1');
  return { problems, rows };
}

/** For each fiscal year, the code-list year to use: its own, else the nearest (earlier on a tie). */
export function nearestListYear(fiscalYears: string[], listYears: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!listYears.length) return out;
  for (const fy of fiscalYears) {
    const s = fiscalYearStart(fy);
    let best = listYears[0]!;
    for (const l of listYears) {
      const d = Math.abs(fiscalYearStart(l) - s);
      const bd = Math.abs(fiscalYearStart(best) - s);
      if (d < bd || (d === bd && l < best)) best = l;
    }
    out.set(fy, best);
  }
  return out;
}

/** Column header of each dimension in each source layout, for the unknown-code warnings. */
const HEADER: Record<string, Record<CodeDimension, string>> = {
  usergl: { fund: 'FundCode', resource: 'ResourceCode', goal: 'GoalCode', function: 'FunctionCode', object: 'ObjectCode' },
  legacy: { fund: 'Fund', resource: 'Resource', goal: 'Goal', function: 'Function', object: 'Object' },
  allocations: { fund: 'fund', resource: 'resource', goal: 'goal', function: 'function', object: 'object' },
};

/** A written table whose codes are checked, with the parts its rows came from (to name lines). */
export interface CodedTable {
  table: string;
  parts: Part[];
}

/**
 * Builds the release's `codes` table (fiscal_year, dimension, code, title, list_year, in_list) for every
 * code used by `tables`, and warns once per unknown code, fiscal year and file, with the first line and
 * the count.
 */
export async function buildCodes(db: Db, listYears: string[], tables: CodedTable[]): Promise<RowProblem[]> {
  const dims = Object.keys(CODE_LISTS) as CodeDimension[];
  const used = tables.map(({ table }) => `SELECT fiscal_year, source_file, ${dims.map(ident).join(', ')}, count(*) AS n FROM ${ident(table)}
    GROUP BY GROUPING SETS (${dims.map((d) => `(fiscal_year, source_file, ${ident(d)})`).join(', ')})`);
  await db.run(`CREATE OR REPLACE TEMP TABLE used_codes AS
    SELECT fiscal_year, source_file, dimension, code, sum(n) AS n FROM (${used.join(' UNION ALL ')})
    UNPIVOT (code FOR dimension IN (${dims.map(ident).join(', ')})) GROUP BY ALL`);
  const fys = (await db.all<{ fiscal_year: string }>('SELECT DISTINCT fiscal_year FROM used_codes ORDER BY 1')).map((r) => r.fiscal_year);
  const near = nearestListYear(fys, listYears);
  await db.run('CREATE OR REPLACE TABLE fy_list (fiscal_year VARCHAR, list_year VARCHAR)');
  if (near.size) await db.run(`INSERT INTO fy_list VALUES ${[...near].map(([f, l]) => `(${lit(f)}, ${lit(l)})`).join(', ')}`);
  await db.run(`CREATE OR REPLACE TABLE codes AS
    SELECT u.fiscal_year, u.dimension, u.code, coalesce(c.title, '${UNKNOWN_CODE}') AS title, f.list_year, c.code IS NOT NULL AS in_list
    FROM (SELECT DISTINCT fiscal_year, dimension, code FROM used_codes) u
    LEFT JOIN fy_list f USING (fiscal_year)
    LEFT JOIN code_lists c ON c.list_year = f.list_year AND c.dimension = u.dimension AND c.code = u.code
    ORDER BY u.dimension, u.code, u.fiscal_year`);
  const unknown = await db.all<{ fiscal_year: string; dimension: CodeDimension; code: string; source_file: string; n: string; list_year: string | null }>(
    `SELECT u.fiscal_year, u.dimension, u.code, u.source_file, CAST(u.n AS INTEGER) AS n, f.list_year
     FROM used_codes u JOIN codes c USING (fiscal_year, dimension, code) LEFT JOIN fy_list f USING (fiscal_year)
     WHERE NOT c.in_list ORDER BY u.source_file, u.dimension, u.code, u.fiscal_year LIMIT 500`);
  if (!unknown.length) return [];
  // Name the first line of each unknown code: rescan only the files that have some.
  const problems: RowProblem[] = [];
  for (const file of new Set(unknown.map((u) => u.source_file))) {
    const parts = tables.find((t) => t.parts.some((p) => p.scans.some((s) => s.csv.file === file)))!.parts;
    const part = parts.find((p) => p.scans.some((s) => s.csv.file === file))!;
    const layout = part.scans[0]!.layout.id;
    const mine = unknown.filter((u) => u.source_file === file);
    const firsts = await db.all<{ fiscal_year: string; dimension: string; code: string; first_row: string }>(
      `SELECT fiscal_year, dimension, code, min(source_row) AS first_row FROM (SELECT fiscal_year, source_row, ${dims.map(ident).join(', ')} FROM (${stagedFileSql(parts, file)}))
       UNPIVOT (code FOR dimension IN (${dims.map(ident).join(', ')}))
       WHERE (fiscal_year, dimension, code) IN (${mine.map((u) => `(${lit(u.fiscal_year)}, ${lit(u.dimension)}, ${lit(u.code)})`).join(', ')}) GROUP BY ALL`);
    const first = new Map(firsts.map((f) => [`${f.fiscal_year} ${f.dimension} ${f.code}`, Number(f.first_row)]));
    for (const u of mine) {
      problems.push({
        severity: 'warning',
        rule: 'unknownCode',
        file,
        row: first.get(`${u.fiscal_year} ${u.dimension} ${u.code}`) ?? 0,
        column: HEADER[layout]?.[u.dimension] ?? u.dimension,
        expected: msg('unknownCode.expected', {
          article: u.dimension === 'object' ? 'an' : 'a', dimension: u.dimension, listYear: String(u.list_year),
          nearest: u.list_year !== u.fiscal_year ? msg('unknownCode.nearest', { year: u.fiscal_year }) : '',
        }),
        found: msg('unknownCode.found', { code: JSON.stringify(u.code), unknown: UNKNOWN_CODE }),
        count: Number(u.n),
      });
    }
  }
  return problems;
}
