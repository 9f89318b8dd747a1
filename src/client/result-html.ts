/**
 * The Explorer's result as HTML: title, chart (an SVG made by chart.ts), legend, text alternative, an
 * accessible sortable table, and "How was this computed?". One function for the build (the pre-rendered
 * default view, through set:html) and the browser (innerHTML), so both show the same markup. Every text
 * from the data is escaped. No Node APIs.
 */
import type { Formatters } from '../i18n/format.ts';
import type { Compiled } from '../query/compile.ts';
import { columnLabel, formatValue, valueLabel, viewTitle, type Row, type T, type ValueNames } from '../query/describe.ts';
import type { ViewSpec } from '../query/spec.ts';

export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface Sort {
  column: string;
  descending: boolean;
}

export interface ResultView {
  spec: ViewSpec;
  compiled: Pick<Compiled, 'sql' | 'params' | 'columns' | 'limit'>;
  rows: Row[];
  truncated: boolean;
  release: string;
  t: T;
  fmt: Formatters;
  names?: ValueNames;
  /** The chart's SVG markup ('' for none), its text alternative and legend. */
  svg: string;
  alt: string;
  legend: { name: string; color: string }[];
  /** "The chart shows the 20 largest of 63" or ''. */
  chartNote: string;
  sort?: Sort | null;
}

/** Rows in the table's order: as the query returned them, or sorted by one column (numbers as numbers). */
export function sortRows(rows: Row[], columns: ResultView['compiled']['columns'], sort: Sort | null | undefined, label: (c: string, v: unknown) => string): Row[] {
  if (!sort) return rows;
  const kind = columns.find((c) => c.name === sort.column)?.kind ?? 'dimension';
  const numeric = kind !== 'dimension' && kind !== 'boolean';
  const key = (r: Row) => {
    const v = r[sort.column];
    if (v === null || v === undefined || v === '') return null;
    return numeric ? Number(v) : label(sort.column, v);
  };
  const out = [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // empty cells last either way
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    return sort.descending ? -c : c;
  });
  return out;
}

export function tableHtml(v: ResultView): string {
  const { spec, compiled, t, fmt, names } = v;
  const title = viewTitle(spec, t);
  const label = (c: string, val: unknown) => valueLabel(c, val, t, names);
  const rows = sortRows(v.rows, compiled.columns, v.sort, label);
  const head = compiled.columns
    .map((c) => {
      const sorted = v.sort?.column === c.name ? (v.sort.descending ? 'descending' : 'ascending') : null;
      const cls = c.kind === 'dimension' ? '' : ' class="num"';
      return `<th scope="col"${cls}${sorted ? ` aria-sort="${sorted}"` : ''}><button type="button" data-sort="${esc(c.name)}">${esc(columnLabel(c.name, t, spec))}<span class="sort-mark" aria-hidden="true">${sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}</span></button></th>`;
    })
    .join('');
  const body = rows
    .map((r) => {
      const cells = compiled.columns.map((c, i) => {
        if (c.kind === 'dimension') {
          const text = esc(label(c.name, r[c.name]));
          return i === 0 ? `<th scope="row">${text}</th>` : `<td>${text}</td>`;
        }
        return `<td class="num">${esc(formatValue(c.kind, r[c.name], fmt))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = t('explorer.resultCaption', { title, rows: fmt.count(v.rows.length) });
  return `<div class="table-scroll" role="region" aria-labelledby="explorer-caption" tabindex="0">
<table class="explorer-table"><caption id="explorer-caption">${esc(caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>${body}</tbody></table></div>`;
}

export function resultHtml(v: ResultView): string {
  const { spec, compiled, t } = v;
  const title = viewTitle(spec, t);
  const notes: string[] = [];
  if (!v.rows.length) notes.push(t('explorer.noRows'));
  if (v.truncated) notes.push(t('explorer.truncated', { limit: v.fmt.count(compiled.limit) }));
  const legend = v.legend.length
    ? `<ul class="explorer-legend">${v.legend.map((l) => `<li><span class="swatch" style="background:${esc(l.color)}" aria-hidden="true"></span>${esc(l.name)}</li>`).join('')}</ul>`
    : '';
  const figure = v.svg
    ? `<figure class="explorer-chart">${legend}${v.svg}<figcaption class="explorer-alt">${esc(v.alt)}${v.chartNote ? ` ${esc(v.chartNote)}` : ''}</figcaption></figure>`
    : '';
  const params = compiled.params.length ? `<p>${esc(t('explorer.params', { params: compiled.params.map((p, i) => `${i + 1}: ${JSON.stringify(p)}`).join(', ') }))}</p>` : '';
  const filters = Object.entries(spec.filters)
    .filter(([, vals]) => vals?.length)
    .map(([d, vals]) => `${columnLabel(d, t)}: ${vals!.map((x) => valueLabel(d, x, t, v.names)).join(', ')}`);
  if (spec.compare === 'budget_vs_actual') filters.push(`${columnLabel('column_code', t)}: BB, BA`);
  if (spec.table === 'line_items' && !spec.latestOnly) filters.push(t('explorer.allSubmissions'));
  const filterLine = filters.length ? `<p class="explorer-filters-shown">${esc(t('explorer.filters'))}: ${esc(filters.join('; '))}</p>` : '';
  return `<h2 id="explorer-result-title" data-title>${esc(title)}</h2>
${filterLine}
${notes.map((n) => `<p class="explorer-note">${esc(n)}</p>`).join('\n')}
${figure}
${v.rows.length ? tableHtml(v) : ''}
<details class="how-computed"><summary>${esc(t('explorer.howComputed'))}</summary>
<p>${esc(t('explorer.howComputedText', { release: v.release }))}</p>
<pre><code data-sql>${esc(compiled.sql)}</code></pre>
${params}
</details>`;
}
