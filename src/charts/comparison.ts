// Grouped bar chart comparing series within groups: adopted budget, revised budget and actual spending for
// each fiscal year (or each program). Rendered to an SVG string in Node at build time, in the layout of
// objectGroups.ts: each group's name on its own row above its bars, so the bars use the whole width of a
// phone screen. Every bar carries a text label with its series name and value ("Actual $17.4B") and the
// series always come in the same order, so colour is never the only signal.

import * as Plot from "@observablehq/plot";
import { centsToNumber, formatMoneyShort } from "../site/money.ts";
import { createDocument, finishSvg } from "./render.ts";

export interface ComparisonSeries {
  /** Name in the legend and the table ("Adopted budget"). */
  name: string;
  /** Short name written on each bar ("Adopted"). */
  short: string;
  /** Bar fill; must reach 3:1 against white. */
  color: string;
}

export interface ComparisonGroup {
  label: string;
  /** One value per series (same order); null where the series has no figure. */
  values: readonly (bigint | null)[];
}

export interface ComparisonChartOptions {
  series: readonly ComparisonSeries[];
  groups: readonly ComparisonGroup[];
  description: string;
  id: string;
  width?: number;
  document?: Document;
}

/** Adopted budget, revised budget, actual spending: the same colours as the home page (budget, actual). */
export const ADOPTED_SERIES: ComparisonSeries = { name: "Adopted budget", short: "Adopted", color: "#5b7fa6" }; // 4.2:1
export const REVISED_SERIES: ComparisonSeries = { name: "Revised budget", short: "Revised", color: "#7a6a9e" }; // 5.0:1
export const ACTUAL_SERIES: ComparisonSeries = { name: "Actual spending", short: "Actual", color: "#17406b" }; // 10.6:1

interface Datum {
  group: string;
  series: string;
  value: number;
  label: string;
}

const LABEL_ROW = "\u200blabel";

/**
 * Shortens a group name to `max` characters for the chart (the table has it in full), keeping a trailing
 * code in parentheses: "Child Nutrition: School Programs (e.g., School Lunch, …) (5310)" → "Child Nutrition: School Pro… (5310)".
 */
export function fitLabel(label: string, max = 44): string {
  if (label.length <= max) return label;
  const code = /\s\([^()]*\)$/.exec(label)?.[0] ?? "";
  const head = label.slice(0, label.length - code.length);
  const room = Math.max(1, max - code.length - 1);
  return `${head.slice(0, room).trimEnd()}…${code}`;
}

/** Returns the chart as SVG markup; deterministic. */
export function renderComparisonChart(options: ComparisonChartOptions): string {
  const { series, groups, description, id, width = 360 } = options;
  const document = options.document ?? createDocument();
  const data: Datum[] = [];
  for (const g of groups) {
    series.forEach((s, i) => {
      const cents = g.values[i];
      if (cents === null || cents === undefined) return;
      data.push({ group: g.label, series: s.name, value: centsToNumber(cents), label: `${s.short} ${formatMoneyShort(cents)}` });
    });
  }
  const seriesNames = series.map((s) => s.name).filter((n) => data.some((d) => d.series === n));
  const rowHeight = 17;
  const marginTop = 4;
  const marginBottom = 28;
  const height = marginTop + marginBottom + groups.length * (seriesNames.length + 1) * rowHeight * 1.15;
  const values = data.map((d) => d.value);
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);

  const svg = Plot.plot({
    document,
    width,
    height: Math.round(height),
    marginTop,
    marginBottom,
    marginLeft: 16,
    marginRight: 6,
    fy: { domain: groups.map((g) => g.label), axis: null, padding: 0.15 },
    y: { domain: [LABEL_ROW, ...seriesNames], axis: null, paddingInner: 0.12, paddingOuter: 0 },
    x: {
      domain: [min, max === 0 ? 1 : max],
      insetRight: 96, // room for "Adopted $18.4B"
      nice: false,
      ticks: 3,
      tickFormat: (d: number) => formatMoneyShort(BigInt(Math.round(d * 100)), { trim: true }),
      label: null,
      grid: true,
    },
    color: { domain: series.map((s) => s.name), range: series.map((s) => s.color) },
    marks: [
      Plot.barX(data, { fy: "group", y: "series", x: "value", fill: "series" }),
      Plot.text(data, { fy: "group", y: "series", x: "value", text: "label", textAnchor: "start", dx: 4, fill: "currentColor" }),
      Plot.text(
        groups.map((g) => g.label),
        { fy: (d: string) => d, y: () => LABEL_ROW, frameAnchor: "left", text: (d: string) => fitLabel(d), textAnchor: "start", fontWeight: "bold", fill: "currentColor" },
      ),
      Plot.ruleX([0], { stroke: "currentColor" }),
    ],
  }) as unknown as SVGSVGElement;

  return finishSvg(svg, document, { id, title: description });
}
