/**
 * Equity, Outcomes and About pages, end to end: the shared 24-school sample district → pipeline → astro build
 * (src/test-support/sample-site.ts), then the pages' key numbers are checked against direct DuckDB queries on
 * the release's Parquet files, written independently of src/site/equity.ts and outcomes.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scriptsBeyondOfflineSupport } from "../test-support/scripts.ts";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { formatDollars, formatMillions, parseCents } from "./money.ts";

describe("equity, outcomes and about pages on a sample release", () => {
  const site = inject("sampleSite");
  let conn: DuckDBConnection;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    conn = await (await DuckDBInstance.create(":memory:")).connect();
    if (!site.releaseDir) return;
    for (const t of ["line_items", "allocations", "schools", "enrollment", "outcomes", "codes"]) {
      await conn.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${path.join(site.releaseDir, `${t}[-.]*.parquet`)}')`);
    }
    for (const p of ["equity", "outcomes", "about"]) pages[p] = fs.readFileSync(path.join(site.dist, `${p}/index.html`), "utf8");
  });
  afterAll(() => conn?.closeSync());

  const q = async <T,>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const html = (s: string) => s.replaceAll("&", "&amp;");
  /** A table row whose header starts with `label` and whose cells include `cells` in order. */
  const rowRe = (label: string, cells: string[]) =>
    new RegExp(`<th scope="row"[^>]*>\\s*${escapeRe(label)}[\\s\\S]*?</th>${cells.map((c) => `[\\s\\S]*?<td class="num"[^>]*>${escapeRe(c)}</td>`).join("")}`);

  it("builds the three pages, each under 100 KB compressed, with no script and a plain summary", () => {
    expect(site.errors).toEqual([]);
    for (const [name, page] of Object.entries(pages)) {
      expect(page.length, name).toBeGreaterThan(5000);
      expect(gzipSync(page).length, name).toBeLessThan(100_000);
      expect(scriptsBeyondOfflineSupport(page), name).toEqual([]);
      expect(page, name).toMatch(/<p class="lead"[^>]*>[^<]{40,}<\/p>/);
    }
    expect(pages["equity"]).toContain("How was this computed?");
    expect(pages["outcomes"]).toContain("How was this computed?");
  });

  it("equity: per-student averages by need band and the correlation match the release", async () => {
    const [{ year, col }] = await q<{ year: string; col: string }>(
      `SELECT max(fiscal_year) AS year, CASE WHEN bool_or(column_code = 'BA') FILTER (WHERE fiscal_year = (SELECT max(fiscal_year) FROM allocations)) THEN 'BA' ELSE 'BB' END AS col FROM allocations`,
    ) as [{ year: string; col: string }];
    const bands = await q<{ band: number; amount: string; students: string; schools: number; r: number | null }>(`
      WITH need_year AS (SELECT max(fiscal_year) AS y FROM enrollment WHERE need_index IS NOT NULL),
      need AS (SELECT school_code, CAST(need_index AS DOUBLE) AS ni FROM enrollment WHERE fiscal_year = (SELECT y FROM need_year) AND need_index IS NOT NULL),
      cuts AS (SELECT quantile_cont(ni, [0.25, 0.5, 0.75]) AS c FROM need),
      per_school AS (
        SELECT a.school_code, sum(a.amount) AS amount, any_value(e.enrollment) AS enrollment
        FROM allocations a JOIN enrollment e ON e.school_code = a.school_code AND e.fiscal_year = a.fiscal_year
        WHERE a.fiscal_year = '${year}' AND a.column_code = '${col}' AND e.enrollment > 0
        GROUP BY a.school_code
      ),
      banded AS (
        SELECT p.*, n.ni, CASE WHEN n.ni <= c[1] THEN 1 WHEN n.ni <= c[2] THEN 2 WHEN n.ni <= c[3] THEN 3 ELSE 4 END AS band
        FROM per_school p JOIN need n USING (school_code), cuts
      )
      SELECT band, CAST(sum(amount) AS VARCHAR) AS amount, CAST(sum(enrollment) AS VARCHAR) AS students, count(*) AS schools,
        (SELECT corr(ni, round(amount / enrollment, 2)) FROM banded) AS r
      FROM banded GROUP BY band ORDER BY band`);
    expect(bands).toHaveLength(4);
    const labels = ["Lowest need", "Below-middle need", "Above-middle need", "Highest need"];
    const avg = (b: (typeof bands)[number]) => {
      const cents = parseCents(b.amount);
      const n = BigInt(b.students);
      return formatDollars((cents * 2n + n) / (2n * n));
    };
    for (const b of bands) {
      expect(pages["equity"]).toMatch(rowRe(labels[b.band - 1]!, [String(b.schools), Number(b.students).toLocaleString("en-US"), formatMillions(parseCents(b.amount)), avg(b)]));
    }
    const kind = col === "BA" ? "actual spending" : "adopted allocations";
    expect(pages["equity"]).toContain(`In ${year}, the district ${col === "BA" ? "spent" : "allocated"} ${avg(bands[3]!)} per student at its highest-need schools and ${avg(bands[0]!)} per student at its lowest-need schools (${kind}).`);
    const r = bands[0]!.r!;
    expect(pages["equity"]).toContain(`<strong>${r.toFixed(2).replace("-", "\u2212")}</strong>`);
    expect(pages["equity"]).toMatch(/<svg[^>]*id="equity-scatter"[^>]*role="img"|<svg[^>]*role="img"[^>]*id="equity-scatter"/);
  });

  it("equity: per-student average by region matches the release", async () => {
    const [top] = await q<{ region: string; amount: string; students: string }>(`
      WITH y AS (SELECT max(fiscal_year) AS y FROM allocations),
      c AS (SELECT CASE WHEN bool_or(column_code = 'BA') THEN 'BA' ELSE 'BB' END AS c FROM allocations WHERE fiscal_year = (SELECT y FROM y)),
      per_school AS (
        SELECT a.school_code, sum(a.amount) AS amount FROM allocations a
        WHERE a.fiscal_year = (SELECT y FROM y) AND a.column_code = (SELECT c FROM c) GROUP BY a.school_code
      )
      SELECT s.region, CAST(sum(p.amount) AS VARCHAR) AS amount, CAST(sum(e.enrollment) AS VARCHAR) AS students
      FROM per_school p JOIN schools s USING (school_code)
      JOIN enrollment e ON e.school_code = p.school_code AND e.fiscal_year = (SELECT y FROM y)
      WHERE e.enrollment > 0 AND s.region IS NOT NULL
      GROUP BY s.region ORDER BY s.region LIMIT 1`);
    const cents = parseCents(top!.amount);
    const n = BigInt(top!.students);
    expect(pages["equity"]).toMatch(rowRe(html(top!.region), [formatMillions(cents), formatDollars((cents * 2n + n) / (2n * n))]));
  });

  it("outcomes: spending by goal and district-wide weighted outcomes match the release", async () => {
    const goals = await q<{ goal: string; title: string; amount: string }>(`
      SELECT l.goal, trim(any_value(c.title)) AS title, CAST(sum(l.amount) AS VARCHAR) AS amount
      FROM line_items l LEFT JOIN codes c ON c.dimension = 'goal' AND c.code = l.goal AND c.fiscal_year = l.fiscal_year
      WHERE l.is_latest AND l.column_code = 'BA' AND l.object_class IN ('expenditure', 'other_outgo')
        AND l.fiscal_year = (SELECT max(fiscal_year) FROM line_items WHERE column_code = 'BA' AND is_latest)
      GROUP BY l.goal ORDER BY sum(l.amount) DESC`);
    expect(goals.length).toBeGreaterThan(1);
    for (const g of goals.slice(0, 3)) {
      expect(pages["outcomes"]).toMatch(new RegExp(`${escapeRe(html(g.title))} <span class="code"[^>]*>\\(${g.goal}\\)</span>[\\s\\S]*?<td class="num"[^>]*>${escapeRe(formatMillions(parseCents(g.amount)))}</td>`));
    }
    const total = goals.reduce((t, g) => t + parseCents(g.amount), 0n);
    expect(pages["outcomes"]).toMatch(new RegExp(`All goals</th>\\s*<td[^>]*></td>\\s*<td class="num"[^>]*>${escapeRe(formatMillions(total))}</td>`));

    const measures = await q<{ fiscal_year: string; measure: string; v: string }>(`
      SELECT fiscal_year, measure, CAST(round(sum(value * students) / sum(students), 1) AS VARCHAR) AS v
      FROM outcomes WHERE students > 0 AND fiscal_year = (SELECT max(fiscal_year) FROM outcomes)
      GROUP BY ALL ORDER BY measure`);
    expect(measures.length).toBeGreaterThan(0);
    const row = pages["outcomes"]!.match(new RegExp(`<th scope="row"[^>]*>${measures[0]!.fiscal_year}</th>[\\s\\S]*?</tr>`))![0];
    for (const m of measures) expect(row).toContain(`${Number(m.v).toFixed(1)}%`);
  });

  it("outcomes: says association, not causation, and shows the per-school table by need band", () => {
    const page = pages["outcomes"]!;
    expect(page).toMatch(/not show that spending caused/);
    expect(page).not.toMatch(/\b(caused by|leads to|results in|because of (the )?(spending|money))\b/i);
    expect(page).toMatch(/Outcomes by need band and per-student allocation/);
    expect((page.match(/lower-funded half<\/span>/g) ?? []).length).toBe(4);
  });

  it("about: names the release, every source with its sha256, and links the manifest, data package and validation report", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(site.releaseDir, "manifest.json"), "utf8")) as { release: string; sources: { path: string; sha256: string }[] };
    const page = pages["about"]!;
    expect(page).toContain(manifest.release);
    for (const s of manifest.sources) {
      expect(page).toContain(s.sha256);
      expect(page).toContain(html(s.path));
    }
    for (const f of ["manifest.json", "datapackage.json", "validation.txt", "validation.json"]) expect(page).toContain(`${manifest.release}/${f}"`);
    expect(page).toMatch(/Sample data\./);
    for (const term of ["Budget vs. actual", "Restricted vs. unrestricted", "FTE", "Need index", "Weighted student funding", "BA</strong> unaudited actuals"]) expect(page).toContain(term);
  });
});
