/**
 * The data dictionary and citation that come with every Explorer download: what each column of a view
 * (or of its underlying lines) means, where the numbers come from, and how to cite them. A Frictionless
 * data package (datapackage.json) describing the downloaded files. No Node APIs.
 */
import { DICTIONARY } from '../rules/dictionary.ts';
import type { Compiled, ColumnKind } from './compile.ts';
import { encodeSpec } from './url.ts';
import { BAND_DIMENSIONS, previousFiscalYear, type ViewSpec } from './spec.ts';

const BAND_TEXT: Record<string, string> = {
  need_band: 'need index',
  low_income_band: 'share of students who are low-income',
  english_learners_band: 'share of students who are English learners',
  disabilities_band: 'share of students with disabilities',
};

/** What each column an Explorer result can have means. */
export function describeColumn(name: string, spec: ViewSpec): string {
  const fy = spec.filters.fiscal_year?.[0] ?? '';
  const own: Record<string, string> = {
    amount: 'Sum of the lines\u2019 amounts in US dollars, exact to the cent',
    line_count: 'Number of lines added up',
    share_pct: spec.by.length === 2 ? `Share of the amount within each ${spec.by[0]}, percent (4 decimals)` : 'Share of the view\u2019s total amount, percent (4 decimals)',
    previous: 'Amount in the fiscal year before, US dollars',
    change: spec.compare === 'year_vs_year' ? `Amount in ${fy} minus amount in ${previousFiscalYear(fy) ?? 'the year before'}, US dollars` : 'Amount minus the amount in the fiscal year before, US dollars',
    change_pct: 'Change from the fiscal year before, percent of the earlier amount (4 decimals)',
    enrollment: 'Students enrolled on census day in the schools counted (district-wide for district budget lines)',
    per_pupil: 'Amount divided by enrollment, US dollars (rounded to the cent)',
    budget: 'Adopted budget (SACS column BB), US dollars',
    actual: 'Unaudited actuals (SACS column BA), US dollars',
    difference: 'Actual minus budget, US dollars',
    current: `Amount in ${fy}, US dollars`,
    school_amount: 'The school\u2019s allocation, US dollars',
    school_enrollment: 'The school\u2019s enrollment',
    school_per_pupil: 'The school\u2019s allocation per pupil, US dollars',
    similar_amount: 'Allocations of the similar schools (same type and need band), US dollars',
    similar_enrollment: 'Enrollment of the similar schools',
    similar_schools: 'Number of similar schools with enrollment that year',
    similar_per_pupil: 'Allocations of the similar schools divided by their enrollment, US dollars',
    region: 'Region of the school (schools table)',
    school_type: 'School type: elementary, middle, high, span, option, early_education, adult',
    basis: 'Why the school gets the allocation: base, need_weight, categorical, central',
    fte: 'Full-time equivalent positions of the allocation line',
    comparison: 'school: the school compared; similar: one of its similar schools',
  };
  if ((BAND_DIMENSIONS as readonly string[]).includes(name)) {
    return `Quarter of the district\u2019s schools by ${BAND_TEXT[name]} (1 lowest, 4 highest), in the latest fiscal year with that figure; cut points by quantile_cont`;
  }
  return own[name] ?? DICTIONARY[name] ?? name;
}

const TYPES: Record<ColumnKind, string> = {
  dimension: 'string', amount: 'number', percent: 'number', count: 'integer', decimal: 'number', boolean: 'boolean',
};

export interface Citation {
  district: string;
  sample: boolean;
  release: string;
  /** When the release was published (ISO). */
  published: string;
  /** The view's permalink. */
  url: string;
  /** When the file was made (ISO date). */
  retrieved: string;
}

export function citationText(c: Citation): string {
  return `${c.district}${c.sample ? ' (sample data)' : ''}. School budget data release ${c.release}, published ${c.published.slice(0, 10)}. Explorer view: ${c.url} (retrieved ${c.retrieved.slice(0, 10)}).`;
}

/** The view's permalink on a site: `<page URL>?r=<release>&…` (the release is always in it). */
export function permalink(pageUrl: string, spec: ViewSpec, release: string): string {
  const u = pageUrl.split(/[?#]/)[0] ?? pageUrl;
  return `${u}?${encodeSpec({ ...spec, release })}`;
}

export interface DownloadFile {
  name: string;
  format: 'csv' | 'parquet' | 'json';
}

/** datapackage.json for downloaded files of one result (a view or its underlying lines). */
export function dataPackage(args: {
  spec: ViewSpec;
  compiled: Pick<Compiled, 'sql' | 'params' | 'columns'>;
  kind: 'view' | 'rows';
  files: DownloadFile[];
  rows: number;
  truncated: boolean;
  citation: Citation;
}): Record<string, unknown> {
  const { spec, compiled, kind, citation } = args;
  const fields = compiled.columns.map((c) => ({ name: c.name, type: TYPES[c.kind], description: describeColumn(c.name, spec) }));
  const mediatype = { csv: 'text/csv', parquet: 'application/vnd.apache.parquet', json: 'application/json' } as const;
  return {
    profile: 'tabular-data-package',
    name: `school-budget-${citation.release}-${kind}`,
    title: kind === 'view' ? 'School budget explorer view' : 'Lines underlying a school budget explorer view',
    description:
      (kind === 'view'
        ? 'One row per breakdown value, computed with the query below from the data release.'
        : 'The release lines the view adds up (same filters), one row per line.') +
      (args.truncated ? ` Only the first ${args.rows} rows are included: the view has more.` : ''),
    created: citation.retrieved,
    homepage: citation.url,
    citation: citationText(citation),
    sources: [{ title: `Data release ${citation.release}`, path: citation.url }],
    explorer: { view: encodeSpec({ ...spec, release: citation.release }), query: compiled.sql, parameters: compiled.params, rows: args.rows, truncated: args.truncated },
    resources: args.files.map((f) => ({
      name: f.name.replace(/\.[a-z]+$/, '').toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
      path: f.name,
      format: f.format,
      mediatype: mediatype[f.format],
      ...(f.format === 'csv' ? { encoding: 'utf-8', dialect: { header: true, delimiter: ',' } } : {}),
      schema: { fields },
    })),
  };
}
