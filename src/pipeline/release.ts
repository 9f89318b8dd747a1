/**
 * Writing a release: Parquet files (ZSTD, sorted, one per fiscal year for the big tables, content-hashed
 * names), rollups, manifest.json, datapackage.json and the validation report, all into a staging folder
 * that is renamed into place only when complete. `current.json` is replaced by an atomic rename last.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { lit, type Db } from './db.ts';
import { formatReport, type Report } from './report.ts';
import { DICTIONARY } from '../rules/dictionary.ts';
import { COLUMN_CODES, OBJECT_GROUPS } from '../rules/codes.ts';

export const PIPELINE_VERSION = '0.1.0';

export interface ReleaseFile {
  path: string;
  table: string;
  fiscal_year?: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface Rollup {
  name: string;
  description: string;
  sql: string;
}

/** The small pre-aggregated tables pages pre-render from; each keeps the query that made it. */
export const ROLLUPS: Rollup[] = [
  {
    name: 'object_groups',
    description: "Totals of the latest submission's lines by fiscal year, column code and object group, all funds",
    sql: `SELECT fiscal_year, column_code, phase, object_class, object_group, CAST(sum(amount) AS DECIMAL(38,2)) AS amount, CAST(count(*) AS INTEGER) AS lines
FROM line_items WHERE is_latest GROUP BY ALL ORDER BY ALL`,
  },
  {
    name: 'funds',
    description: "Totals of the latest submission's lines by fiscal year, column code, fund and object class",
    sql: `SELECT fiscal_year, column_code, fund, object_class, CAST(sum(amount) AS DECIMAL(38,2)) AS amount, CAST(count(*) AS INTEGER) AS lines
FROM line_items WHERE is_latest GROUP BY ALL ORDER BY ALL`,
  },
  {
    name: 'enrollment',
    description: 'District enrollment and number of schools by fiscal year',
    sql: `SELECT fiscal_year, CAST(count(*) AS INTEGER) AS schools, CAST(sum(enrollment) AS INTEGER) AS enrollment FROM enrollment GROUP BY ALL ORDER BY ALL`,
  },
  {
    name: 'allocations',
    description: 'School allocations by fiscal year, column code and basis, all schools',
    sql: `SELECT fiscal_year, column_code, basis, CAST(sum(amount) AS DECIMAL(38,2)) AS amount, CAST(sum(fte) AS DECIMAL(18,4)) AS fte, CAST(count(DISTINCT school_code) AS INTEGER) AS schools, CAST(count(*) AS INTEGER) AS lines
FROM allocations GROUP BY ALL ORDER BY ALL`,
  },
];

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Tables of a release, in manifest order; each was written to `<staging>/<table>/` by the pipeline. */
export const TABLE_ORDER = ['line_items', 'allocations', 'schools', 'enrollment', 'outcomes', 'codes'];

const FRICTIONLESS_TYPE: [RegExp, string][] = [
  [/^DECIMAL|^DOUBLE|^FLOAT/, 'number'],
  [/INT/, 'integer'],
  [/^BOOLEAN/, 'boolean'],
  [/.*/, 'string'],
];

export interface ReleaseInput {
  db: Db;
  out: string;
  /** Folder inside `out` holding `<table>/…parquet` as written by the pipeline; becomes the release. */
  staging: string;
  now: Date;
  district: { name: string; cds_code?: string; sample?: boolean; note?: string };
  sources: { path: string; kind: string; layout?: string; rows: number; bytes: number; sha256: string }[];
  submissions: unknown[];
  report: Report;
  log: (msg: string) => void;
}

/** Release id: the creation date and a hash of the sources, so the same sources make the same id. */
export function releaseId(now: Date, sources: { path: string; sha256: string }[]): string {
  const h = createHash('sha256');
  h.update(`pipeline ${PIPELINE_VERSION}\n`);
  for (const s of [...sources].sort((a, b) => a.path.localeCompare(b.path))) h.update(`${s.path}\t${s.sha256}\n`);
  return `${now.toISOString().slice(0, 10)}-${h.digest('hex').slice(0, 8)}`;
}

/**
 * Turns the staging folder into a release: rollups, content-hashed Parquet names, manifest, data package
 * and report; then renames it into `releases/<id>` and points current.json at it. A release that already
 * exists is never rewritten (the staging folder is discarded).
 */
export async function writeRelease(r: ReleaseInput): Promise<{ id: string; dir: string; reused: boolean }> {
  const { db, out, staging, log } = r;
  const id = releaseId(r.now, r.sources);
  const releases = path.join(out, 'releases');
  const dir = path.join(releases, id);
  fs.mkdirSync(releases, { recursive: true });
  if (fs.existsSync(dir)) {
    log(`release ${id} is already published; it is never rewritten`);
    fs.rmSync(staging, { recursive: true, force: true });
    pointCurrent(out, id, r.now);
    return { id, dir, reused: true };
  }
  fs.mkdirSync(path.join(staging, 'rollups'));
  const rollups: { name: string; path: string; rows: number; sha256: string }[] = [];
  for (const ru of ROLLUPS) {
    const needs = /FROM (\w+)/.exec(ru.sql)?.[1] ?? '';
    if (!fs.existsSync(path.join(staging, needs))) continue;
    const rows = await db.all(ru.sql);
    const body = `${JSON.stringify({ name: ru.name, description: ru.description, release: id, sql: ru.sql, columns: Object.keys(rows[0] ?? {}), rows }, null, 1)}\n`;
    const p = `rollups/${ru.name}.json`;
    fs.writeFileSync(path.join(staging, p), body);
    rollups.push({ name: ru.name, path: p, rows: rows.length, sha256: createHash('sha256').update(body).digest('hex') });
  }
  const fiscalYears = (await db.all<{ fiscal_year: string }>('SELECT DISTINCT fiscal_year FROM line_items ORDER BY 1')).map((y) => y.fiscal_year);
  const files: ReleaseFile[] = [];
  const schemas: Record<string, { name: string; type: string }[]> = {};
  for (const table of TABLE_ORDER) {
    const tdir = path.join(staging, table);
    if (!fs.existsSync(tdir)) continue;
    schemas[table] = (await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${lit(path.join(tdir, '**/*.parquet'))})`)).map((c) => ({ name: c.column_name, type: c.column_type }));
    const parts = fs.readdirSync(tdir, { recursive: true }).map(String).filter((f) => f.endsWith('.parquet')).sort();
    for (const part of parts) {
      const fy = /fiscal_year=([0-9]{4}-[0-9]{2})/.exec(part)?.[1];
      const src = path.join(tdir, part);
      const sha256 = await sha256File(src);
      const name = `${table}${fy ? `-${fy}` : ''}${parts.length > 1 && !fy ? `-${parts.indexOf(part)}` : ''}.${sha256.slice(0, 12)}.parquet`;
      const [m] = await db.all<{ n: string }>(`SELECT CAST(sum(num_rows) AS BIGINT) AS n FROM parquet_file_metadata(${lit(src)})`);
      fs.renameSync(src, path.join(staging, name));
      files.push({ path: name, table, ...(fy ? { fiscal_year: fy } : {}), rows: Number(m?.n ?? 0), bytes: fs.statSync(path.join(staging, name)).size, sha256 });
    }
    fs.rmSync(tdir, { recursive: true });
  }
  log('wrote Parquet files');
  const manifest = {
    release: id,
    created: r.now.toISOString(),
    pipeline_version: PIPELINE_VERSION,
    district: r.district,
    fiscal_years: fiscalYears,
    files,
    rollups,
    sources: r.sources,
    submissions: r.submissions,
    validation: { errors: 0, warnings: r.report.warnings.length + r.report.omittedWarnings, report: 'validation.json' },
  };
  fs.writeFileSync(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  fs.writeFileSync(path.join(staging, 'datapackage.json'), `${JSON.stringify(dataPackage(id, r, files, schemas), null, 1)}\n`);
  fs.writeFileSync(path.join(staging, 'validation.json'), `${JSON.stringify({ release: id, ...r.report.toJSON() }, null, 1)}\n`);
  fs.writeFileSync(path.join(staging, 'validation.txt'), formatReport(r.report, `Validation report for release ${id}`));
  fs.chmodSync(staging, 0o755); // mkdtemp makes it private; a release is published to everyone
  fs.renameSync(staging, dir);
  pointCurrent(out, id, r.now);
  return { id, dir, reused: false };
}

/** Replaces current.json atomically (write a temporary file, then rename over). */
export function pointCurrent(out: string, id: string, now: Date): void {
  const tmp = path.join(out, `.current-${process.pid}.json`);
  fs.writeFileSync(tmp, `${JSON.stringify({ release: id, path: `releases/${id}/`, created: now.toISOString() }, null, 1)}\n`);
  fs.renameSync(tmp, path.join(out, 'current.json'));
}

function dataPackage(id: string, r: ReleaseInput, files: ReleaseFile[], schemas: Record<string, { name: string; type: string }[]>) {
  const resources = Object.entries(schemas).map(([table, cols]) => {
    const parts = files.filter((f) => f.table === table);
    return {
      name: table,
      path: parts.length === 1 ? parts[0]!.path : parts.map((p) => p.path),
      format: 'parquet',
      mediatype: 'application/vnd.apache.parquet',
      bytes: parts.reduce((n, p) => n + p.bytes, 0),
      rows: parts.reduce((n, p) => n + p.rows, 0),
      schema: {
        fields: cols.map((c) => ({
          name: c.name,
          type: FRICTIONLESS_TYPE.find(([re]) => re.test(c.type))![1],
          ...(c.name === 'fiscal_year' ? { constraints: { required: true, pattern: '^[0-9]{4}-[0-9]{2}$' } } : {}),
          ...(c.type.startsWith('DECIMAL') ? { decimalChar: '.', 'x-duckdb-type': c.type } : {}),
          description: DICTIONARY[c.name] ?? '',
        })),
      },
    };
  });
  return {
    profile: 'fiscal-data-package',
    name: `school-budget-${id}`,
    id,
    title: `${r.district.name} — budget release ${id}`,
    created: r.now.toISOString(),
    ...(r.district.sample ? { description: 'Sample data: a fictional district generated by npm run sample. Not real data.' } : {}),
    sources: r.sources.map((s) => ({ title: s.path, path: s.path, 'x-sha256': s.sha256 })),
    resources,
    // Fiscal Data Package mapping (https://specs.frictionlessdata.io/fiscal-data-package/): how line_items
    // reads as a budget: the amount is the measure, the column code gives the phase, and the SACS
    // dimensions are the functional, economic and administrative classifications.
    model: {
      measures: {
        amount: { source: 'amount', currency: 'USD', resource: 'line_items', direction: 'expenditure and revenue by object_class' },
      },
      dimensions: {
        date: { dimensionType: 'datetime', attributes: { fiscal_year: { source: 'fiscal_year' } }, primaryKey: 'fiscal_year' },
        phase: {
          dimensionType: 'other',
          attributes: { column_code: { source: 'column_code' }, phase: { source: 'phase' } },
          primaryKey: 'column_code',
          'x-fdp-phase': Object.fromEntries(Object.entries(COLUMN_CODES).map(([k, v]) => [k, v.fdp])),
        },
        functional_classification: { dimensionType: 'classification', classificationType: 'functional', attributes: { function: { source: 'function' }, goal: { source: 'goal' } }, primaryKey: ['function', 'goal'] },
        economic_classification: {
          dimensionType: 'classification', classificationType: 'economic',
          attributes: { object: { source: 'object' }, object_group: { source: 'object_group' }, object_class: { source: 'object_class' } },
          primaryKey: 'object',
          'x-object-groups': OBJECT_GROUPS.map((g) => ({ group: g.group, class: g.cls, title: g.title, ...('code' in g ? { code: g.code } : { from: g.lo, to: g.hi }) })),
        },
        administrative_classification: { dimensionType: 'classification', classificationType: 'administrative', attributes: { fund: { source: 'fund' }, resource: { source: 'resource' } }, primaryKey: ['fund', 'resource'] },
        submission: { dimensionType: 'other', attributes: { submission_id: { source: 'submission_id' }, reporting_period: { source: 'reporting_period' }, is_latest: { source: 'is_latest' } }, primaryKey: 'submission_id' },
      },
    },
  };
}
