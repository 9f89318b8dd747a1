// Line chart over fiscal years, rendered to an SVG string in Node at build time (no client JS).
//
// Colour is never the only signal: each series has its own dash pattern and point shape, and its name and
// latest value are written in the margin beside the end of its line (labels are nudged apart so they never overlap).
// Points that are budgets rather than actuals are drawn hollow (the table says which years are budgets).

import * as Plot from "@observablehq/plot";
import { createDocument, finishSvg, textWidth, type ChartDir } from "./render.ts";

export interface LinePoint {
  fiscal_year: string;
  /** Chart position only (never shown as text). Null = no figure for that year (the line breaks). */
  value: number | null;
  /** Drawn hollow (e.g. an adopted budget where the other points are actuals). */
  hollow?: boolean;
}

export interface LineSeries {
  name: string;
  points: readonly LinePoint[];
}

export interface LineChartOptions {
  series: readonly LineSeries[];
  /** Fiscal years on the x axis, in order. */
  years: readonly string[];
  /** Tick format (and end-label format unless `labelFormat` is given). */
  format: (value: number) => string;
  labelFormat?: (value: number) => string;
  description: string;
  id: string;
  /** Lower end of the y axis (default 0). */
  yMin?: number;
  width?: number;
  height?: number;
  /** A fiscal year's tick ("2024-25" → default "24-25"). */
  formatYear?: (fiscalYear: string) => string;
  /** The end label from a series' name and its formatted last value (default "Actual $17.4B"). */
  endLabel?: (name: string, value: string) => string;
  /** "rtl" mirrors the chart: years run from right to left, the value axis and the end labels change sides. */
  dir?: ChartDir;
  document?: Document;
}

/** Colours with at least 3:1 against white (WCAG 1.4.11), and a dash pattern for each series. */
export const LINE_STYLES: readonly { color: string; dash: string; symbol: string }[] = [
  { color: "#17406b", dash: "none", symbol: "circle" }, // 10.6:1
  { color: "#a4471b", dash: "6,3", symbol: "square" }, // 5.9:1
  { color: "#2f6b2f", dash: "2,3", symbol: "triangle" }, // 6.4:1
  { color: "#6b4a9b", dash: "8,3,2,3", symbol: "diamond" }, // 6.6:1
];

/**
 * Moves label positions (in pixels, y grows downwards) apart so that neighbours are at least `gap` apart,
 * keeping them as close to their points as possible and inside [lo, hi]. Returns positions in input order.
 */
export function spreadLabels(positions: readonly number[], gap: number, lo = -Infinity, hi = Infinity): number[] {
  const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const placed = order.map((o) => Math.min(Math.max(o.p, lo), hi));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k]!, placed[k - 1]! + gap);
  // If the last label was pushed past the bottom, shift the stack back up.
  const overflow = placed.length ? placed[placed.length - 1]! - hi : 0;
  if (overflow > 0) {
    placed[placed.length - 1] = hi;
    for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.min(placed[k]!, placed[k + 1]! - gap);
  }
  const out = new Array<number>(positions.length);
  order.forEach((o, k) => (out[o.i] = placed[k]!));
  return out;
}

interface Datum {
  fiscal_year: string;
  value: number;
  series: string;
  hollow: boolean;
}

export function renderLineChart(options: LineChartOptions): string {
  const { series, years, format, description, id, width = 360, height = 240, yMin = 0, dir = "ltr" } = options;
  const labelFormat = options.labelFormat ?? format;
  const formatYear = options.formatYear ?? ((y: string) => (/^\d{4}-\d{2}$/.test(y) ? y.slice(2) : y));
  const endLabel = options.endLabel ?? ((name: string, value: string) => `${name} ${value}`);
  const rtl = dir === "rtl";
  const document = options.document ?? createDocument();
  const marginTop = 12;
  const marginBottom = 26;
  const data: Datum[] = series.flatMap((s) =>
    s.points.filter((p) => p.value !== null).map((p) => ({ fiscal_year: p.fiscal_year, value: p.value!, series: s.name, hollow: p.hollow === true })),
  );
  const max = Math.max(yMin + 1e-9, ...data.map((d) => d.value));
  const yDomain: [number, number] = [yMin, max * 1.05];
  // The value axis on the start side, the end labels beyond the last year; wider than the English
  // defaults only when the locale's labels are longer.
  const axisRoom = Math.max(60, ...[yDomain[1], yDomain[1] / 2].map((v) => textWidth(format(v)) + 10));
  const labelRoom = Math.max(118, ...series.map((s) => textWidth(endLabel(s.name, labelFormat(max)), 5.5) + 10));
  const marginLeft = rtl ? labelRoom : axisRoom;
  const marginRight = rtl ? axisRoom : labelRoom;
  const plotHeight = height - marginTop - marginBottom;
  const toPx = (v: number): number => marginTop + plotHeight * (1 - (v - yDomain[0]) / (yDomain[1] - yDomain[0]));
  const toValue = (px: number): number => yDomain[0] + (1 - (px - marginTop) / plotHeight) * (yDomain[1] - yDomain[0]);

  // End labels: the series name and its last value, beside its last point, spread so they do not overlap.
  const ends = series
    .map((s, i) => ({ s, i, last: [...s.points].reverse().find((p) => p.value !== null) }))
    .filter((e): e is { s: LineSeries; i: number; last: LinePoint } => e.last !== undefined);
  const spread = spreadLabels(ends.map((e) => toPx(e.last.value!)), 13, marginTop, height - marginBottom);
  // All in the margin beside the last year, whichever year a series ends in.
  const labels = ends.map((e, k) => ({
    fiscal_year: years[years.length - 1]!,
    y: toValue(spread[k]!),
    text: endLabel(e.s.name, labelFormat(e.last.value!)),
    series: e.s.name,
  }));

  const styleOf = (name: string) => LINE_STYLES[series.findIndex((s) => s.name === name) % LINE_STYLES.length]!;
  const marks: Plot.Markish[] = [Plot.ruleY([yMin], { stroke: "currentColor" })];
  for (const s of series) {
    const st = styleOf(s.name);
    const pts = data.filter((d) => d.series === s.name);
    // Break the line where a year has no figure.
    const full = years.map((y) => pts.find((d) => d.fiscal_year === y) ?? { fiscal_year: y, value: NaN, series: s.name, hollow: false });
    marks.push(
      Plot.line(full, { x: "fiscal_year", y: "value", stroke: st.color, strokeWidth: 2, strokeDasharray: st.dash === "none" ? undefined : st.dash }),
      Plot.dot(pts, {
        x: "fiscal_year",
        y: "value",
        symbol: () => st.symbol,
        r: 3.5,
        stroke: st.color,
        strokeWidth: 1.5,
        fill: (d: Datum) => (d.hollow ? "white" : st.color),
      }),
    );
  }
  marks.push(
    Plot.text(labels, {
      x: "fiscal_year",
      y: "y",
      text: "text",
      textAnchor: rtl ? "end" : "start",
      dx: rtl ? -8 : 8,
      fill: "currentColor",
    }),
  );

  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    x: {
      domain: [...years],
      label: null,
      // "24-25"; past four years, every other year (always the last), so the labels fit on a phone.
      ticks: years.length > 4 ? years.filter((_, i) => (years.length - 1 - i) % 2 === 0) : [...years],
      tickFormat: formatYear,
      padding: 0.3,
      ...(rtl ? { reverse: true } : {}),
    },
    y: { domain: yDomain, label: null, ticks: 4, tickFormat: format, grid: true, ...(rtl ? { axis: "right" as const } : {}) },
    symbol: { type: "identity" },
    marks,
  }) as unknown as SVGSVGElement;

  return finishSvg(svg, document, { id, title: description }, { dir });
}
