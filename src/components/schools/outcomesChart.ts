// Small line chart of a school's outcome measures over the years, rendered to SVG in Node at build time.
// Each line is labelled with its measure at its last point and has its own marker shape, so colour is
// never the only way to tell the lines apart. The same numbers are in the table below the chart.

import * as Plot from "@observablehq/plot";
import { createDocument, finishSvg, type ChartDir } from "../../charts/render.ts";

export interface OutcomePoint {
  year: string;
  /** Short name in the page's language ("ELA", "Math", "Chronic absence", "Graduation"). */
  series: string;
  value: number;
}

// Colours with at least 3:1 contrast on white (WCAG 1.4.11): 10.6:1, 5.9:1, 5.7:1, 7.6:1.
const COLORS = ["#17406b", "#a23b00", "#2d6a2f", "#6b2d82"];
const SYMBOLS = ["circle", "square", "triangle", "diamond"] as const;

/** How the axes write fiscal years and percentages (English by default: "24-25", "50%"), and the direction. */
export interface OutcomesChartFormats {
  year: (fiscalYear: string) => string;
  percent: (value: number) => string;
  /** "rtl" mirrors the chart: years run right to left, the percent axis and the end labels change sides. */
  dir?: ChartDir;
}

const ENGLISH: OutcomesChartFormats = { year: (y) => y.slice(2), percent: (v) => `${v}%` };

export function renderOutcomesChart(
  points: readonly OutcomePoint[],
  years: readonly string[],
  series: readonly string[],
  id: string,
  title: string,
  formats: OutcomesChartFormats = ENGLISH,
): string {
  const document = createDocument();
  const last = series.map((s) => points.filter((p) => p.series === s && Number.isFinite(p.value)).at(-1)).filter((p): p is OutcomePoint => p !== undefined);
  // End labels pushed apart so that close values do not overlap (7 points ≈ one line of text).
  const labels = dodge(last, 7);
  const rtl = formats.dir === "rtl";
  const svg = Plot.plot({
    document,
    width: 360,
    height: 200,
    marginLeft: rtl ? 96 : 40,
    marginRight: rtl ? 40 : 96,
    marginTop: 10,
    marginBottom: 26,
    x: { type: "point", domain: [...years], label: null, tickFormat: (y: string) => formats.year(y), padding: 0.2, ...(rtl ? { reverse: true } : {}) },
    y: { domain: [0, 100], label: null, ticks: [0, 25, 50, 75, 100], tickFormat: (v: number) => formats.percent(v), grid: true, ...(rtl ? { axis: "right" as const } : {}) },
    color: { domain: [...series], range: COLORS.slice(0, series.length) },
    symbol: { domain: [...series], range: SYMBOLS.slice(0, series.length) },
    marks: [
      Plot.line(points, { x: "year", y: "value", stroke: "series", strokeWidth: 2 }),
      Plot.dot(points, { x: "year", y: "value", stroke: "series", fill: "series", symbol: "series", r: 3 }),
      Plot.text(labels, { x: "year", y: "labelY", text: "series", dx: rtl ? -8 : 8, textAnchor: rtl ? "end" : "start", fill: "currentColor" }),
    ],
  }) as unknown as SVGSVGElement;
  return finishSvg(svg, document, { id, title }, { digits: 1, fontSize: 11, dir: formats.dir ?? "ltr" });
}

/** Spreads end labels at least `gap` apart (in percentage points), keeping them in 0–100. */
export function dodge(points: readonly OutcomePoint[], gap: number): (OutcomePoint & { labelY: number })[] {
  const sorted = [...points].sort((a, b) => a.value - b.value).map((p) => ({ ...p, labelY: p.value }));
  for (let i = 1; i < sorted.length; i++) sorted[i]!.labelY = Math.max(sorted[i]!.labelY, sorted[i - 1]!.labelY + gap);
  const over = (sorted.at(-1)?.labelY ?? 0) - 100;
  if (over > 0) for (const p of sorted) p.labelY -= over;
  return sorted;
}
