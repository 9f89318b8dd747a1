/**
 * Words and numbers for a view and its result, shared by the build (pre-rendered default view) and the
 * browser: which release files a view needs, its title, value labels, cell formatting, the series a
 * chart draws, and the chart's text alternative, generated from the result. No Node APIs.
 */
import type { ColumnKind, Compiled } from './compile.ts';
import { BAND_DIMENSIONS, previousFiscalYear, type Dimension, type ViewSpec } from './spec.ts';
import type { Formatters } from '../i18n/format.ts';

export type T = (key: string, vars?: Record<string, string | number>) => string;
export type Row = Record<string, unknown>;

/** "fiscal_year" → "fiscalYear" (message keys are camelCase). */
export const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export interface FileNeeds {
  table: string;
  fiscalYears?: string[];
}

/** The tables (and fiscal years) a view reads, so the browser fetches only those files. */
export function tablesFor(spec: ViewSpec, releaseYears: readonly string[]): FileNeeds[] {
  let years: string[] | undefined = spec.filters.fiscal_year ? [...spec.filters.fiscal_year] : undefined;
  if (years && spec.compare === 'year_vs_year') {
    const prev = previousFiscalYear(years[0] ?? '');
    if (prev) years.push(prev);
  }
  if (years) {
    years = years.filter((y) => releaseYears.includes(y));
    // A year the release does not have: no files to fetch, but the view must still run (with no rows).
    if (years.length === 0) years = releaseYears.slice(-1);
  }
  const out: FileNeeds[] = [years ? { table: spec.table, fiscalYears: years } : { table: spec.table }];
  const dims = new Set<string>([...spec.by, ...Object.keys(spec.filters)]);
  const bands = BAND_DIMENSIONS.some((d) => dims.has(d)) || spec.compare === 'similar_schools';
  if (dims.has('region') || dims.has('school_type') || spec.compare === 'similar_schools') out.push({ table: 'schools' });
  if (spec.measure === 'per_pupil' || bands) out.push({ table: 'enrollment' });
  return out;
}

/** The column a single-series chart draws for each measure. */
export function primaryColumn(spec: ViewSpec): string {
  if (spec.compare === 'budget_vs_actual') return 'actual';
  if (spec.compare === 'year_vs_year') return 'current';
  if (spec.compare === 'similar_schools') return 'school_per_pupil';
  return { amount: 'amount', per_pupil: 'per_pupil', share: 'share_pct', change: 'change' }[spec.measure];
}

/** The two columns a comparison draws side by side, or null. */
export function compareColumns(spec: ViewSpec): [string, string] | null {
  if (spec.compare === 'budget_vs_actual') return ['budget', 'actual'];
  if (spec.compare === 'year_vs_year') return ['previous', 'current'];
  if (spec.compare === 'similar_schools') return ['school_per_pupil', 'similar_per_pupil'];
  return null;
}

export function columnLabel(name: string, t: T, spec?: ViewSpec): string {
  if (spec?.compare === 'year_vs_year') {
    const fy = spec.filters.fiscal_year?.[0];
    if (name === 'current' && fy) return fy;
    if (name === 'previous' && fy) return previousFiscalYear(fy) ?? t('explorer.col.previous');
  }
  if ((BAND_DIMENSIONS as readonly string[]).includes(name) || name === 'fiscal_year' || name === 'school_code' || name === 'region' || name === 'school_type') {
    return t(`explorer.dim.${camel(name)}`);
  }
  const dim = `explorer.dim.${camel(name)}`;
  const col = `explorer.col.${camel(name)}`;
  const c = t(col);
  if (c !== col) return c;
  const d = t(dim);
  return d !== dim ? d : name;
}

export function viewTitle(spec: ViewSpec, t: T): string {
  const measure = spec.compare === 'none' ? t(`explorer.measure.${camel(spec.measure)}`) : t(`explorer.compare.${camel(spec.compare)}`);
  const table = t(`explorer.tableIn.${camel(spec.table)}`);
  if (!spec.by.length) return t('explorer.viewTitle', { measure, table });
  return t('explorer.viewTitleBy', { measure, table, by: spec.by.map((d) => t(`explorer.dim.${camel(d)}`).toLowerCase()).join(', ') });
}

/** Extra names for values: code titles ("fund:01" → "General Fund") and school names ("school_code:0100012"). */
export type ValueNames = ReadonlyMap<string, string>;

/** A dimension value as a reader sees it ("01 General Fund", "Certificated salaries", "4 (highest quarter)"). */
export function valueLabel(dim: string, value: unknown, t: T, names?: ValueNames): string {
  if (value === null || value === undefined || value === '') return '—';
  const v = String(value);
  if ((BAND_DIMENSIONS as readonly string[]).includes(dim)) return t(`explorer.band.${v}`);
  if (dim === 'object_group' || dim === 'object_class') {
    // The site's plain names (src/i18n/messages/<locale>/codes.json), when the page passed them.
    const key = `codes.${dim === 'object_group' ? 'objectGroup' : 'objectClass'}.${camel(v)}`;
    const named = t(key);
    if (named !== key) return named.charAt(0).toUpperCase() + named.slice(1);
  }
  if (dim === 'object_group' || dim === 'object_class' || dim === 'school_type' || dim === 'basis' || dim === 'phase') {
    const s = v.replaceAll('_', ' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  if (dim === 'restricted') return v === 'true' ? 'Restricted' : 'Unrestricted';
  const name = names?.get(`${dim}:${v}`);
  return name ? `${v} ${name}` : v;
}

const cents = (v: string): bigint | null => {
  const m = /^(-?)(\d+)(?:\.(\d{1,2})\d*)?$/.exec(v.trim());
  if (!m) return null;
  const c = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -c : c;
};

/** One cell as shown in the table (exact amounts rounded to whole dollars; the downloads keep the cents). */
export function formatValue(kind: ColumnKind, value: unknown, fmt: Formatters): string {
  if (value === null || value === undefined || value === '') return '—';
  const v = String(value);
  switch (kind) {
    case 'amount': {
      const c = cents(v);
      return c === null ? v : fmt.dollars(c);
    }
    case 'percent': {
      const n = Number(v);
      return Number.isFinite(n) ? fmt.percent(n / 100, 1) : v;
    }
    case 'count': {
      const n = Number(v);
      return Number.isFinite(n) ? fmt.count(n) : v;
    }
    case 'decimal': {
      const n = Number(v);
      return Number.isFinite(n) ? fmt.number(n, 4) : v;
    }
    default:
      return v;
  }
}

/** Short money for chart labels. */
export function formatShort(kind: ColumnKind, value: number, fmt: Formatters): string {
  if (kind === 'amount') return fmt.moneyShort(BigInt(Math.round(value * 100)));
  if (kind === 'percent') return fmt.percent(value / 100, 1);
  return fmt.number(value, 1);
}

/** A number for charts (display only: the table and downloads keep exact strings). */
export const toNumber = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export interface ResultLike {
  rows: Row[];
  columns: Compiled['columns'];
}

/** The label of a row's breakdown values ("2024-25 · 01 General Fund"). */
export function rowLabel(spec: ViewSpec, row: Row, t: T, names?: ValueNames): string {
  if (!spec.by.length) return t('explorer.total');
  return spec.by.map((d) => valueLabel(d, row[d], t, names)).join(' · ');
}

/** The chart's text alternative, generated from the result. */
export function textAlternative(spec: ViewSpec, result: ResultLike, t: T, fmt: Formatters, names?: ValueNames): string {
  const title = viewTitle(spec, t);
  const chart = t(`explorer.chart.${camel(spec.chart)}`);
  if (spec.chart === 'table') return t('explorer.altTable', { title, n: fmt.count(result.rows.length) });
  if (!result.rows.length) return t('explorer.altEmpty');
  const kindOf = (name: string): ColumnKind => result.columns.find((c) => c.name === name)?.kind ?? 'amount';
  const pair = compareColumns(spec);
  if (pair) {
    const [a, b] = pair;
    const sum = (name: string) => result.rows.reduce((s, r) => s + (toNumber(r[name]) ?? 0), 0);
    const money = (name: string) => {
      if (spec.compare === 'similar_schools') return '';
      const total = result.rows.reduce((s, r) => s + (cents(String(r[name] ?? '0')) ?? 0n), 0n);
      return fmt.moneyLong(total);
    };
    return t('explorer.altCompare', {
      chart, title, a: columnLabel(a, t, spec), b: columnLabel(b, t, spec), n: fmt.count(result.rows.length),
      aTotal: spec.compare === 'similar_schools' ? formatShort(kindOf(a), sum(a) / result.rows.length, fmt) : money(a),
      bTotal: spec.compare === 'similar_schools' ? formatShort(kindOf(b), sum(b) / result.rows.length, fmt) : money(b),
    });
  }
  const value = primaryColumn(spec);
  const kind = kindOf(value);
  const points = result.rows.map((r) => ({ label: rowLabel(spec, r, t, names), v: toNumber(r[value]) })).filter((p): p is { label: string; v: number } => p.v !== null);
  if (!points.length) return t('explorer.altEmpty');
  if (spec.chart === 'line' && spec.by.length === 1) {
    const first = points[0]!;
    const last = points.at(-1)!;
    return t('explorer.altLine', { chart, title, first: first.label, last: last.label, firstValue: formatShort(kind, first.v, fmt), lastValue: formatShort(kind, last.v, fmt) });
  }
  let max = points[0]!;
  let min = points[0]!;
  for (const p of points) {
    if (p.v > max.v) max = p;
    if (p.v < min.v) min = p;
  }
  return t('explorer.altBar', { chart, title, n: fmt.count(points.length), maxLabel: max.label, max: formatShort(kind, max.v, fmt), minLabel: min.label, min: formatShort(kind, min.v, fmt) });
}

/** Dimensions the form offers for each table, in order (the spec's allow-list). */
export type { Dimension };
