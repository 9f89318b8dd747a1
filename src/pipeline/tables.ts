/**
 * The optional tables of a release: school directory, school allocations, enrollment and demographics,
 * outcomes. Each is described once (columns, types, key, school reference) and run through the same
 * load → check → type steps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCsv, type CsvFile } from './csv-file.ts';
import { ident, lit, type Db } from './db.ts';
import { GRADES, T, type FieldType } from './fields.ts';
import { unionSql, type RowProblem, type Scan } from './load.ts';
import type { Report } from './report.ts';
import { checkParts, fieldRules, findDuplicates, listProblems, optionalValue, stagedFileSql, stagedSql, withCleanFiles, type Part, type Rule } from './typed.ts';
import { classifyObjectSql, isRestrictedSql, phaseSql } from '../rules/codes.ts';
import {
  ALLOCATION_BASES, ALLOCATION_COLUMNS, ALLOCATIONS, CDE_FRPM, DEMOGRAPHIC_COUNTS, ENROLLMENT, mapColumns, OUTCOME_MEASURES, OUTCOMES,
  SCHOOL_TYPES, SCHOOLS, type Layout,
} from '../rules/layouts.ts';

export interface TableSpec {
  layout: Layout;
  /** Files, relative to the input folder: a file name or a folder of CSVs. */
  source: string;
  types: Record<string, FieldType>;
  key: string[];
  keyWhat: string;
  /** Extra rules over the staging table (cross-field checks). */
  rules?: Rule[];
  /** Extra typed columns (SQL over typed columns of the same row). */
  derived?: Record<string, string>;
  orderBy: string;
  refersToSchools: boolean;
}

const code = (w: number, what: string, pattern?: string) => T.code(w, pattern ?? `[0-9]{${w}}`, what);

export const TABLES: Record<'schools' | 'allocations' | 'enrollment' | 'outcomes', TableSpec> = {
  schools: {
    layout: SCHOOLS,
    source: 'schools.csv',
    types: {
      school_code: code(7, 'a 7-digit school code (the school part of the CDS code)'),
      cds_code: code(14, 'a 14-digit CDS code'),
      name: T.text(200),
      type: T.oneOf(SCHOOL_TYPES),
      low_grade: T.oneOf(GRADES, false),
      high_grade: T.oneOf(GRADES, false),
      region: T.text(100),
      address: T.text(200),
      city: T.text(100),
      zip: T.code(5, '[0-9]{5}(-[0-9]{4})?', 'a ZIP code'),
      latitude: T.coordinate(-90, 90),
      longitude: T.coordinate(-180, 180),
      opened: T.fiscalYear(),
      closed: T.fiscalYear(),
      charter: T.oneOf(['Y', 'N'], false),
    },
    key: ['school_code'],
    keyWhat: 'school code',
    orderBy: 'school_code',
    refersToSchools: false,
  },
  allocations: {
    layout: ALLOCATIONS,
    source: 'allocations',
    types: {
      fiscal_year: T.fiscalYear(),
      column_code: T.oneOf(ALLOCATION_COLUMNS, false),
      school_code: code(7, 'a 7-digit school code'),
      fund: code(2, 'a 2-character fund code', '[0-9A-Z]{2}'),
      resource: code(4, 'a 4-character resource code', '[0-9A-Z]{4}'),
      goal: code(4, 'a 4-character goal code', '[0-9A-Z]{4}'),
      function: code(4, 'a 4-character function code', '[0-9A-Z]{4}'),
      object: code(4, 'a 4-character object code', '[0-9A-Z]{4}'),
      amount: T.amount(),
      fte: T.decimal(10, 4, 0, 100000, 'full-time equivalents'),
      basis: T.oneOf(ALLOCATION_BASES),
    },
    key: ['fiscal_year', 'column_code', 'school_code', 'fund', 'resource', 'goal', 'function', 'object', 'basis'],
    keyWhat: 'school, fiscal year, column code, account and basis',
    derived: {
      phase: phaseSql('column_code'),
      object_class: classifyObjectSql('object').cls,
      object_group: classifyObjectSql('object').group,
      restricted: isRestrictedSql('resource'),
    },
    orderBy: 'fiscal_year, column_code, school_code, fund, resource, goal, "function", object, basis',
    refersToSchools: true,
  },
  enrollment: {
    layout: ENROLLMENT,
    source: 'enrollment.csv',
    types: {
      fiscal_year: T.fiscalYear(),
      school_code: code(7, 'a 7-digit school code'),
      enrollment: T.count(),
      ...Object.fromEntries(DEMOGRAPHIC_COUNTS.map((c) => [c, T.count()])),
      need_index: T.decimal(5, 2, 0, 100, 'a need index'),
    },
    key: ['fiscal_year', 'school_code'],
    keyWhat: 'school and fiscal year',
    rules: DEMOGRAPHIC_COUNTS.map((c) => ({
      column: c,
      expected: 'a count no larger than enrollment',
      bad: `TRY_CAST(trim(${ident(c)}) AS BIGINT) > TRY_CAST(trim(enrollment) AS BIGINT)`,
      found: `'"' || trim(${ident(c)}) || '", more than the enrollment of ' || trim(enrollment)`,
      foundIsPhrase: true,
    })),
    orderBy: 'fiscal_year, school_code',
    refersToSchools: true,
  },
  outcomes: {
    layout: OUTCOMES,
    source: 'outcomes.csv',
    types: {
      fiscal_year: T.fiscalYear(),
      school_code: code(7, 'a 7-digit school code'),
      measure: T.oneOf(OUTCOME_MEASURES),
      value: T.decimal(5, 2, 0, 100, 'a percentage'),
      students: T.count(),
    },
    key: ['fiscal_year', 'school_code', 'measure'],
    keyWhat: 'school, fiscal year and measure',
    orderBy: 'measure, fiscal_year, school_code',
    refersToSchools: true,
  },
};

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
    const map = mapColumns(spec.layout, csv.header);
    for (const m of map.missing) report.error({ file: rel, line: 1, column: m.field, expected: `a column ${m.field} (${spec.layout.title}, see data/README.md)`, found: 'no such column' });
    if (map.missing.length) continue;
    if (map.extra.length) report.warn({ file: rel, line: 1, expected: `only the columns of the ${spec.layout.title}`, found: `extra columns, ignored: ${map.extra.join(', ')}` });
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
    const map = mapColumns(CDE_FRPM, csv.header);
    if (map.missing.length) {
      report.error({ file: rel, line: 1, expected: `a state file in a layout the portal reads: the ${CDE_FRPM.title} (${CDE_FRPM.fields.filter((f) => f.required).map((f) => f.headers[0]).join(', ')})`, found: `no column ${map.missing.map((m) => m.headers[0]).join(', ')}` });
      continue;
    }
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
    for (const s of scans) report.warn({ file: s.csv.file, expected: 'a state FRPM file only when there is no enrollment.csv', found: 'an enrollment.csv too; this file is not used' });
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
    report.warn({ file: l.source_file, expected: `rows for this district's schools in schools.csv${district ? ` (CDS ${district})` : ''}`, found: `${l.n} rows for other schools or districts (charters, closed schools); not used` });
  }
  return {
    scans,
    adapt: (from) => `(SELECT source_file, source_row, academic_year AS fiscal_year, school_code, k12_enrollment AS enrollment, frpm_count AS low_income,
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
    report.error({ file: scans[0]!.csv.file, expected: 'schools.csv, the directory its school codes refer to', found: 'no schools.csv in the input folder' });
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
  const rules: Rule[] = [];
  for (const f of spec.layout.fields) {
    const r = fieldRules(f.field, f.field, spec.types[f.field]!, f.required);
    rules.push(...(spec.types[f.field]!.dictionary ? r.filter((x) => x.found === "''") : r));
  }
  rules.push(...(spec.rules ?? []));
  // When schools.csv itself was refused, its errors say so; the references cannot be checked meanwhile.
  if (spec.refersToSchools && schools === 'ok') {
    rules.push({
      column: 'school_code', expected: 'a school in schools.csv',
      bad: `coalesce(trim(school_code), '') <> '' AND ${spec.types.school_code!.value('trim(school_code)')} NOT IN (SELECT school_code FROM schools)`,
      found: 'school_code',
    });
  }
  const { groups, problems, badFiles, clean } = await checkParts(db, parts, rules, report, dict.map((f) => `${f.field}__text`));
  const rows = new Map<string, number>();
  for (const g of groups) rows.set(String(g.source_file), (rows.get(String(g.source_file)) ?? 0) + Number(g.n));
  for (const s of scans) if (!rows.get(s.csv.file)) report.warn({ file: s.csv.file, line: 1, expected: 'data rows after the header', found: 'none; nothing read from this file' });
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
      const rule: Rule = { column: f.field, expected: spec.types[f.field]!.expected, bad: `${text(f.field)} IN (${[...bad].map(lit).join(', ')})`, found: text(f.field) };
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
