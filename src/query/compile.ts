/**
 * A valid view spec → parameterized SQL over the release's tables (views named line_items, allocations,
 * schools, enrollment). Identifiers come only from the allow-list below, never from the spec's values;
 * every value is a positional `?` parameter (accepted by native DuckDB and DuckDB-WASM 1.28 alike).
 * Amounts are summed as DECIMAL and returned as exact strings; ratios are rounded in SQL to a DECIMAL and
 * returned as strings, so both engines give the same text. Rows are ordered by every breakdown.
 * No Node APIs.
 */
import { ACTUAL_COLUMN, BUDGET_COLUMN, SCHOOL_DIMENSIONS, previousFiscalYear, type Dimension, type ViewSpec } from './spec.ts';

export interface Compiled {
  sql: string;
  params: (string | boolean)[];
  /** Result columns in order: breakdowns, then values (all values are decimal strings or null). */
  columns: { name: string; kind: 'dimension' | 'amount' | 'percent' | 'count' }[];
}

/** The only SQL expressions a dimension can become (t = the fact table, s = schools). */
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
};
/** The same school dimensions in the enrollment side of per-pupil (en = enrollment, s = schools). */
const ENROLLMENT_SQL: Partial<Record<Dimension, string>> = {
  fiscal_year: 'en.fiscal_year',
  school_code: 'en.school_code',
  region: 's.region',
  school_type: 's."type"',
};

const TABLE_SQL = { line_items: 'line_items', allocations: 'allocations' } as const;

const dec = (expr: string, scale: number) => `CAST(CAST(${expr} AS DECIMAL(18,${scale})) AS VARCHAR)`;
const str = (expr: string) => `CAST(${expr} AS VARCHAR)`;

export function compileSpec(spec: ViewSpec): Compiled {
  const params: (string | boolean)[] = [];
  const bind = (v: string | boolean) => { params.push(v); return '?'; };

  // WHERE: one IN list per filter, values bound.
  const where: string[] = [];
  if (spec.table === 'line_items' && spec.latestOnly) where.push('t.is_latest');
  const filterSql = (d: Dimension, values: string[], expr: string) =>
    d === 'restricted'
      ? `${expr} IN (${values.map((v) => `CAST(${bind(v)} AS BOOLEAN)`).join(', ')})`
      : `${expr} IN (${values.map((v) => bind(v)).join(', ')})`;

  const yearVsYear = spec.compare === 'year_vs_year';
  const current = spec.filters.fiscal_year?.[0] ?? '';
  const previous = previousFiscalYear(current) ?? '';
  for (const [d, values] of Object.entries(spec.filters) as [Dimension, string[]][]) {
    if (!values.length) continue;
    if (d === 'fiscal_year' && yearVsYear) { where.push(`t.fiscal_year IN (${bind(current)}, ${bind(previous)})`); continue; }
    where.push(filterSql(d, values, DIMENSION_SQL[d]));
  }
  if (spec.compare === 'budget_vs_actual') where.push(`t.column_code IN (${bind(BUDGET_COLUMN)}, ${bind(ACTUAL_COLUMN)})`);

  const usesSchools = [...spec.by, ...Object.keys(spec.filters)].some((d) => d === 'region' || d === 'school_type');
  const from = `${TABLE_SQL[spec.table]} AS t${usesSchools ? ' LEFT JOIN schools AS s ON s.school_code = t.school_code' : ''}`;
  const whereSql = where.length ? `\nWHERE ${where.join('\n  AND ')}` : '';

  // Internal group keys: the breakdowns, plus fiscal_year when a measure needs it per year.
  const needsYear = spec.measure === 'per_pupil' && !spec.by.includes('fiscal_year');
  const keys: Dimension[] = needsYear ? [...spec.by, 'fiscal_year'] : [...spec.by];
  const keySelect = keys.map((d) => `${DIMENSION_SQL[d]} AS ${d === 'function' ? '"function"' : d}`);
  const col = (d: Dimension) => (d === 'function' ? '"function"' : d);
  const groupBy = keys.length ? `\nGROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : '';
  const order = (prefix: string) => (spec.by.length ? `\nORDER BY ${spec.by.map((d) => `${prefix}${col(d)} ASC NULLS LAST`).join(', ')}` : '');
  const orderBy = order('');
  const dims = spec.by.map((d) => ({ name: d as string, kind: 'dimension' as const }));

  if (spec.compare === 'budget_vs_actual' || yearVsYear) {
    const [a, b, an, bn] = yearVsYear
      ? [`t.fiscal_year = ${bind(current)}`, `t.fiscal_year = ${bind(previous)}`, 'current', 'previous']
      : [`t.column_code = ${bind(BUDGET_COLUMN)}`, `t.column_code = ${bind(ACTUAL_COLUMN)}`, 'budget', 'actual'];
    // The FILTER parameters come after the WHERE parameters in the text, so bind order must follow the text.
    const filterParams = params.splice(params.length - 2, 2);
    params.unshift(...filterParams);
    const diff = yearVsYear ? 'change' : 'difference';
    const [x, y] = yearVsYear ? [an, bn] : [bn, an]; // change = current − previous; difference = actual − budget
    const sql = `WITH base AS (
SELECT ${[...keySelect, `sum(t.amount) FILTER (WHERE ${a}) AS ${an}`, `sum(t.amount) FILTER (WHERE ${b}) AS ${bn}`].join(',\n  ')}
FROM ${from}${whereSql}${groupBy}
)
SELECT ${[...spec.by.map(col), str(an) + ` AS ${an}`, str(bn) + ` AS ${bn}`, `${str(`coalesce(${x}, 0) - coalesce(${y}, 0)`)} AS ${diff}`].join(', ')}
FROM base${orderBy}`;
    return { sql, params, columns: [...dims, { name: an, kind: 'amount' }, { name: bn, kind: 'amount' }, { name: diff, kind: 'amount' }] };
  }

  const baseSql = `WITH base AS (
SELECT ${[...keySelect, 'sum(t.amount) AS amount', 'count(*) AS line_count'].join(',\n  ')}
FROM ${from}${whereSql}${groupBy}
)`;
  const out = spec.by.map((d) => `b.${col(d)}`);
  const amountCols = [`${str('b.amount')} AS amount`, `${str('b.line_count')} AS line_count`];
  const amountMeta = [{ name: 'amount', kind: 'amount' as const }, { name: 'line_count', kind: 'count' as const }];

  if (spec.measure === 'amount') {
    return { sql: `${baseSql}\nSELECT ${[...out, ...amountCols].join(', ')}\nFROM base AS b${orderBy}`, params, columns: [...dims, ...amountMeta] };
  }
  if (spec.measure === 'share') {
    // Share of the view's total; with two breakdowns, share within each value of the first.
    const first = spec.by[0];
    const over = spec.by.length === 2 && first ? `PARTITION BY b.${col(first)}` : '';
    const share = dec(`round(100 * CAST(b.amount AS DOUBLE) / NULLIF(CAST(sum(b.amount) OVER (${over}) AS DOUBLE), 0), 4)`, 4);
    return { sql: `${baseSql}\nSELECT ${[...out, ...amountCols, `${share} AS share_pct`].join(', ')}\nFROM base AS b${orderBy}`, params, columns: [...dims, ...amountMeta, { name: 'share_pct', kind: 'percent' }] };
  }
  if (spec.measure === 'change') {
    const others = spec.by.filter((d) => d !== 'fiscal_year');
    const prevFy = `printf('%04d-%02d', CAST(left(b.fiscal_year, 4) AS INTEGER) - 1, CAST(left(b.fiscal_year, 4) AS INTEGER) % 100)`;
    const on = [`p.fiscal_year = ${prevFy}`, ...others.map((d) => `p.${col(d)} IS NOT DISTINCT FROM b.${col(d)}`)].join(' AND ');
    const cols = [...amountCols, `${str('p.amount')} AS previous`, `${str('b.amount - p.amount')} AS change`,
      `${dec('round(100 * CAST(b.amount - p.amount AS DOUBLE) / NULLIF(abs(CAST(p.amount AS DOUBLE)), 0), 4)', 4)} AS change_pct`];
    return {
      sql: `${baseSql}\nSELECT ${[...out, ...cols].join(', ')}\nFROM base AS b LEFT JOIN base AS p ON ${on}${order('b.')}`,
      params,
      columns: [...dims, ...amountMeta, { name: 'previous', kind: 'amount' }, { name: 'change', kind: 'amount' }, { name: 'change_pct', kind: 'percent' }],
    };
  }
  // per_pupil: enrollment of the schools in each group and year (district-wide for line items).
  const enKeys: Dimension[] = keys.filter((d) => d === 'fiscal_year' || SCHOOL_DIMENSIONS.includes(d));
  const enWhere: string[] = [];
  for (const [d, values] of Object.entries(spec.filters) as [Dimension, string[]][]) {
    const e = ENROLLMENT_SQL[d];
    if (e && values.length) enWhere.push(filterSql(d, values, e));
  }
  const enUsesSchools = [...enKeys, ...Object.keys(spec.filters)].some((d) => d === 'region' || d === 'school_type');
  const enSql = `, en AS (
SELECT ${[...enKeys.map((d) => `${ENROLLMENT_SQL[d]} AS ${d}`), 'sum(en.enrollment) AS enrollment'].join(', ')}
FROM enrollment AS en${enUsesSchools ? ' LEFT JOIN schools AS s ON s.school_code = en.school_code' : ''}${enWhere.length ? `\nWHERE ${enWhere.join(' AND ')}` : ''}
GROUP BY ${enKeys.map((_, i) => i + 1).join(', ')}
)`;
  const on = enKeys.map((d) => `e.${d} IS NOT DISTINCT FROM b.${d}`).join(' AND ');
  const perPupil = dec('round(CAST(b.amount AS DOUBLE) / NULLIF(e.enrollment, 0), 2)', 2);
  return {
    sql: `${baseSql}${enSql}\nSELECT ${[...out, ...amountCols, `${str('e.enrollment')} AS enrollment`, `${perPupil} AS per_pupil`].join(', ')}\nFROM base AS b LEFT JOIN en AS e ON ${on}${order('b.')}`,
    params,
    columns: [...dims, ...amountMeta, { name: 'enrollment', kind: 'count' }, { name: 'per_pupil', kind: 'amount' }],
  };
}
