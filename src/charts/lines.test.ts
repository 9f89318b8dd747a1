process.env.TZ = "UTC";

import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { renderLineChart, spreadLabels } from "./lines.ts";
import { roundNumbers } from "./render.ts";

const years = ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"];
const render = () =>
  renderLineChart({
    id: "test-lines",
    years,
    series: [
      { name: "Schools", points: years.map((y, i) => ({ fiscal_year: y, value: 58 + i / 2, hollow: i === 5 })) },
      { name: "Central office", points: years.map((y, i) => ({ fiscal_year: y, value: 12 - i / 10 })) },
      { name: "Other", points: years.map((y, i) => ({ fiscal_year: y, value: i === 5 ? null : 11 })) },
    ],
    format: (v) => `${Math.round(v)}%`,
    description: "Line chart of shares.",
  });
const dom = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

describe("renderLineChart", () => {
  it("renders the same SVG every time (snapshot, numbers rounded)", async () => {
    const svg = render();
    expect(render()).toBe(svg);
    await expect(roundNumbers(svg, 1) + "\n").toMatchFileSnapshot("./__snapshots__/lines.svg");
  });

  it("is an accessible image with each series named at its end, not by colour alone", () => {
    const d = dom(render());
    const svg = d.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.firstElementChild!.textContent).toBe("Line chart of shares.");
    const texts = [...d.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toContain("Schools 61%");
    expect(texts).toContain("Central office 12%");
    expect(texts).toContain("Other 11%"); // its last value (2023-24)
    // Different dash patterns per series.
    const dashes = new Set([...d.querySelectorAll("path")].map((p) => p.closest("[stroke-dasharray]")?.getAttribute("stroke-dasharray") ?? p.getAttribute("stroke-dasharray") ?? "solid"));
    expect(dashes.size).toBeGreaterThanOrEqual(3);
    // Every other year labelled (always the last) so they fit at 360 px.
    expect(texts).toContain("24-25");
    expect(texts).not.toContain("23-24");
  });

  it("spreads end labels so that they never overlap, staying near their points", () => {
    expect(spreadLabels([100, 102, 50], 13)).toEqual([100, 113, 50]);
    expect(spreadLabels([200, 199], 13, 0, 205)).toEqual([205, 192]);
    const out = spreadLabels([10, 10, 10, 10], 13, 0, 30);
    const sorted = [...out].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(13);
  });
});
