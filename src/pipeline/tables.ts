/**
 * The optional tables of a release: school directory, school allocations, enrollment and demographics,
 * outcomes. Each is described once (columns, types, key, school reference) and run through the same
 * load → check → type steps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCsv, type CsvFile } from './csv-file.ts';
import { ident, lit, type Db } from './db.ts';
import { unionSql, type RowProblem, type Scan } from './load.ts';
import type { Report } from './report.ts';
import { checkParts, findDuplicates, listProblems, optionalValue, stagedFileSql, stagedSql, withCleanFiles, type Part, type Rule } from './typed.ts';
import { CDE_FRPM, DEMOGRAPHIC_COUNTS } from '../rules/layouts.ts';
import { msg } from '../rules/messages.ts';
import { fieldRules, fieldRuleSql, FRPM_AS_ENROLLMENT, frpmHeader, tableHeader, TABLES, type TableSpec } from '../rules/tables.ts';

export { TABLES, type TableSpec };

/** CSV files of a table's source (one file, or every .csv in a folder), relative to the input. */
export function tableFiles(input: string, spec: TableSpec): string[] {
  const abs = path.join(input, spec.source);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isDirectory()) {
    return fs.readdirSync(abs).filter((f) => f.toLowerCase().endsWith('.csv')).sort().map((f) => `${spec.source}/${f}`);
  }
  return [spec.source];
}

/** Files of another published layout read into a table: `adapt(from)` maps their columns onto it. */
export interface Alternate {
  scans: Scan[];
  adapt: (from: string) => string;
}

/** Whether schools.csv is there and usable, for the tables that refer to it. */
export type SchoolsState = 'absent' | 'refused' | 'ok';

/** Opens a table's files (header checks) and returns their scans. */
export function openTable(input: string, spec: TableSpec, report: Report, tmpDir: string, csvs: Map<string, CsvFile>): Scan[] {
  const scans: Scan[] = [];
  for (const rel of tableFiles(input, spec)) {
    const csv = openCsv(path.join(input, rel), rel, report, tmpDir);
    if (!csv) continue;
    csvs.set(rel, csv);
    const { map, problems } = tableHeader(spec, csv.header);
    for (const { severity, ...p } of problems) (severity === 'error' ? report.error({ file: rel, line: 1, ...p }) : report.warn({ file: rel, line: 1, ...p }));
    if (map.missing.length) continue;
    scans.push({ csv, layout: spec.layout, map });
  }
  return scans;
}

/** Opens `state/*.csv`: files the state publishes in its own layouts (now: CDE's FRPM school file). */
export function openStateFiles(input: string, report: Report, tmpDir: string, csvs: Map<string, CsvFile>): Scan[] {
  const dir = path.join(input, 'state');
  if (!fs.existsSync(dir)) return [];
  const scans: Scan[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.csv')).sort()) {
    const rel = `state/${name}`;
    const csv = openCsv(path.join(input, rel), rel, report, tmpDir);
    if (!csv) continue;
    csvs.set(rel, csv);
    const { map, problems } = frpmHeader(csv.header);
    for (const { severity: _, ...p } of problems) report.error({ file: rel, line: 1, ...p });
    if (map.missing.length) continue;
    scans.push({ csv, layout: CDE_FRPM, map });
  }
  return scans;
}

/**
 * The FRPM files as an alternate source of the enrollment table: Academic Year → fiscal_year,
 * Enrollment (K-12) → enrollment, FRPM Count (K-12) → low_income. Only this district's rows
 * (County Code + District Code = the first 7 digits of its CDS code) for schools in schools.csv are
 * read: the state file also lists charters, closed schools and other districts. The rows left out are
 * counted in a warning. Not used when the district publishes its own enrollment.csv (which is fuller).
 */
export async function frpmAlternate(db: Db, scans: Scan[], haveEnrollment: boolean, cds: string | undefined, schoolsOk: boolean, report: Report): Promise<Alternate | undefined> {
  if (!scans.length) return undefined;
  if (haveEnrollment) {
    for (const s of scans) report.warn({ rule: 'frpmUnused', file: s.csv.file, expected: msg('frpmUnused.expected'), found: msg('frpmUnused.found') });
    return undefined;
  }
  const district = cds && /^[0-9]{7}/.test(cds) ? cds.slice(0, 7) : null;
  const keep = [
    ...(district ? [`trim(county_code) || trim(district_code) = ${lit(district)}`] : []),
    ...(schoolsOk ? ['trim(school_code) IN (SELECT school_code FROM schools)'] : []),
  ];
  const where = keep.length ? keep.join(' AND ') : 'true';
  const others = DEMOGRAPHIC_COUNTS.filter((c) => c !== 'low_income').map((c) => `CAST(NULL AS VARCHAR) AS ${ident(c)}`).join(', ');
  const left = await db.all<{ source_file: string; n: string }>(`SELECT source_file, count(*) AS n FROM (${unionSql(scans)}) WHERE NOT coalesce(${where}, false) GROUP BY 1 ORDER BY 1`);
  for (const l of left) {
    report.warn({
      rule: 'frpmOtherRows', file: l.source_file, expected: msg('frpmOtherRows.expected', { district: district ? msg('frpmOtherRows.district', { cds: district }) : '' }),
      found: msg('frpmOtherRows.found', { count: l.n }),
    });
  }
  return {
    scans,
    adapt: (from) => `(SELECT source_file, source_row, ${Object.entries(FRPM_AS_ENROLLMENT).map(([to, f]) => `${ident(f)} AS ${ident(to)}`).join(', ')},
      ${others}, CAST(NULL AS VARCHAR) AS need_index FROM ${from} WHERE coalesce(${where}, false))`,
  };
}

/** The table's files as one part; rules read the raw text columns. */
export function tableParts(scans: Scan[]): Part[] {
  return [{ scans, stage: (from) => `SELECT * FROM ${from}` }];
}

/**
 * Checks one optional table's rows (one scan) and, when they pass, writes its Parquet under `dir/<id>/`
 * (one file per fiscal year for allocations) and creates a view named after the table over it.
 * `schools` is also kept as a DuckDB table: the other tables' school references are checked against it.
 */
export async function loadTable(db: Db, spec: TableSpec, ownScans: Scan[], report: Report, dir: string, schools: SchoolsState, alternate?: Alternate): Promise<{ problems: RowProblem[]; rows: Map<string, number>; written: boolean; parts?: Part[] }> {
  const id = spec.layout.id;
  const altScans = alternate?.scans ?? [];
  const scans = [...ownScans, ...altScans];
  if (!scans.length) return { problems: [], rows: new Map(), written: false };
  if (spec.refersToSchools && schools === 'absent') {
    report.error({ rule: 'schoolsMissing', file: scans[0]!.csv.file, expected: msg('schoolsMissing.expected'), found: msg('schoolsMissing.found') });
    return { problems: [], rows: new Map(), written: false };
  }
  // Columns with few distinct values are checked once per value (in JS) rather than once per row.
  const dict = spec.layout.fields.filter((f) => spec.types[f.field]!.dictionary);
  const text = (f: string) => ident(`${f}__text`);
  const texts = dict.map((f) => `, trim(${ident(f.field)}) AS ${text(f.field)}`).join('');
  // Fast path: rows whose every field is already canonical and valid (and whose school exists).
  const cleanSql = [
    ...spec.layout.fields.filter((f) => !spec.types[f.field]!.dictionary).map((f) => {
      const c = spec.types[f.field]!.clean;
      const col = ident(f.field);
      if (!c) return `${col} IS NULL`;
      return f.required ? `(${col} IS NOT NULL AND ${c(col)})` : `(${col} IS NULL OR ${c(col)})`;
    }),
    ...spec.layout.fields.filter((f) => f.required && spec.types[f.field]!.dictionary).map((f) => `${ident(f.field)} IS NOT NULL`),
    ...(spec.rules ?? []).map((r) => `NOT coalesce(${r.bad}, false)`),
    ...(spec.refersToSchools && schools === 'ok' ? ['school_code IN (SELECT school_code FROM schools)'] : []),
  ].join(' AND ');
  // The table's own files, and files in another published layout mapped onto its columns (adapt).
  const partOf = (scans: Scan[], adapt: (from: string) => string): Part => ({
    scans,
    stage: (from) => `SELECT *${texts} FROM ${adapt(from)}`,
    quick: (from) => `SELECT *${texts}, coalesce(${cleanSql}, false) AS _clean FROM ${adapt(from)}`,
  });
  const parts: Part[] = [partOf(ownScans, (from) => from), ...(altScans.length ? [partOf(altScans, alternate!.adapt)] : [])].filter((p) => p.scans.length);
  const shared = fieldRules(spec);
  const rules: Rule[] = shared.perLine.map(fieldRuleSql);
  rules.push(...(spec.rules ?? []).map((r): Rule => ({ rule: r.rule, column: r.column, expected: r.expected, bad: r.bad, found: r.found, ...(r.foundIsPhrase ? { foundIsPhrase: true } : {}) })));
  // When schools.csv itself was refused, its errors say so; the references cannot be checked meanwhile.
  if (spec.refersToSchools && schools === 'ok') {
    rules.push({
      rule: 'schoolReference', column: 'school_code', expected: msg('schoolReference.expected'),
      bad: `coalesce(trim(school_code), '') <> '' AND ${spec.types.school_code!.value('trim(school_code)')} NOT IN (SELECT school_code FROM schools)`,
      found: 'school_code',
    });
  }
  const { groups, problems, badFiles, clean } = await checkParts(db, parts, rules, report, dict.map((f) => `${f.field}__text`));
  const rows = new Map<string, number>();
  for (const g of groups) rows.set(String(g.source_file), (rows.get(String(g.source_file)) ?? 0) + Number(g.n));
  for (const s of scans) if (!rows.get(s.csv.file)) report.warn({ rule: 'noRows', file: s.csv.file, line: 1, expected: msg('noRows.expected'), found: msg('noRows.found') });
  const maps = new Map<string, Map<string, string>>();
  for (const f of dict) {
    const map = new Map<string, string>();
    const bad = new Set<string>();
    for (const g of groups) {
      const raw = g[`${f.field}__text`];
      if (raw === null || raw === '') continue;
      const value = spec.types[f.field]!.dictionary!(String(raw));
      if (value === null) bad.add(String(raw));
      else map.set(String(raw), value);
    }
    maps.set(f.field, map);
    if (bad.size) {
      const rule: Rule = { rule: 'invalidValue', column: f.field, expected: spec.types[f.field]!.expected, bad: `${text(f.field)} IN (${[...bad].map(lit).join(', ')})`, found: text(f.field) };
      const files = new Set(groups.filter((g) => bad.has(String(g[`${f.field}__text`]))).map((g) => String(g.source_file)));
      for (const file of files) problems.push(...(await listProblems(db, stagedFileSql(parts, file), [rule], 200)));
    }
  }
  if (problems.length || badFiles.size || !groups.length) return { problems, rows, written: false };
  // Written (to the staging folder) whenever this table is sound, even if another file was refused, so
  // the other tables' school references are still checked and every problem is reported in one run.
  const typedSelect = (stage: (from: string) => string, fast: boolean) => (from: string) => `SELECT ${spec.layout.fields.map((f) => {
    const map = maps.get(f.field);
    const type = spec.types[f.field]!;
    const value = map
      ? (map.size ? `CASE ${text(f.field)} ${[...map].map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`).join(' ')} END` : 'CAST(NULL AS VARCHAR)')
      : fast && type.fast ? type.fast(ident(f.field)) : optionalValue(f.field, type);
    return `${value} AS ${ident(f.field)}`;
  }).join(', ')}, source_file, source_row FROM (${stage(from)})`;
  // Files whose every row was clean are typed by plain casts; the others are trimmed and normalised.
  const typedParts = withCleanFiles(parts.map((p) => ({ scans: p.scans, stage: typedSelect(p.stage, false), quick: typedSelect(p.stage, true) })), clean);
  const derived = Object.entries(spec.derived ?? {}).map(([k, v]) => `${v} AS ${ident(k)}`);
  const select = `SELECT * EXCLUDE (source_row)${derived.length ? `, ${derived.join(', ')}` : ''} FROM (${stagedSql(typedParts)}) ORDER BY ${spec.orderBy}`;
  const out = path.join(dir, id);
  fs.mkdirSync(out, { recursive: true });
  if (id === 'schools') {
    await db.run(`CREATE OR REPLACE TABLE schools AS ${select}`);
    await db.run(`COPY schools TO ${lit(path.join(out, 'data_0.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
  } else {
    const partition = id === 'allocations';
    await db.run(`COPY (${select}) TO ${lit(partition ? out : path.join(out, 'data_0.parquet'))} (FORMAT parquet, COMPRESSION zstd${partition ? ', PARTITION_BY (fiscal_year), WRITE_PARTITION_COLUMNS true, OVERWRITE_OR_IGNORE true' : ''})`);
    await db.run(`CREATE OR REPLACE VIEW ${ident(id)} AS SELECT * FROM read_parquet(${lit(path.join(out, partition ? '*/*.parquet' : '*.parquet'))}, hive_partitioning = false)`);
  }
  problems.push(...(await findDuplicates(db, ident(id), spec.key, spec.keyWhat, typedParts)));
  return { problems, rows, written: true, parts: typedParts };
}
