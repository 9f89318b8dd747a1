// Grouped bar chart comparing series within groups: adopted budget, revised budget and actual spending for
// each fiscal year (or each program). Rendered to an SVG string in Node at build time, in the layout of
// objectGroups.ts: each group's name on its own row above its bars, so the bars use the whole width of a
// phone screen. Every bar carries a text label with its series name and value ("Actual $17.4B") and the
// series always come in the same order, so colour is never the only signal.

import * as Plot from "@observablehq/plot";
import { centsToNumber, formatMoneyShort } from "../site/money.ts";
import { createDocument, finishSvg, textWidth, type ChartDir } from "./render.ts";

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
  /** A bar's value label (default "$18.6B", en-US). */
  formatValue?: (cents: bigint) => string;
  /** An axis tick, given in dollars (default "$2B", en-US). */
  formatTick?: (dollars: number) => string;
  /** The text on a bar from its series' short name and its value (default "Adopted $18.6B"). */
  barLabel?: (short: string, value: string) => string;
  /** "rtl" mirrors the chart: bars grow leftwards from a zero on the right, names aligned right. */
  dir?: ChartDir;
  document?: Document;
}

/** Adopted budget, revised budget, actual spending: the same colours as the home page (budget, actual). */
export const ADOPTED_SERIES: ComparisonSeries = { name: "Adopted budget", short: "Adopted", color: "#5b7fa6" }; // 4.2:1
export const REVISED_SERIES: ComparisonSeries = { name: "Revised budget", short: "Revised", color: "#7a6a9e" }; // 5.0:1
export const ACTUAL_SERIES: ComparisonSeries = { name: "Actual spending", short: "Actual", color: "#17406b" }; // 10.6:1

/**
 * The three series with their names in the reader's language (messages charts.series.*), for a page's
 * `t`. The English constants above stay the defaults.
 */
export function localizedSeries(t: (key: string) => string): { adopted: ComparisonSeries; revised: ComparisonSeries; actual: ComparisonSeries } {
  return {
    adopted: { ...ADOPTED_SERIES, name: t("charts.series.adopted"), short: t("charts.series.adoptedShort") },
    revised: { ...REVISED_SERIES, name: t("charts.series.revised"), short: t("charts.series.revisedShort") },
    actual: { ...ACTUAL_SERIES, name: t("charts.series.actual"), short: t("charts.series.actualShort") },
  };
}

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
  const { series, groups, description, id, width = 360, dir = "ltr" } = options;
  const formatValue = options.formatValue ?? ((c: bigint) => formatMoneyShort(c));
  const formatTick = options.formatTick ?? ((d: number) => formatMoneyShort(BigInt(Math.round(d * 100)), { trim: true }));
  const barLabel = options.barLabel ?? ((short: string, value: string) => `${short} ${value}`);
  const rtl = dir === "rtl";
  const document = options.document ?? createDocument();
  const data: Datum[] = [];
  for (const g of groups) {
    series.forEach((s, i) => {
      const cents = g.values[i];
      if (cents === null || cents === undefined) return;
      data.push({ group: g.label, series: s.name, value: centsToNumber(cents), label: barLabel(s.short, formatValue(cents)) });
    });
  }
  const seriesNames = series.map((s) => s.name).filter((n) => data.some((d) => d.series === n));
  const rowHeight = 17;
  const marginTop = 4;
  const marginBottom = 28;
  const height = marginTop + marginBottom + groups.length * (seriesNames.length + 1) * rowHeight * 1.15;
  const values = data.map((d) => d.value);
  // Room beyond the longest bar for the labels ("Adopted $18.4B" in 96px; longer words in other languages).
  const labelRoom = Math.max(96, ...data.map((d) => textWidth(d.label) + 4));
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);

  const svg = Plot.plot({
    document,
    width,
    height: Math.round(height),
    marginTop,
    marginBottom,
    marginLeft: rtl ? 6 : 16,
    marginRight: rtl ? 16 : 6,
    fy: { domain: groups.map((g) => g.label), axis: null, padding: 0.15 },
    y: { domain: [LABEL_ROW, ...seriesNames], axis: null, paddingInner: 0.12, paddingOuter: 0 },
    x: {
      domain: [min, max === 0 ? 1 : max],
      ...(rtl ? { insetLeft: labelRoom, reverse: true } : { insetRight: labelRoom }),
      nice: false,
      ticks: 3,
      tickFormat: formatTick,
      label: null,
      grid: true,
    },
    color: { domain: series.map((s) => s.name), range: series.map((s) => s.color) },
    marks: [
      Plot.barX(data, { fy: "group", y: "series", x: "value", fill: "series" }),
      Plot.text(data, { fy: "group", y: "series", x: "value", text: "label", textAnchor: rtl ? "end" : "start", dx: rtl ? -4 : 4, fill: "currentColor" }),
      Plot.text(
        groups.map((g) => g.label),
        {
          fy: (d: string) => d,
          y: () => LABEL_ROW,
          frameAnchor: rtl ? "right" : "left",
          text: (d: string) => fitLabel(d),
          textAnchor: rtl ? "end" : "start",
          fontWeight: "bold",
          fill: "currentColor",
        },
      ),
      Plot.ruleX([0], { stroke: "currentColor" }),
    ],
  }) as unknown as SVGSVGElement;

  return finishSvg(svg, document, { id, title: description }, { dir });
}
