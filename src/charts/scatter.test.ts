process.env.TZ = "UTC";

import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { leastSquares, renderScatterChart } from "./scatter.ts";
import { roundNumbers } from "./render.ts";

const points = Array.from({ length: 40 }, (_, i) => ({ x: 20 + i * 1.5, y: 12_000 + i * 150 + ((i * 7919) % 13) * 200 }));
const render = (description = "Scatter plot of 40 schools.") =>
  renderScatterChart({
    id: "test-scatter",
    points,
    rules: [
      { x: 35, label: "Q1" },
      { x: 50, label: "Q2" },
      { x: 65, label: "Q3" },
    ],
    xLabel: "Need index",
    yLabel: "Per student",
    yFormat: (v) => `$${Math.round(v / 1000)}K`,
    description,
  });
const dom = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

describe("renderScatterChart", () => {
  it("renders the same SVG every time (snapshot, numbers rounded)", async () => {
    const svg = render();
    expect(render()).toBe(svg);
    await expect(roundNumbers(svg, 1) + "\n").toMatchFileSnapshot("./__snapshots__/scatter.svg");
  });

  it("is an accessible image with one dot per point, a trend line and labelled band rules", () => {
    const d = dom(render());
    const svg = d.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-labelledby")).toBe("test-scatter-title");
    expect(svg.firstElementChild!.textContent).toBe("Scatter plot of 40 schools.");
    expect(d.querySelectorAll("circle").length).toBe(40);
    expect(d.querySelectorAll("[stroke-dasharray='6,3'] path, path[stroke-dasharray='6,3']").length).toBe(1);
    const texts = [...d.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(["Q1", "Q2", "Q3", "$20K"]));
    expect(d.querySelectorAll("[aria-label]").length).toBe(0);
  });

  it("escapes text and fits a least-squares line", () => {
    expect(render("<b>&</b>")).toContain("&lt;b&gt;&amp;&lt;/b&gt;");
    const l = leastSquares([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])!;
    expect(l.a).toBeCloseTo(1, 10);
    expect(l.b).toBeCloseTo(2, 10);
    expect(leastSquares([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toBeNull();
  });
});
