// Pin the time zone (nothing formats a date or a number at import time, so this runs early enough).
// The locale is pinned in the code itself: every formatter the chart uses is explicitly en-US, so the
// snapshot is the same under any LANG (checked with TZ=Asia/Tokyo LANG=fr_FR.UTF-8).
process.env.TZ = "UTC";

import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { computeHomeFigures } from "../site/budget.ts";
import { parseCents } from "../site/money.ts";
import type { ObjectGroupRow, Rollup } from "../site/release.ts";
import { chartDescription } from "../site/summary.ts";
import { useTranslations } from "../i18n/index.ts";
import { localeFormats } from "../site/locale-format.ts";
import { renderObjectGroupChart } from "./objectGroups.ts";
import { roundNumbers } from "./render.ts";

// A rollup in the release's format (src/charts/__fixtures__/object_groups.json), at the scale of a large district.
const raw = JSON.parse(
  readFileSync(new URL("./__fixtures__/object_groups.json", import.meta.url), "utf8"),
) as Omit<Rollup<ObjectGroupRow>, "path">;
const rollup: Rollup<ObjectGroupRow> = {
  ...raw,
  path: "rollups/object_groups.json",
  rows: raw.rows.map((r) => ({ ...r, cents: parseCents(r.amount) })),
};
const figures = computeHomeFigures(rollup, null);
const t = useTranslations("en");

function render(): string {
  return renderObjectGroupChart({
    groups: figures.groups,
    budgetLabel: "Adopted budget",
    actualLabel: "Actual spending",
    description: chartDescription(figures, t, "en"),
    id: "test-chart",
  });
}

describe("renderObjectGroupChart", () => {
  it("runs with the pinned time zone and en-US formatting", () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("UTC");
    expect((1234.5).toLocaleString("en-US")).toBe("1,234.5");
  });

  it("renders the same SVG every time (snapshot, numbers rounded)", async () => {
    const svg = render();
    expect(render()).toBe(svg);
    // Kept as a standalone file, so that it can be opened and looked at.
    await expect(roundNumbers(svg, 1) + "\n").toMatchFileSnapshot("./__snapshots__/object_groups.svg");
  });

  it("is an accessible image with a generated description", () => {
    const { document } = parseHTML(`<!doctype html><html><body>${render()}</body></html>`);
    const svg = document.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-labelledby")).toBe("test-chart-title");
    const title = svg.firstElementChild!;
    expect(title.tagName.toLowerCase()).toBe("title");
    expect(title.getAttribute("id")).toBe("test-chart-title");
    expect(title.textContent).toBe(
      "Bar chart of the adopted budget and actual spending in 2024-25 by object group; the largest are " +
        "certificated salaries ($5.51 billion, 37%), employee benefits ($4.30 billion, 29%) and classified " +
        "salaries ($1.79 billion, 12%) of actual spending.",
    );
    expect(svg.querySelectorAll("[aria-label]").length).toBe(0);
  });

  it("labels every group and every bar in US$ millions or billions", () => {
    const { document } = parseHTML(`<!doctype html><html><body>${render()}</body></html>`);
    const texts = [...document.querySelectorAll("text")].map((t) => t.textContent);
    for (const g of figures.groups) expect(texts).toContain(g.label);
    expect(texts).toContain("$5.51B"); // certificated salaries, actual
    expect(texts).toContain("$5.40B"); // certificated salaries, budget
    expect(texts).toContain("$612M"); // capital outlay, actual
    expect(document.querySelectorAll("rect").length).toBe(figures.groups.length * 2);
    expect(texts.filter((t) => /^\$\d+B$/.test(t ?? "")).length).toBeGreaterThan(0); // axis ticks
  });

  it("draws one series when the year has only a budget", () => {
    const budgetOnly = computeHomeFigures(
      { ...rollup, rows: rollup.rows.filter((r) => r.column_code === "BB" && r.fiscal_year === "2025-26") },
      null,
    );
    const svg = renderObjectGroupChart({
      groups: budgetOnly.groups,
      budgetLabel: "Adopted budget",
      actualLabel: "Actual spending",
      description: chartDescription(budgetOnly, t, "en"),
    });
    const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
    expect(document.querySelectorAll("rect").length).toBe(budgetOnly.groups.length);
    expect(document.querySelector("svg")?.getAttribute("id")).toBe("object-group-chart");
  });

  it("mirrors for a right-to-left page and formats its numbers for the locale", () => {
    const { f, moneyTick } = localeFormats("fa");
    const svg = renderObjectGroupChart({
      groups: figures.groups,
      budgetLabel: "بودجه",
      actualLabel: "هزینه",
      description: "x",
      formatValue: (c) => f.moneyShort(c),
      formatTick: moneyTick,
      dir: "rtl",
    });
    const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
    const texts = [...document.querySelectorAll("text")];
    // Every label is a right-to-left isolate, anchored at its end (the right), and no digit is Latin.
    expect(texts.length).toBeGreaterThan(figures.groups.length * 3);
    for (const el of texts) expect(el.textContent).toMatch(/^\u2067[^]*\u2069$/);
    const labels = texts.filter((el) => el.parentElement?.getAttribute("text-anchor") === "end" || el.getAttribute("text-anchor") === "end");
    expect(labels.length).toBeGreaterThanOrEqual(figures.groups.length * 3);
    expect(texts.map((el) => el.textContent).join(" ")).not.toMatch(/[0-9]/);
    // The bars grow leftwards from one zero on the right: they share their right edge, not their left.
    const rects = [...document.querySelectorAll("rect")].map((r) => ({ x: Number(r.getAttribute("x")), w: Number(r.getAttribute("width")) }));
    expect(new Set(rects.map((r) => Math.round(r.x + r.w))).size).toBe(1);
    expect(new Set(rects.map((r) => Math.round(r.x))).size).toBeGreaterThan(1);
  });
});
