/**
 * The optional tables of a release: school directory, school allocations, enrollment and demographics,
 * outcomes. Each is described once (columns, types, key, school reference) and run through the same
 * load → check → type steps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCsv, type CsvFile } from './csv-file.ts';
import { ident, type Db } from './db.ts';
import { GRADES, T, type FieldType } from './fields.ts';
import { createStaging, loadCsv, type RowProblem } from './load.ts';
import type { Report } from './report.ts';
import { createTyped, fieldRules, findDuplicates, findProblems, optionalValue, type Rule } from './typed.ts';
import { classifyObjectSql, isRestrictedSql, phaseSql } from '../rules/codes.ts';
import {
  ALLOCATION_BASES, ALLOCATION_COLUMNS, ALLOCATIONS, DEMOGRAPHIC_COUNTS, ENROLLMENT, mapColumns, OUTCOME_MEASURES, OUTCOMES,
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
      found: `trim(${ident(c)}) || ' (enrollment ' || trim(enrollment) || ')'`,
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

/**
 * Loads, checks and types one optional table. Returns row problems (lines resolved later); the typed
 * table is named after the layout (`schools`, `allocations`, …) and exists only when there were rows.
 */
export async function loadTable(db: Db, input: string, spec: TableSpec, report: Report, tmpDir: string, csvs: Map<string, CsvFile>, hasSchools: boolean): Promise<{ problems: RowProblem[]; rows: number }> {
  const id = spec.layout.id;
  const files = tableFiles(input, spec);
  if (!files.length) return { problems: [], rows: 0 };
  const staging = `raw_${id}`;
  await createStaging(db, staging, spec.layout);
  let rows = 0;
  for (const rel of files) {
    const csv = openCsv(path.join(input, rel), rel, report, tmpDir);
    if (!csv) continue;
    csvs.set(rel, csv);
    const map = mapColumns(spec.layout, csv.header);
    for (const m of map.missing) report.error({ file: rel, line: 1, column: m.field, expected: `a column ${m.field} (${spec.layout.title}, see data/README.md)`, found: 'no such column' });
    if (map.missing.length) continue;
    if (map.extra.length) report.warn({ file: rel, line: 1, expected: `only the columns of the ${spec.layout.title}`, found: `extra columns, ignored: ${map.extra.join(', ')}` });
    const n = await loadCsv(db, csv, spec.layout, map, staging, report);
    if (n === 0) report.warn({ file: rel, line: 1, expected: 'data rows after the header', found: 'none; nothing read from this file' });
    rows += n;
    report.files.push({ file: rel, kind: id, encoding: csv.encoding, rows: n, bytes: csv.bytes, sha256: csv.sha256 });
  }
  if (spec.refersToSchools && !hasSchools) {
    report.error({ file: files[0]!, expected: 'schools.csv, the directory its school codes refer to', found: 'no schools.csv in the input folder' });
    return { problems: [], rows };
  }
  const rules: Rule[] = [];
  for (const f of spec.layout.fields) rules.push(...fieldRules(f.field, f.field, spec.types[f.field]!, f.required));
  rules.push(...(spec.rules ?? []));
  if (spec.refersToSchools) {
    rules.push({
      column: 'school_code', expected: 'a school in schools.csv',
      bad: `NOT EXISTS (SELECT 1 FROM schools s WHERE s.school_code = ${spec.types.school_code!.value('trim(school_code)')}) AND coalesce(trim(school_code), '') <> ''`,
      found: 'school_code',
    });
  }
  const { problems, total } = await findProblems(db, staging, rules);
  if (total > problems.length && problems.length) {
    problems.push({ ...problems[problems.length - 1]!, expected: 'valid rows', found: `${total} rows with problems in all; the first ones are listed` });
  }
  if (problems.some((p) => p.severity === 'error')) return { problems, rows };
  const columns: Record<string, string> = {};
  for (const f of spec.layout.fields) columns[f.field] = optionalValue(f.field, spec.types[f.field]!);
  columns.source_file = 'source_file';
  columns.source_row = 'CAST(source_row AS INTEGER)';
  await createTyped(db, staging, `${id}_typed`, columns);
  const derived = Object.entries(spec.derived ?? {}).map(([k, v]) => `${v} AS ${ident(k)}`);
  await db.run(`CREATE OR REPLACE TABLE ${ident(id)} AS SELECT *${derived.length ? `, ${derived.join(', ')}` : ''} FROM ${ident(`${id}_typed`)} ORDER BY ${spec.orderBy}`);
  await db.run(`DROP TABLE ${ident(`${id}_typed`)}`);
  problems.push(...(await findDuplicates(db, id, spec.key, spec.keyWhat)));
  return { problems, rows };
}
