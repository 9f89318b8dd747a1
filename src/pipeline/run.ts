/**
 * The pipeline: an input folder of published files → a validated, versioned release, or a refusal that
 * leaves the last good release exactly as it was. Effects (clock, logger) are passed in so tests run
 * silently and deterministically.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CsvFile } from './csv-file.ts';
import { buildCodes, checkCodeLists, openCodeLists, type CodedTable } from './code-lists.ts';
import { Db, lit } from './db.ts';
import { resolveRowProblems, type RowProblem, type Scan } from './load.ts';
import { PIPELINE_VERSION, writeRelease } from './release.ts';
import { formatReport, Report } from './report.ts';
import { checkSacs, openSacsFiles, sacsParts, withFiscalYear, writeLineItems } from './sacs.ts';
import { frpmAlternate, loadTable, openStateFiles, openTable, TABLES } from './tables.ts';
import { withCleanFiles } from './typed.ts';
import { checkDistrictJson, type District } from '../rules/district.ts';
import { msg } from '../rules/messages.ts';

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

function readDistrict(input: string, report: Report): District {
  const file = path.join(input, 'district.json');
  if (!fs.existsSync(file)) return { name: 'School district' };
  const r = checkDistrictJson(fs.readFileSync(file, 'utf8'));
  for (const p of r.problems) report.error({ file: 'district.json', ...p });
  return r.district;
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
    report.error({ rule: 'noInputFolder', file: opts.input, expected: msg('noInputFolder.expected'), found: msg('noInputFolder.found') });
    return { ok: false, report, timings };
  }
  fs.mkdirSync(opts.out, { recursive: true });
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'school-budget-'));
  // Everything is written here first; it becomes the release only when every check has passed.
  const staging = fs.mkdtempSync(path.join(opts.out, '.staging-'));
  const db = await Db.open();
  const csvs = new Map<string, CsvFile>();
  const problems: RowProblem[] = [];
  const rows = new Map<string, number>();
  const errors = () => !report.ok || problems.some((p) => p.severity === 'error');
  let published = false;
  try {
    const district = readDistrict(input, report);
    const districtFile = path.join(input, 'district.json');
    const districtBytes = fs.existsSync(districtFile) ? fs.readFileSync(districtFile) : null;
    const extra = districtBytes
      ? [{ file: 'district.json', kind: 'district', encoding: 'utf-8', rows: 1, bytes: districtBytes.length, sha256: createHash('sha256').update(districtBytes).digest('hex') }]
      : [];
    const sacsDir = path.join(input, 'sacs');
    const sacsFiles = fs.existsSync(sacsDir)
      ? fs.readdirSync(sacsDir).filter((f) => f.toLowerCase().endsWith('.csv')).sort().map((f) => `sacs/${f}`)
      : [];
    if (!sacsFiles.length) report.error({ rule: 'noSacsFiles', file: 'sacs/', expected: msg('noSacsFiles.expected'), found: msg('noSacsFiles.found') });
    const sacsScans = openSacsFiles(input, sacsFiles, report, tmpDir, csvs);
    const lists = openCodeLists(input, report, tmpDir, csvs);
    const tableScans = Object.fromEntries(Object.entries(TABLES).map(([k, spec]) => [k, openTable(input, spec, report, tmpDir, csvs)])) as Record<keyof typeof TABLES, Scan[]>;
    const stateScans = openStateFiles(input, report, tmpDir, csvs);
    step('open files');
    const unchanged = sameAsCurrent(opts.out, [...[...csvs.values()].map((f) => ({ path: f.file, sha256: f.sha256 })), ...extra.map((f) => ({ path: f.file, sha256: f.sha256 }))]);
    if (unchanged && report.ok) {
      log(`sources unchanged since release ${unchanged.id}: nothing to do`);
      return { ok: true, report, release: { ...unchanged, reused: true }, timings };
    }

    const codeCheck = await checkCodeLists(db, lists.scans, report);
    problems.push(...codeCheck.problems);
    for (const [f, n] of codeCheck.rows) rows.set(f, n);
    step('check code lists');

    const sacs = await checkSacs(db, sacsParts(sacsScans), report);
    // Clean files are written through the fast path (no normalising); the others through the full one.
    const parts = withCleanFiles(withFiscalYear(sacsParts(sacsScans), sacs.fy), sacs.clean);
    problems.push(...sacs.problems);
    for (const [f, n] of sacs.rows) rows.set(f, n);
    for (const s of sacsScans) if (!sacs.rows.get(s.csv.file) && !report.errors.some((e) => e.file === s.csv.file)) report.error({ rule: 'noDataRows', file: s.csv.file, line: 2, expected: msg('noDataRows.expected'), found: msg('noDataRows.found') });
    step('check SACS lines');
    let haveLines = false;
    if (!errors() && sacs.submissions.length) {
      problems.push(...(await writeLineItems(db, parts, sacs.submissions, staging)));
      haveLines = true;
      step('write line items');
    }

    const schools = await loadTable(db, TABLES.schools, tableScans.schools, report, staging, 'ok');
    problems.push(...schools.problems);
    for (const [f, n] of schools.rows) rows.set(f, n);
    const coded: CodedTable[] = haveLines ? [{ table: 'line_items', parts }] : [];
    const schoolsState = schools.written ? 'ok' : tableScans.schools.length ? 'refused' : 'absent';
    // The state's FRPM file gives enrollment and low-income counts when the district publishes no enrollment.csv.
    const frpm = await frpmAlternate(db, stateScans, tableScans.enrollment.length > 0, district.cds_code ?? sacs.submissions[0]?.cds, schoolsState === 'ok', report);
    for (const key of ['allocations', 'enrollment', 'outcomes'] as const) {
      const r = await loadTable(db, TABLES[key], tableScans[key], report, staging, schoolsState, key === 'enrollment' ? frpm : undefined);
      problems.push(...r.problems);
      for (const [f, n] of r.rows) rows.set(f, n);
      if (key === 'allocations' && r.written && r.parts) coded.push({ table: 'allocations', parts: r.parts });
    }
    step('check and write schools, allocations, enrollment, outcomes');

    if (haveLines && !errors()) {
      problems.push(...(await buildCodes(db, lists.years, coded)));
      fs.mkdirSync(path.join(staging, 'codes'));
      await db.run(`COPY codes TO ${lit(path.join(staging, 'codes/data_0.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
      step('check codes against code lists');
    }
    resolveRowProblems(problems, csvs, report);
    for (const f of csvs.values()) {
      const kind = f.file.startsWith('sacs/') ? 'sacs' : f.file.startsWith('code-lists/') ? 'code_list' : f.file.startsWith('state/') ? 'cde_frpm'
        : (Object.values(TABLES).find((spec) => f.file === spec.source || f.file.startsWith(`${spec.source}/`))?.layout.id ?? 'other');
      report.files.push({ file: f.file, kind, ...(layoutOf(f.file, sacsScans)), encoding: f.encoding, rows: rows.get(f.file) ?? 0, bytes: f.bytes, sha256: f.sha256 });
    }
    report.files.push(...extra);
    if (!report.ok) {
      writeLastReport(opts.out, report, 'REFUSED');
      return { ok: false, report, timings };
    }
    const release = await writeRelease({
      db,
      out: opts.out,
      staging,
      now,
      district,
      sources: report.files.map((f) => ({ path: f.file, kind: f.kind, ...(f.layout ? { layout: f.layout } : {}), rows: f.rows, bytes: f.bytes, sha256: f.sha256 })),
      submissions: sacs.submissions,
      report,
      log,
    });
    published = true;
    step('write release');
    writeLastReport(opts.out, report, `accepted as release ${release.id}`);
    return { ok: true, report, release, timings };
  } finally {
    db.close();
    fs.rmSync(tmpDir, { recursive: true, force: true });
    if (!published) fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The current release, if it was built by this pipeline version from exactly these files (same paths,
 * same sha256): re-running on unchanged inputs then publishes nothing new.
 */
function sameAsCurrent(out: string, files: { path: string; sha256: string }[]): { id: string; dir: string } | null {
  try {
    const cur = JSON.parse(fs.readFileSync(path.join(out, 'current.json'), 'utf8')) as { release: string };
    const dir = path.join(out, 'releases', cur.release);
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { pipeline_version: string; sources: { path: string; sha256: string }[] };
    const key = (xs: { path: string; sha256: string }[]) => xs.map((x) => `${x.path} ${x.sha256}`).sort().join('\n');
    if (m.pipeline_version !== PIPELINE_VERSION) return null;
    return key(m.sources) === key(files) ? { id: cur.release, dir } : null;
  } catch {
    return null;
  }
}

function layoutOf(file: string, scans: Scan[]): { layout?: string } {
  const s = scans.find((x) => x.csv.file === file);
  return s ? { layout: s.layout.id } : {};
}

/** The last run's report, beside (never inside) the releases. */
function writeLastReport(out: string, report: Report, result: string): void {
  fs.writeFileSync(path.join(out, 'last-run.json'), `${JSON.stringify({ result, ...report.toJSON() }, null, 1)}\n`);
  fs.writeFileSync(path.join(out, 'last-run.txt'), formatReport(report, `Pipeline run: ${result}`));
}

