/**
 * The pipeline: an input folder of published files → a validated, versioned release, or a refusal that
 * leaves the last good release exactly as it was. Effects (clock, logger) are passed in so tests run
 * silently and deterministically.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CsvFile } from './csv-file.ts';
import { buildCodes, checkCodeLists, loadCodeLists } from './code-lists.ts';
import { Db } from './db.ts';
import { resolveRowProblems, type RowProblem } from './load.ts';
import { writeRelease } from './release.ts';
import { formatProblem, formatReport, Report } from './report.ts';
import { buildLineItems, checkSacs, loadSacsFiles } from './sacs.ts';
import { loadTable, TABLES } from './tables.ts';

export interface PipelineOptions {
  input: string;
  out: string;
  now?: Date;
  log?: (msg: string) => void;
}

export interface PipelineResult {
  ok: boolean;
  report: Report;
  release?: { id: string; dir: string; reused: boolean };
  timings: Record<string, number>;
}

interface District { name: string; cds_code?: string; sample?: boolean; note?: string }

function readDistrict(input: string, report: Report): District {
  const file = path.join(input, 'district.json');
  if (!fs.existsSync(file)) return { name: 'School district' };
  try {
    const d = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (typeof d.name !== 'string' || !d.name.trim()) {
      report.error({ file: 'district.json', column: 'name', expected: 'the district name as text', found: JSON.stringify(d.name ?? null) });
      return { name: 'School district' };
    }
    return {
      name: d.name.trim(),
      ...(typeof d.cds_code === 'string' ? { cds_code: d.cds_code } : {}),
      ...(d.sample === true ? { sample: true } : {}),
      ...(typeof d.note === 'string' ? { note: d.note } : {}),
    };
  } catch (e) {
    report.error({ file: 'district.json', expected: 'valid JSON such as {"name": "…"}', found: (e as Error).message });
    return { name: 'School district' };
  }
}

/** Runs the whole pipeline. Never throws for bad input: problems are in the report. */
export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const report = new Report();
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const step = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - t0);
    log(`${name}: ${timings[name]} ms`);
    t0 = t;
  };
  const input = path.resolve(opts.input);
  if (!fs.existsSync(input) || !fs.statSync(input).isDirectory()) {
    report.error({ file: opts.input, expected: 'an input folder with sacs/ and code-lists/ (see data/README.md)', found: 'no such folder' });
    return { ok: false, report, timings };
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'school-budget-'));
  const db = await Db.open();
  const csvs = new Map<string, CsvFile>();
  const problems: RowProblem[] = [];
  try {
    const district = readDistrict(input, report);
    const sacsDir = path.join(input, 'sacs');
    const sacsFiles = fs.existsSync(sacsDir)
      ? fs.readdirSync(sacsDir).filter((f) => f.toLowerCase().endsWith('.csv')).sort().map((f) => `sacs/${f}`)
      : [];
    if (!sacsFiles.length) report.error({ file: 'sacs/', expected: 'at least one SACS export (.csv) in sacs/', found: 'none' });
    await loadSacsFiles(db, input, sacsFiles, report, tmpDir, csvs);
    step('read SACS exports');
    const listYears = await loadCodeLists(db, input, report, tmpDir, csvs);
    problems.push(...(await checkCodeLists(db)));
    step('read code lists');
    const sacsProblems = await checkSacs(db);
    problems.push(...sacsProblems);
    step('check SACS lines');
    let haveLines = false;
    if (report.ok && !sacsProblems.some((p) => p.severity === 'error')) {
      problems.push(...(await buildLineItems(db, report)));
      haveLines = true;
      step('build line items');
    }
    const schools = await loadTable(db, input, TABLES.schools, report, tmpDir, csvs, false);
    problems.push(...schools.problems);
    const hasSchools = schools.rows > 0 && !schools.problems.some((p) => p.severity === 'error');
    let haveAllocations = false;
    for (const spec of [TABLES.allocations, TABLES.enrollment, TABLES.outcomes]) {
      const r = await loadTable(db, input, spec, report, tmpDir, csvs, hasSchools || schools.rows > 0);
      problems.push(...r.problems);
      if (spec === TABLES.allocations) haveAllocations = r.rows > 0 && !r.problems.some((p) => p.severity === 'error');
    }
    step('read schools, allocations, enrollment, outcomes');
    if (haveLines && !problems.some((p) => p.severity === 'error')) {
      const tables = [{ table: 'line_items', layout: "CASE WHEN source_file IN (SELECT source_file FROM raw_legacy) THEN 'legacy' ELSE 'usergl' END" }];
      if (haveAllocations) tables.push({ table: 'allocations', layout: "'allocations'" });
      problems.push(...(await buildCodes(db, listYears, tables)));
      step('check codes against code lists');
    }
    resolveRowProblems(problems, csvs, report);
    step('resolve line numbers');
    fs.mkdirSync(opts.out, { recursive: true });
    if (!report.ok) {
      writeLastReport(opts.out, report, 'REFUSED');
      return { ok: false, report, timings };
    }
    const submissions = await db.all<{ submission_id: string; reporting_period: string; fiscal_years: string; files: string }>(
      `SELECT submission_id, any_value(reporting_period) AS reporting_period, list_sort(list_distinct(list(fiscal_year))) AS fiscal_years,
        list_sort(list_distinct(list(source_file))) AS files FROM line_items GROUP BY 1 ORDER BY 1`);
    const release = await writeRelease({
      db,
      out: opts.out,
      now,
      district,
      sources: report.files.map((f) => ({ path: f.file, kind: f.kind, ...(f.layout ? { layout: f.layout } : {}), rows: f.rows, bytes: f.bytes, sha256: f.sha256 })),
      submissions: submissions.map((s) => ({ ...s, fiscal_years: s.fiscal_years as unknown as string[], files: s.files as unknown as string[] })),
      report,
      log,
    });
    step('write release');
    writeLastReport(opts.out, report, `accepted as release ${release.id}`);
    return { ok: true, report, release, timings };
  } finally {
    db.close();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** The last run's report, beside (never inside) the releases. */
function writeLastReport(out: string, report: Report, result: string): void {
  fs.writeFileSync(path.join(out, 'last-run.json'), `${JSON.stringify({ result, ...report.toJSON() }, null, 1)}\n`);
  fs.writeFileSync(path.join(out, 'last-run.txt'), formatReport(report, `Pipeline run: ${result}`));
}

export { formatProblem };
