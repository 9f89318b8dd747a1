// Scatter plot of schools: need index (x) against allocation per student (y), with a least-squares trend
// line and the need-band cut points as dashed vertical rules labelled on the chart. Rendered to an SVG string
// in Node at build time (no client JS). One colour for every dot: nothing is encoded by colour alone; the
// trend line is dashed and named in the chart's legend text.

import * as Plot from "@observablehq/plot";
import { createDocument, finishSvg, type ChartDir } from "./render.ts";

export interface ScatterPoint {
  /** Need index (0–100). */
  x: number;
  /** Allocation per student in dollars: chart position only, never shown as text. */
  y: number;
}

export interface ScatterChartOptions {
  points: readonly ScatterPoint[];
  /** Vertical reference lines (need band cut points), each with a short label. */
  rules?: readonly { x: number; label: string }[];
  /** Draw the least-squares line (default true when there are at least 3 points). */
  trend?: boolean;
  xLabel: string;
  yLabel: string;
  /** Tick format of the y axis. */
  yFormat: (v: number) => string;
  /** Tick format of the x axis (default: Plot's, en-US digits). */
  xFormat?: (v: number) => string;
  /** "rtl" mirrors the chart: x grows leftwards and the y axis is on the right. */
  dir?: ChartDir;
  description: string;
  id: string;
  width?: number;
  height?: number;
  document?: Document;
}

export const DOT_COLOR = "#17406b"; // 10.6:1 on white
export const TREND_COLOR = "#a4471b"; // 5.9:1 on white

/** Least-squares line y = a + b x, or null without spread in x. */
export function leastSquares(points: readonly ScatterPoint[]): { a: number; b: number } | null {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((t, p) => t + p.x, 0) / n;
  const my = points.reduce((t, p) => t + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  if (sxx === 0) return null;
  const b = sxy / sxx;
  return { a: my - b * mx, b };
}

/** Returns the chart as SVG markup; deterministic. */
export function renderScatterChart(options: ScatterChartOptions): string {
  const { points, rules = [], xLabel, yLabel, yFormat, xFormat, description, id, width = 360, height = 300, dir = "ltr" } = options;
  const rtl = dir === "rtl";
  const document = options.document ?? createDocument();
  const line = options.trend === false || points.length < 3 ? null : leastSquares(points);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const xMin = Math.min(...xs, ...rules.map((r) => r.x));
  const xMax = Math.max(...xs, ...rules.map((r) => r.x));
  const yMax = Math.max(0, ...ys);
  const trendData = line ? [xMin, xMax].map((x) => ({ x, y: line.a + line.b * x })) : [];

  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop: 22,
    marginLeft: rtl ? 12 : 56,
    marginRight: rtl ? 56 : 12,
    marginBottom: 36,
    x: {
      domain: [Math.floor(xMin), Math.ceil(xMax)],
      label: xLabel,
      labelAnchor: "center",
      labelOffset: 32,
      ticks: 5,
      nice: true,
      ...(xFormat ? { tickFormat: xFormat } : {}),
      ...(rtl ? { reverse: true } : {}),
    },
    y: { domain: [0, yMax === 0 ? 1 : yMax], label: yLabel, labelAnchor: "top", ticks: 5, nice: true, tickFormat: yFormat, grid: true, ...(rtl ? { axis: "right" as const } : {}) },
    marks: [
      Plot.ruleX(rules, { x: "x", stroke: "currentColor", strokeOpacity: 0.6, strokeDasharray: "2,3" }),
      Plot.text(rules, { x: "x", text: "label", frameAnchor: "top", dy: -14, fill: "currentColor", fontSize: 10 }),
      Plot.dot(points as ScatterPoint[], { x: "x", y: "y", r: 2.2, fill: DOT_COLOR, fillOpacity: 0.55, stroke: "none" }),
      Plot.line(trendData, { x: "x", y: "y", stroke: TREND_COLOR, strokeWidth: 2.5, strokeDasharray: "6,3" }),
      Plot.ruleY([0], { stroke: "currentColor" }),
    ],
  }) as unknown as SVGSVGElement;

  return finishSvg(svg, document, { id, title: description }, { digits: 1, fontSize: 11, dir });
}
