// Bar chart of spending by object group: adopted budget and actual spending side by side for each group.
//
// Rendered to an SVG string in Node at build time (no client JS). Each group gets three rows: its name
// (written above its bars, so the bars can use the full width of a phone screen), the adopted budget bar
// and the actual spending bar, each labelled with its value in US$ millions or billions.

import * as Plot from "@observablehq/plot";
import type { GroupFigures } from "../site/budget.ts";
import { centsToNumber, formatMoneyShort } from "../site/money.ts";
import { createDocument, finishSvg, textWidth, type ChartDir } from "./render.ts";

export const BUDGET_COLOR = "#5b7fa6"; // 4.2:1 on white (and 3:1+ is all WCAG 1.4.11 asks of graphics)
export const ACTUAL_COLOR = "#17406b"; // 10.6:1 on white

export interface ObjectGroupChartOptions {
  /** Groups in display order. */
  groups: readonly GroupFigures[];
  /** Series names, e.g. "Adopted budget 2024-25" and "Actual spending 2024-25". */
  budgetLabel: string;
  actualLabel: string;
  /** The chart's one-sentence text alternative. */
  description: string;
  /** id of the <svg>; its <title> gets `${id}-title`. */
  id?: string;
  /** Width of the drawing in px (it scales down to fit; 360 keeps text legible on phones). */
  width?: number;
  /** A bar's value label (default "$5.51B", en-US). */
  formatValue?: (cents: bigint) => string;
  /** An axis tick, given in dollars (default "$2B", en-US). */
  formatTick?: (dollars: number) => string;
  /** "rtl" mirrors the chart: bars grow leftwards from a zero on the right, names aligned right. */
  dir?: ChartDir;
  document?: Document;
}

interface Datum {
  group: string;
  series: string;
  value: number;
  label: string;
}

const LABEL_ROW = "label";

/** Returns the chart as SVG markup. Deterministic: the same figures always give the same markup. */
export function renderObjectGroupChart(options: ObjectGroupChartOptions): string {
  const { groups, budgetLabel, actualLabel, description, id = "object-group-chart", width = 360, dir = "ltr" } = options;
  const formatValue = options.formatValue ?? ((c: bigint) => formatMoneyShort(c));
  const formatTick = options.formatTick ?? ((d: number) => formatMoneyShort(BigInt(Math.round(d * 100)), { trim: true }));
  const rtl = dir === "rtl";
  const document = options.document ?? createDocument();

  const data: Datum[] = [];
  for (const g of groups) {
    for (const [series, cents] of [
      [budgetLabel, g.budget],
      [actualLabel, g.actual],
    ] as const) {
      if (cents === null) continue;
      data.push({ group: g.label, series, value: centsToNumber(cents), label: formatValue(cents) });
    }
  }
  const groupNames = groups.map((g) => g.label);
  const seriesNames = [budgetLabel, actualLabel].filter((s) => data.some((d) => d.series === s));
  const rowHeight = 17;
  const marginTop = 4;
  const marginBottom = 28;
  const height = marginTop + marginBottom + groups.length * (seriesNames.length + 1) * rowHeight * 1.15;

  const values = data.map((d) => d.value);
  // Room beyond the longest bar for the value labels ("$5.51B" in 46px; longer words in other languages).
  const labelRoom = Math.max(46, ...data.map((d) => textWidth(d.label) + 4));
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);

  const svg = Plot.plot({
    document,
    width,
    height: Math.round(height),
    marginTop,
    marginBottom,
    // Room for half of the "$0" tick label on the zero side.
    marginLeft: rtl ? 6 : 16,
    marginRight: rtl ? 16 : 6,
    fy: { domain: groupNames, axis: null, padding: 0.15 },
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
    color: { domain: [budgetLabel, actualLabel], range: [BUDGET_COLOR, ACTUAL_COLOR] },
    marks: [
      Plot.barX(data, { fy: "group", y: "series", x: "value", fill: "series" }),
      Plot.text(data, {
        fy: "group",
        y: "series",
        x: "value",
        text: "label",
        textAnchor: rtl ? "end" : "start",
        dx: rtl ? -4 : 4,
        fill: "currentColor",
      }),
      Plot.text(groupNames, {
        fy: (d: string) => d,
        y: () => LABEL_ROW,
        frameAnchor: rtl ? "right" : "left",
        text: (d: string) => d,
        textAnchor: rtl ? "end" : "start",
        fontWeight: "bold",
        fill: "currentColor",
      }),
      Plot.ruleX([0], { stroke: "currentColor" }),
    ],
  }) as unknown as SVGSVGElement;

  return finishSvg(svg, document, { id, title: description }, { dir });
}
