process.env.TZ = "UTC";

import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { ACTUAL_SERIES, ADOPTED_SERIES, REVISED_SERIES, fitLabel, renderComparisonChart } from "./comparison.ts";
import { roundNumbers } from "./render.ts";

const render = (label = "2023-24") =>
  renderComparisonChart({
    series: [ADOPTED_SERIES, REVISED_SERIES, ACTUAL_SERIES],
    groups: [
      { label: "2022-23", values: [18_573_591_180_21n, 17_782_073_364_46n, 17_460_091_110_57n] },
      { label, values: [19_006_321_807_95n, null, 18_058_256_629_21n] },
    ],
    description: "Bar chart of adopted, revised and actual spending.",
    id: "test-comparison",
  });
const dom = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

describe("renderComparisonChart", () => {
  it("renders the same SVG every time (snapshot, numbers rounded)", async () => {
    const svg = render();
    expect(render()).toBe(svg);
    await expect(roundNumbers(svg, 1) + "\n").toMatchFileSnapshot("./__snapshots__/comparison.svg");
  });

  it("is an accessible image and names the series on every bar", () => {
    const d = dom(render());
    const svg = d.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-labelledby")).toBe("test-comparison-title");
    expect(svg.firstElementChild!.textContent).toBe("Bar chart of adopted, revised and actual spending.");
    const texts = [...d.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toContain("Adopted $18.6B");
    expect(texts).toContain("Revised $17.8B");
    expect(texts).toContain("Actual $18.1B");
    expect(d.querySelectorAll("rect").length).toBe(5); // the missing revised figure draws no bar
  });

  it("escapes text from the data", () => {
    const svg = render("<script>alert(1)</script> & co");
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("shortens long names but keeps the code", () => {
    const long = "Child Nutrition: School Programs (e.g., School Lunch, School Breakfast, Milk) (5310)";
    expect(fitLabel(long)).toHaveLength(44);
    expect(fitLabel(long).endsWith("… (5310)")).toBe(true);
    expect(fitLabel("Special Education (6500)")).toBe("Special Education (6500)");
  });
});
