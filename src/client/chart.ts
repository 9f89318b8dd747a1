/**
 * The Explorer's chart of a result, with Observable Plot: in the browser for interactive results, and in
 * Node at build time (with linkedom's document) for the pre-rendered default view. Plot is passed in, so
 * this module pulls nothing into a page's first view. The chart is an accessible image: role="img" and
 * a <title> with the text alternative generated from the result (describe.ts).
 */
import type * as PlotModule from '@observablehq/plot';
import type { Formatters } from '../i18n/format.ts';
import type { ViewSpec } from '../query/spec.ts';
import {
  columnLabel, compareColumns, formatShort, primaryColumn, rowLabel, toNumber, valueLabel,
  type ResultLike, type T, type ValueNames,
} from '../query/describe.ts';

export const MAX_CHART_CATEGORIES = 20;
/** Series colours (Tableau 10), in series order; the legend (legendItems) uses the same. */
export const PALETTE = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#9c755f', '#bab0ab'];

export interface ChartOptions {
  document: Document;
  width: number;
  t: T;
  fmt: Formatters;
  names?: ValueNames;
  /** Id of the <svg>; its <title> gets `${id}-title`. */
  id: string;
  alt: string;
}

interface Point {
  x: string;
  series: string;
  v: number;
}

/** The points a chart draws, and how many categories were left out (only the largest are drawn). */
export function chartPoints(spec: ViewSpec, result: ResultLike, t: T, names?: ValueNames): { points: Point[]; categories: number; shown: number } {
  const pair = compareColumns(spec);
  const first = spec.by[0];
  const second = spec.by[1];
  const xOf = (r: Record<string, unknown>) => (first ? valueLabel(first, r[first], t, names) : t('explorer.total'));
  let points: Point[];
  if (pair) {
    points = result.rows.flatMap((r) =>
      pair.flatMap((c) => {
        const v = toNumber(r[c]);
        return v === null ? [] : [{ x: spec.by.length > 1 ? rowLabel(spec, r, t, names) : xOf(r), series: columnLabel(c, t, spec), v }];
      }),
    );
  } else {
    const col = primaryColumn(spec);
    points = result.rows.flatMap((r) => {
      const v = toNumber(r[col]);
      return v === null ? [] : [{ x: xOf(r), series: second ? valueLabel(second, r[second], t, names) : '', v }];
    });
  }
  // Keep the largest categories (by total size) when there are too many; years are kept in order.
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.x, (totals.get(p.x) ?? 0) + Math.abs(p.v));
  const categories = totals.size;
  if (categories > MAX_CHART_CATEGORIES && first !== 'fiscal_year') {
    const keep = new Set([...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_CHART_CATEGORIES).map(([k]) => k));
    points = points.filter((p) => keep.has(p.x));
  }
  return { points, categories, shown: Math.min(categories, first === 'fiscal_year' ? categories : MAX_CHART_CATEGORIES) };
}

/** Plot's SVG for a view, or null for "table only" and empty results. */
export function viewChart(Plot: typeof PlotModule, spec: ViewSpec, result: ResultLike, o: ChartOptions): SVGSVGElement | null {
  if (spec.chart === 'table') return null;
  const { points } = chartPoints(spec, result, o.t, o.names);
  if (!points.length) return null;
  const pair = compareColumns(spec);
  const valueCol = pair ? pair[0] : primaryColumn(spec);
  const kind = result.columns.find((c) => c.name === valueCol)?.kind ?? 'amount';
  const tick = (v: number) => formatShort(kind, v, o.fmt);
  const order = [...new Set(points.map((p) => p.x))];
  const seriesOrder = [...new Set(points.map((p) => p.series))];
  const hasSeries = seriesOrder.length > 1 || (seriesOrder[0] ?? '') !== '';
  const byYear = spec.by[0] === 'fiscal_year';
  const common = { document: o.document, width: o.width, style: { fontSize: '12px' } } as const;
  const color = hasSeries ? { domain: seriesOrder, range: seriesOrder.map((_, i) => PALETTE[i % PALETTE.length]!) } : undefined;
  let plot: Element;
  if (spec.chart === 'line' && byYear) {
    plot = Plot.plot({
      ...common,
      height: 300,
      marginLeft: 64,
      x: { domain: order, label: null, type: 'point', padding: 0.3 },
      y: { grid: true, label: null, tickFormat: tick, zero: kind !== 'percent' ? undefined : true },
      color,
      marks: [
        Plot.ruleY([0]),
        Plot.lineY(points, { x: 'x', y: 'v', stroke: hasSeries ? 'series' : undefined, strokeWidth: 2 }),
        Plot.dotY(points, { x: 'x', y: 'v', fill: hasSeries ? 'series' : 'currentColor', r: 3 }),
      ],
    });
  } else if (byYear && !pair && order.length <= 12) {
    // Years run left to right.
    plot = Plot.plot({
      ...common,
      height: 300,
      marginLeft: 64,
      marginBottom: order.length * 62 > o.width ? 50 : 30,
      x: { domain: order, label: null, tickRotate: order.length * 62 > o.width ? -45 : 0 },
      y: { grid: true, label: null, tickFormat: tick },
      color,
      marks: [Plot.barY(points, { x: 'x', y: 'v', fill: hasSeries ? 'series' : '#0a4f96' }), Plot.ruleY([0])],
    });
  } else {
    // Categories run down the page (long names stay readable on a phone); pairs are grouped.
    const rows = order.length * (pair ? 2 : 1);
    const marginLeft = Math.min(220, Math.max(80, Math.max(...order.map((s) => s.length)) * 6.5));
    const long = (s: string) => (s.length > 34 ? `${s.slice(0, 33)}…` : s);
    plot = pair
      ? Plot.plot({
          ...common,
          height: Math.max(120, rows * 16 + 60),
          marginLeft,
          x: { grid: true, label: null, tickFormat: tick, ticks: Math.max(2, Math.floor(o.width / 110)) },
          y: { domain: seriesOrder, axis: null },
          fy: { domain: order, label: null, tickFormat: long },
          color,
          marks: [Plot.barX(points, { x: 'v', y: 'series', fy: 'x', fill: 'series' }), Plot.ruleX([0])],
        })
      : Plot.plot({
          ...common,
          height: Math.max(120, order.length * 26 + 50),
          marginLeft,
          x: { grid: true, label: null, tickFormat: tick, ticks: Math.max(2, Math.floor(o.width / 110)) },
          y: { domain: order, label: null, tickFormat: long },
          color,
          marks: [Plot.barX(points, { x: 'v', y: 'x', fill: hasSeries ? 'series' : '#0a4f96' }), Plot.ruleX([0])],
        });
  }
  return accessible(plot, o);
}

/** Makes Plot's <svg> an accessible image (as src/charts/render.ts does at build time). */
function accessible(plot: Element, o: ChartOptions): SVGSVGElement {
  const svg = (plot.tagName.toLowerCase() === 'svg' ? plot : plot.querySelector('svg:last-of-type')) as SVGSVGElement;
  svg.removeAttribute('font-family');
  svg.setAttribute('font-size', '12');
  svg.setAttribute('direction', 'ltr');
  svg.setAttribute('id', o.id);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${o.id}-title`);
  svg.removeAttribute('aria-label');
  for (const el of svg.querySelectorAll('[aria-label],[aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  for (const style of svg.querySelectorAll('style')) style.remove();
  const title = o.document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.setAttribute('id', `${o.id}-title`);
  title.textContent = o.alt;
  svg.insertBefore(title, svg.firstChild);
  return svg;
}

/** The legend of a chart with several series (name and colour), or an empty list. */
export function legendItems(spec: ViewSpec, result: ResultLike, t: T, names?: ValueNames): { name: string; color: string }[] {
  if (spec.chart === 'table') return [];
  const { points } = chartPoints(spec, result, t, names);
  const series = [...new Set(points.map((p) => p.series))];
  return series.length > 1 || (series[0] ?? '') !== '' ? series.map((name, i) => ({ name, color: PALETTE[i % PALETTE.length]! })) : [];
}
