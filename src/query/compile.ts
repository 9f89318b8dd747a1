/**
 * A valid view spec → parameterized SQL over the release's tables (views named line_items, allocations,
 * schools, enrollment). Identifiers come only from the allow-list below, never from the spec's values;
 * every value is a positional `?` parameter (accepted by native DuckDB and DuckDB-WASM 1.28 alike), and
 * the parameters are listed in the order their `?` appear in the text.
 * Amounts are summed as DECIMAL and returned as exact strings; ratios are rounded in SQL to a DECIMAL and
 * returned as strings, so both engines give the same text. For speed in the browser, a single value is
 * compared with `=` (pushed into the scan; a list uses IN), and allocations are summed per school before
 * they are joined to schools and bands (see Aggregated). Rows are ordered by every breakdown, and a
 * view returns at most MAX_RESULT_ROWS + 1 rows (one more than is shown, to tell that there were more).
 * No Node APIs.
 */
import {
  ACTUAL_COLUMN, BAND_DIMENSIONS, BUDGET_COLUMN, MAX_RESULT_ROWS, MAX_UNDERLYING_ROWS, SCHOOL_DIMENSIONS, previousFiscalYear,
  type BandDimension, type Dimension, type ViewSpec,
} from './spec.ts';

export type ColumnKind = 'dimension' | 'amount' | 'percent' | 'count' | 'decimal' | 'boolean';

export interface Compiled {
  sql: string;
  params: (string | boolean)[];
  /** Result columns in order: breakdowns, then values (every value is a string or null). */
  columns: { name: string; kind: ColumnKind }[];
  /** Rows beyond this many are cut off (the SQL returns at most limit + 1 rows). */
  limit: number;
}

/** The only SQL expressions a dimension can become (t = the fact table, s = schools, nb/lib/elb/dib = bands). */
const DIMENSION_SQL: Record<Dimension, string> = {
  fiscal_year: 't.fiscal_year',
  column_code: 't.column_code',
  phase: 't.phase',
  fund: 't.fund',
  resource: 't.resource',
  goal: 't.goal',
  function: 't."function"',
  object: 't.object',
  object_group: 't.object_group',
  object_class: 't.object_class',
  restricted: 't.restricted',
  school_code: 't.school_code',
  region: 's.region',
  school_type: 's."type"',
  basis: 't.basis',
  need_band: 'nb.band',
  low_income_band: 'lib.band',
  english_learners_band: 'elb.band',
  disabilities_band: 'dib.band',
};
/** The same school dimensions in the enrollment side of per-pupil (en = enrollment, s = schools, bands). */
const ENROLLMENT_SQL: Partial<Record<Dimension, string>> = {
  fiscal_year: 'en.fiscal_year',
  school_code: 'en.school_code',
  region: 's.region',
  school_type: 's."type"',
  need_band: 'nb.band',
  low_income_band: 'lib.band',
  english_learners_band: 'elb.band',
  disabilities_band: 'dib.band',
};

/** Each school band: its CTE, its alias, and the per-school value it cuts into quarters (see spec.ts). */
const BANDS: Record<BandDimension, { cte: string; alias: string; value: string; where: string }> = {
  need_band: { cte: 'band_need', alias: 'nb', value: 'CAST(need_index AS DOUBLE)', where: 'need_index IS NOT NULL' },
  low_income_band: { cte: 'band_low_income', alias: 'lib', value: 'CAST(low_income AS DOUBLE) / enrollment', where: 'low_income IS NOT NULL AND enrollment > 0' },
  english_learners_band: { cte: 'band_english_learners', alias: 'elb', value: 'CAST(english_learners AS DOUBLE) / enrollment', where: 'english_learners IS NOT NULL AND enrollment > 0' },
  disabilities_band: { cte: 'band_disabilities', alias: 'dib', value: 'CAST(students_with_disabilities AS DOUBLE) / enrollment', where: 'students_with_disabilities IS NOT NULL AND enrollment > 0' },
};

/** The CTEs of one band: the banding year's values, and each school's band "1"…"4". */
function bandCtes(d: BandDimension): string[] {
  const b = BANDS[d];
  return [
    `${b.cte}_v AS (
SELECT school_code, ${b.value} AS x
FROM enrollment
WHERE ${b.where} AND fiscal_year = (SELECT max(fiscal_year) FROM enrollment WHERE ${b.where})
)`,
    `${b.cte} AS MATERIALIZED (
SELECT v.school_code, CASE WHEN v.x <= c.q[1] THEN '1' WHEN v.x <= c.q[2] THEN '2' WHEN v.x <= c.q[3] THEN '3' ELSE '4' END AS band
FROM ${b.cte}_v AS v, (SELECT quantile_cont(x, [0.25, 0.5, 0.75]) AS q FROM ${b.cte}_v) AS c
)`,
  ];
}

const TABLE_SQL = { line_items: 'line_items', allocations: 'allocations' } as const;

const dec = (expr: string, scale: number) => `CAST(CAST(${expr} AS DECIMAL(18,${scale})) AS VARCHAR)`;
const str = (expr: string) => `CAST(${expr} AS VARCHAR)`;
const col = (d: string) => (d === 'function' ? '"function"' : d);

/**
 * Values go in through `bind`, which returns a marker; `finish` turns the markers into `?` and lists the
 * values in the order the markers appear in the text, whatever order the pieces were built in.
 */
function binder() {
  const values: (string | boolean)[] = [];
  const bind = (v: string | boolean) => {
    values.push(v);
    return `\u0000${values.length - 1}\u0000`;
  };
  const finish = (text: string) => {
    const params: (string | boolean)[] = [];
    const sql = text.replace(/\u0000(\d+)\u0000/g, (_, i: string) => {
      params.push(values[Number(i)]!);
      return '?';
    });
    return { sql, params };
  };
  return { bind, finish };
}
type Bind = (v: string | boolean) => string;

/** `expr = ?` for one value (a comparison the engines can push into the Parquet scan), else `expr IN (?, …)`. */
const inList = (bind: Bind, d: Dimension, values: string[], expr: string) => {
  const params = values.map((v) => (d === 'restricted' ? `CAST(${bind(v)} AS BOOLEAN)` : bind(v)));
  return params.length === 1 ? `${expr} = ${params[0]}` : `${expr} IN (${params.join(', ')})`;
};

const bandsUsed = (dims: Iterable<string>): BandDimension[] => {
  const set = new Set(dims);
  return BAND_DIMENSIONS.filter((d) => set.has(d));
};
const usesSchools = (dims: Iterable<string>) => [...dims].some((d) => d === 'region' || d === 'school_type');

/** LEFT JOINs for the school and band dimensions in `dims`, keyed on `key` (t.school_code or en.school_code). */
function schoolJoins(dims: Iterable<string>, key: string): string {
  const list = [...dims];
  let out = usesSchools(list) ? ` LEFT JOIN schools AS s ON s.school_code = ${key}` : '';
  for (const d of bandsUsed(list)) out += ` LEFT JOIN ${BANDS[d].cte} AS ${BANDS[d].alias} ON ${BANDS[d].alias}.school_code = ${key}`;
  return out;
}

interface Fact {
  /** CTEs the query needs before its own (bands, similar schools, pre-aggregated lines). */
  ctes: string[];
  from: string;
  where: string[];
  /** The line count of a group: count(*), or the sum of the pre-aggregated counts. */
  lineCount: string;
}

/**
 * How a view reads its lines when it only sums them (compileSpec; the underlying rows read every line):
 * - with school or band dimensions, the allocations are first summed per school and `keys` (the fact
 *   columns the view groups or compares by: a few thousand sums instead of every line), and only those
 *   sums are joined to the schools and bands: the same totals (DECIMAL sums are exact), far fewer joins;
 * - similar schools: the lines are joined once to the compared schools (`c.is_school` tells the side).
 */
interface Aggregated {
  keys: Dimension[];
}

/** The fact table of a view with its joins and WHERE conditions (shared by the view and its underlying rows). */
function fact(spec: ViewSpec, bind: Bind, extraDims: readonly string[] = [], aggregated?: Aggregated): Fact {
  const similar = spec.compare === 'similar_schools';
  const dims = [...spec.by, ...Object.keys(spec.filters).filter((d) => !(similar && d === 'school_code')), ...extraDims];
  const bands = bandsUsed(similar ? [...dims, 'need_band'] : dims);
  const ctes = bands.flatMap(bandCtes);
  const where: string[] = [];
  /** Conditions on school and band columns (the rest are on the fact table's own columns). */
  const schoolWhere: string[] = [];
  if (spec.table === 'line_items' && spec.latestOnly) where.push('t.is_latest');
  const yearVsYear = spec.compare === 'year_vs_year';
  for (const [d, values] of Object.entries(spec.filters) as [Dimension, string[]][]) {
    if (!values.length) continue;
    if (d === 'fiscal_year' && yearVsYear) {
      const current = values[0] ?? '';
      where.push(`t.fiscal_year IN (${bind(current)}, ${bind(previousFiscalYear(current) ?? '')})`);
      continue;
    }
    if (similar && d === 'school_code') continue;
    (DIMENSION_SQL[d].startsWith('t.') ? where : schoolWhere).push(inList(bind, d, values, DIMENSION_SQL[d]));
  }
  if (spec.compare === 'budget_vs_actual') where.push(`t.column_code IN (${bind(BUDGET_COLUMN)}, ${bind(ACTUAL_COLUMN)})`);
  if (similar) {
    ctes.push(
      `target AS MATERIALIZED (
SELECT s.school_code, s."type" AS school_type, nb.band AS need_band
FROM schools AS s LEFT JOIN band_need AS nb ON nb.school_code = s.school_code
WHERE s.school_code = ${bind(spec.filters.school_code?.[0] ?? '')}
)`,
      `peers AS MATERIALIZED (
SELECT s.school_code
FROM schools AS s JOIN band_need AS nb ON nb.school_code = s.school_code JOIN target AS tg ON s."type" = tg.school_type AND nb.band = tg.need_band
WHERE s.school_code <> tg.school_code
)`,
    );
    if (!aggregated) where.push('(t.school_code IN (SELECT school_code FROM target) OR t.school_code IN (SELECT school_code FROM peers))');
    else {
      ctes.push(`compared AS MATERIALIZED (
SELECT school_code, bool_or(is_school) AS is_school
FROM (SELECT school_code, true AS is_school FROM target UNION ALL SELECT school_code, false AS is_school FROM peers) AS u
GROUP BY 1
)`);
    }
  }
  const joins = schoolJoins(dims.filter((d) => d !== 'school_code'), 't.school_code');
  const table = TABLE_SQL[spec.table];
  if (aggregated && similar) {
    return { ctes, from: `${table} AS t JOIN compared AS c ON c.school_code = t.school_code${joins}`, where: [...where, ...schoolWhere], lineCount: 'count(*)' };
  }
  if (aggregated && joins && spec.table === 'allocations') {
    // Sum per school first, then join the few thousand sums to the schools and bands.
    const cols = [...new Set<Dimension>([...aggregated.keys.filter((d) => DIMENSION_SQL[d].startsWith('t.')), 'school_code'])];
    const select = cols.map((d) => `${DIMENSION_SQL[d]} AS ${col(d)}`);
    ctes.push(`lines AS (
SELECT ${[...select, 'sum(t.amount) AS amount', 'count(*) AS line_count'].join(', ')}
FROM ${table} AS t${whereSql(where)}
GROUP BY ${cols.map((_, i) => i + 1).join(', ')}
)`);
    return { ctes, from: `lines AS t${joins}`, where: schoolWhere, lineCount: 'sum(t.line_count)' };
  }
  return { ctes, from: `${table} AS t${joins}`, where: [...where, ...schoolWhere], lineCount: 'count(*)' };
}

const whereSql = (where: string[]) => (where.length ? `\nWHERE ${where.join('\n  AND ')}` : '');
const withSql = (ctes: string[]) => `WITH ${ctes.join(',\n')}`;

export function compileSpec(spec: ViewSpec): Compiled {
  const { bind, finish } = binder();
  const limit = MAX_RESULT_ROWS;
  const limitSql = `\nLIMIT ${limit + 1}`;
  const yearVsYear = spec.compare === 'year_vs_year';
  const current = spec.filters.fiscal_year?.[0] ?? '';
  const previous = previousFiscalYear(current) ?? '';

  // Internal group keys: the breakdowns, plus fiscal_year when a measure needs it per year.
  const needsYear = spec.measure === 'per_pupil' && !spec.by.includes('fiscal_year');
  const keys: Dimension[] = needsYear ? [...spec.by, 'fiscal_year'] : [...spec.by];
  const compareKey: Dimension[] = yearVsYear ? ['fiscal_year'] : spec.compare === 'budget_vs_actual' ? ['column_code'] : [];
  const f = fact(spec, bind, [], { keys: [...keys, ...compareKey] });
  const keySelect = keys.map((d) => `${DIMENSION_SQL[d]} AS ${col(d)}`);
  const groupBy = keys.length ? `\nGROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : '';
  const order = (prefix: string) => (spec.by.length ? `\nORDER BY ${spec.by.map((d) => `${prefix}${col(d)} ASC NULLS LAST`).join(', ')}` : '');
  const orderBy = order('');
  const dims = spec.by.map((d) => ({ name: d as string, kind: 'dimension' as const }));
  const done = (text: string, columns: Compiled['columns']): Compiled => ({ ...finish(text), columns, limit });

  if (spec.compare === 'budget_vs_actual' || yearVsYear) {
    const [a, b, an, bn] = yearVsYear
      ? [`t.fiscal_year = ${bind(current)}`, `t.fiscal_year = ${bind(previous)}`, 'current', 'previous']
      : [`t.column_code = ${bind(BUDGET_COLUMN)}`, `t.column_code = ${bind(ACTUAL_COLUMN)}`, 'budget', 'actual'];
    const diff = yearVsYear ? 'change' : 'difference';
    const [x, y] = yearVsYear ? [an, bn] : [bn, an]; // change = current − previous; difference = actual − budget
    const base = `base AS (
SELECT ${[...keySelect, `sum(t.amount) FILTER (WHERE ${a}) AS ${an}`, `sum(t.amount) FILTER (WHERE ${b}) AS ${bn}`].join(',\n  ')}
FROM ${f.from}${whereSql(f.where)}${groupBy}
)`;
    const sql = `${withSql([...f.ctes, base])}
SELECT ${[...spec.by.map(col), str(an) + ` AS ${an}`, str(bn) + ` AS ${bn}`, `${str(`coalesce(${x}, 0) - coalesce(${y}, 0)`)} AS ${diff}`].join(', ')}
FROM base${orderBy}${limitSql}`;
    return done(sql, [...dims, { name: an, kind: 'amount' }, { name: bn, kind: 'amount' }, { name: diff, kind: 'amount' }]);
  }

  if (spec.compare === 'similar_schools') {
    const base = `base AS (
SELECT ${[...keySelect, 'c.is_school AS is_school', 'sum(t.amount) AS amount'].join(',\n  ')}
FROM ${f.from}${whereSql(f.where)}
GROUP BY ${[...keys.map((_, i) => i + 1), keys.length + 1].join(', ')}
)`;
    const pivot = `sides AS (
SELECT ${[...keys.map(col), 'sum(amount) FILTER (WHERE is_school) AS school_amount', 'sum(amount) FILTER (WHERE NOT is_school) AS similar_amount'].join(', ')}
FROM base${keys.length ? `\nGROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : ''}
)`;
    const enWhere: string[] = [];
    const fy = spec.filters.fiscal_year;
    if (fy?.length) enWhere.push(inList(bind, 'fiscal_year', fy, 'en.fiscal_year'));
    const en = `en AS (
SELECT en.fiscal_year,
  sum(en.enrollment) FILTER (WHERE en.school_code IN (SELECT school_code FROM target)) AS school_enrollment,
  sum(en.enrollment) FILTER (WHERE en.school_code IN (SELECT school_code FROM peers)) AS similar_enrollment,
  count(*) FILTER (WHERE en.school_code IN (SELECT school_code FROM peers) AND en.enrollment > 0) AS similar_schools
FROM enrollment AS en${whereSql(enWhere)}
GROUP BY 1
)`;
    const sp = 'round(CAST(b.school_amount AS DOUBLE) / NULLIF(e.school_enrollment, 0), 2)';
    const op = 'round(CAST(b.similar_amount AS DOUBLE) / NULLIF(e.similar_enrollment, 0), 2)';
    const cols = [
      `${str('b.school_amount')} AS school_amount`, `${str('e.school_enrollment')} AS school_enrollment`, `${dec(sp, 2)} AS school_per_pupil`,
      `${str('b.similar_amount')} AS similar_amount`, `${str('e.similar_enrollment')} AS similar_enrollment`, `${str('e.similar_schools')} AS similar_schools`,
      `${dec(op, 2)} AS similar_per_pupil`, `${dec(`${sp} - ${op}`, 2)} AS difference`,
    ];
    const sql = `${withSql([...f.ctes, base, pivot, en])}
SELECT ${[...spec.by.map((d) => `b.${col(d)}`), ...cols].join(', ')}
FROM sides AS b LEFT JOIN en AS e ON e.fiscal_year = b.fiscal_year${order('b.')}${limitSql}`;
    return done(sql, [
      ...dims,
      { name: 'school_amount', kind: 'amount' }, { name: 'school_enrollment', kind: 'count' }, { name: 'school_per_pupil', kind: 'amount' },
      { name: 'similar_amount', kind: 'amount' }, { name: 'similar_enrollment', kind: 'count' }, { name: 'similar_schools', kind: 'count' },
      { name: 'similar_per_pupil', kind: 'amount' }, { name: 'difference', kind: 'amount' },
    ]);
  }

  const base = `base AS (
SELECT ${[...keySelect, 'sum(t.amount) AS amount', `${f.lineCount} AS line_count`].join(',\n  ')}
FROM ${f.from}${whereSql(f.where)}${groupBy}
)`;
  const out = spec.by.map((d) => `b.${col(d)}`);
  const amountCols = [`${str('b.amount')} AS amount`, `${str('b.line_count')} AS line_count`];
  const amountMeta = [{ name: 'amount', kind: 'amount' as const }, { name: 'line_count', kind: 'count' as const }];

  if (spec.measure === 'amount') {
    return done(`${withSql([...f.ctes, base])}\nSELECT ${[...out, ...amountCols].join(', ')}\nFROM base AS b${orderBy}${limitSql}`, [...dims, ...amountMeta]);
  }
  if (spec.measure === 'share') {
    // Share of the view's total; with two breakdowns, share within each value of the first.
    const first = spec.by[0];
    const over = spec.by.length === 2 && first ? `PARTITION BY b.${col(first)}` : '';
    const share = dec(`round(100 * CAST(b.amount AS DOUBLE) / NULLIF(CAST(sum(b.amount) OVER (${over}) AS DOUBLE), 0), 4)`, 4);
    return done(`${withSql([...f.ctes, base])}\nSELECT ${[...out, ...amountCols, `${share} AS share_pct`].join(', ')}\nFROM base AS b${orderBy}${limitSql}`, [
      ...dims, ...amountMeta, { name: 'share_pct', kind: 'percent' },
    ]);
  }
  if (spec.measure === 'change') {
    // The year before is the same CTE joined to itself: computed once.
    const baseOnce = base.replace(/^base AS \(/, 'base AS MATERIALIZED (');
    const others = spec.by.filter((d) => d !== 'fiscal_year');
    const prevFy = `printf('%04d-%02d', CAST(left(b.fiscal_year, 4) AS INTEGER) - 1, CAST(left(b.fiscal_year, 4) AS INTEGER) % 100)`;
    const on = [`p.fiscal_year = ${prevFy}`, ...others.map((d) => `p.${col(d)} IS NOT DISTINCT FROM b.${col(d)}`)].join(' AND ');
    const cols = [...amountCols, `${str('p.amount')} AS previous`, `${str('b.amount - p.amount')} AS change`,
      `${dec('round(100 * CAST(b.amount - p.amount AS DOUBLE) / NULLIF(abs(CAST(p.amount AS DOUBLE)), 0), 4)', 4)} AS change_pct`];
    return done(`${withSql([...f.ctes, baseOnce])}\nSELECT ${[...out, ...cols].join(', ')}\nFROM base AS b LEFT JOIN base AS p ON ${on}${order('b.')}${limitSql}`, [
      ...dims, ...amountMeta, { name: 'previous', kind: 'amount' }, { name: 'change', kind: 'amount' }, { name: 'change_pct', kind: 'percent' },
    ]);
  }
  // per_pupil: enrollment of the schools in each group and year (district-wide for line items).
  const enKeys: Dimension[] = keys.filter((d) => d === 'fiscal_year' || SCHOOL_DIMENSIONS.includes(d));
  const enWhere: string[] = [];
  for (const [d, values] of Object.entries(spec.filters) as [Dimension, string[]][]) {
    const e = ENROLLMENT_SQL[d];
    if (e && values.length) enWhere.push(inList(bind, d, values, e));
  }
  const enDims = [...enKeys, ...Object.keys(spec.filters)].filter((d) => d !== 'school_code' && d !== 'fiscal_year');
  const en = `en AS (
SELECT ${[...enKeys.map((d) => `${ENROLLMENT_SQL[d]} AS ${d}`), 'sum(en.enrollment) AS enrollment'].join(', ')}
FROM enrollment AS en${schoolJoins(enDims, 'en.school_code')}${enWhere.length ? `\nWHERE ${enWhere.join(' AND ')}` : ''}
GROUP BY ${enKeys.map((_, i) => i + 1).join(', ')}
)`;
  const on = enKeys.map((d) => `e.${d} IS NOT DISTINCT FROM b.${d}`).join(' AND ');
  const perPupil = dec('round(CAST(b.amount AS DOUBLE) / NULLIF(e.enrollment, 0), 2)', 2);
  return done(
    `${withSql([...f.ctes, base, en])}\nSELECT ${[...out, ...amountCols, `${str('e.enrollment')} AS enrollment`, `${perPupil} AS per_pupil`].join(', ')}\nFROM base AS b LEFT JOIN en AS e ON ${on}${order('b.')}${limitSql}`,
    [...dims, ...amountMeta, { name: 'enrollment', kind: 'count' }, { name: 'per_pupil', kind: 'amount' }],
  );
}

/** The columns of the underlying rows of each table, in order, as (SQL expression, name, kind). */
const ROW_COLUMNS: Record<ViewSpec['table'], [string, string, ColumnKind][]> = {
  line_items: [
    ['t.fiscal_year', 'fiscal_year', 'dimension'], ['t.column_code', 'column_code', 'dimension'], ['t.phase', 'phase', 'dimension'],
    ['t.reporting_period', 'reporting_period', 'dimension'], ['t.submission_id', 'submission_id', 'dimension'], ['t.is_latest', 'is_latest', 'boolean'],
    ['t.fund', 'fund', 'dimension'], ['t.resource', 'resource', 'dimension'], ['t.project_year', 'project_year', 'dimension'],
    ['t.goal', 'goal', 'dimension'], ['t."function"', 'function', 'dimension'], ['t.object', 'object', 'dimension'],
    ['t.object_class', 'object_class', 'dimension'], ['t.object_group', 'object_group', 'dimension'], ['t.restricted', 'restricted', 'boolean'],
    ['t.amount', 'amount', 'amount'],
  ],
  allocations: [
    ['t.fiscal_year', 'fiscal_year', 'dimension'], ['t.column_code', 'column_code', 'dimension'], ['t.phase', 'phase', 'dimension'],
    ['t.school_code', 'school_code', 'dimension'], ['t.fund', 'fund', 'dimension'], ['t.resource', 'resource', 'dimension'],
    ['t.goal', 'goal', 'dimension'], ['t."function"', 'function', 'dimension'], ['t.object', 'object', 'dimension'],
    ['t.object_class', 'object_class', 'dimension'], ['t.object_group', 'object_group', 'dimension'], ['t.restricted', 'restricted', 'boolean'],
    ['t.basis', 'basis', 'dimension'], ['t.amount', 'amount', 'amount'], ['t.fte', 'fte', 'decimal'],
  ],
};

/**
 * The underlying rows of a view: the fact table's lines that the view adds up (same filters, joins and
 * compare), with the school and band columns the view uses, every value as text, in a fixed order, at
 * most MAX_UNDERLYING_ROWS + 1 of them.
 */
export function compileRows(spec: ViewSpec, limit = MAX_UNDERLYING_ROWS): Compiled {
  const { bind, finish } = binder();
  const extra: Dimension[] = [];
  for (const d of [...spec.by, ...(Object.keys(spec.filters) as Dimension[])]) {
    if (SCHOOL_DIMENSIONS.includes(d) && d !== 'school_code' && !extra.includes(d)) extra.push(d);
  }
  const similar = spec.compare === 'similar_schools';
  if (similar && !extra.includes('need_band')) extra.push('need_band');
  if (similar && !extra.includes('school_type')) extra.push('school_type');
  const f = fact(spec, bind, extra);
  const base = ROW_COLUMNS[spec.table];
  const cols: [string, string, ColumnKind][] = [...base, ...extra.map((d): [string, string, ColumnKind] => [DIMENSION_SQL[d], d, 'dimension'])];
  if (similar) cols.push(["CASE WHEN t.school_code IN (SELECT school_code FROM target) THEN 'school' ELSE 'similar' END", 'comparison', 'dimension']);
  const select = cols.map(([expr, name]) => `${str(expr)} AS ${col(name)}`).join(',\n  ');
  const orderCols = base.filter(([, , kind]) => kind !== 'amount' && kind !== 'decimal').map(([expr]) => `${expr} ASC NULLS LAST`);
  const sql = `${f.ctes.length ? `${withSql(f.ctes)}\n` : ''}SELECT ${select}
FROM ${f.from}${whereSql(f.where)}
ORDER BY ${[...orderCols, 't.amount ASC NULLS LAST'].join(', ')}
LIMIT ${limit + 1}`;
  return { ...finish(sql), columns: cols.map(([, name, kind]) => ({ name, kind })), limit };
}

/** How many underlying rows a view has (for "showing the first N of M"). */
export function compileRowCount(spec: ViewSpec): { sql: string; params: (string | boolean)[] } {
  const { bind, finish } = binder();
  const f = fact(spec, bind);
  return finish(`${f.ctes.length ? `${withSql(f.ctes)}\n` : ''}SELECT CAST(count(*) AS VARCHAR) AS n\nFROM ${f.from}${whereSql(f.where)}`);
}

/** SQL that types a compiled query's text columns for a typed file (Parquet): amounts as DECIMAL, counts as BIGINT. */
export function typedSelect(compiled: Pick<Compiled, 'sql' | 'columns'>): string {
  const cast = (name: string, kind: ColumnKind) => {
    const c = `q.${col(name)}`;
    switch (kind) {
      case 'amount': return `CAST(${c} AS DECIMAL(18,2)) AS ${col(name)}`;
      case 'percent': return `CAST(${c} AS DECIMAL(18,4)) AS ${col(name)}`;
      case 'decimal': return `CAST(${c} AS DECIMAL(18,4)) AS ${col(name)}`;
      case 'count': return `CAST(${c} AS BIGINT) AS ${col(name)}`;
      case 'boolean': return `CAST(${c} AS BOOLEAN) AS ${col(name)}`;
      default: return c;
    }
  };
  return `SELECT ${compiled.columns.map((c) => cast(c.name, c.kind)).join(', ')}\nFROM (\n${compiled.sql}\n) AS q`;
}
