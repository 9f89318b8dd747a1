/**
 * Budget drill-down pages, end to end on the shared sample site (src/test-support/sample-site.ts): the
 * pages' figures are checked against direct DuckDB queries on the release's Parquet files.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scriptsBeyondOfflineSupport } from "../test-support/scripts.ts";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { formatDollars, parseCents } from "./money.ts";

describe("budget drill-down pages on a sample release", () => {
  const site = inject("sampleSite");
  let conn: DuckDBConnection;

  beforeAll(async () => {
    conn = await (await DuckDBInstance.create(":memory:")).connect();
  });
  afterAll(() => conn?.closeSync());

  const q = async <T,>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  const lines = () => `read_parquet('${path.join(site.releaseDir, "line_items-*.parquet")}')`;
  const SPENDING = "is_latest AND object_class IN ('expenditure', 'other_outgo')";
  const total = async (where: string): Promise<bigint | null> => {
    const [r] = await q<{ amount: string | null }>(`SELECT CAST(sum(amount) AS VARCHAR) AS amount FROM ${lines()} WHERE ${SPENDING} AND ${where}`);
    return r!.amount === null ? null : parseCents(r!.amount);
  };
  const money = (c: bigint | null) => (c === null ? "—" : formatDollars(c));
  const page = (p: string): Document => parseHTML(fs.readFileSync(path.join(site.dist, p, "index.html"), "utf8")).document as unknown as Document;
  /** A table's body rows as [row header text, adopted, actual], and its footer the same way. */
  const table = (doc: Document, id: string) => {
    const t = doc.getElementById(id);
    expect(t, `table #${id}`).toBeTruthy();
    const row = (tr: Element) => {
      const cells = [...tr.querySelectorAll("td")].map((td) => td.firstChild?.textContent?.trim() ?? "");
      return { name: tr.querySelector("th")!.textContent!.trim(), adopted: cells[0]!, actual: cells[1]! };
    };
    return { rows: [...t!.querySelectorAll("tbody tr")].map(row), total: t!.querySelector("tfoot tr") ? row(t!.querySelector("tfoot tr")!) : null };
  };
  const cents = (text: string): bigint => (text === "—" ? 0n : parseCents(text.replace(/[$,]/g, "")));
  /** Rows shown in whole dollars add up to the exact total within half a dollar a row. */
  const expectRoundedSum = (shown: string[], exactTotal: bigint) => {
    const d = shown.reduce((s, t) => s + cents(t), 0n) - exactTotal;
    expect(d < 0n ? -d : d).toBeLessThanOrEqual(50n * BigInt(shown.length));
  };
  const latestActualYear = async () => (await q<{ y: string }>(`SELECT max(fiscal_year) AS y FROM ${lines()} WHERE ${SPENDING} AND column_code = 'BA'`))[0]!.y;

  it("builds /budget/, a page per year and a page per fund of each year, each small and script-free", async () => {
    expect(site.errors).toEqual([]);
    const years = await q<{ fiscal_year: string; fund: string }>(
      `SELECT DISTINCT fiscal_year, fund FROM ${lines()} WHERE ${SPENDING} AND column_code IN ('BB', 'BA') ORDER BY ALL`,
    );
    expect(years.length).toBeGreaterThan(3);
    const pages = ["budget", ...new Set(years.map((y) => `budget/${y.fiscal_year}`)), ...years.map((y) => `budget/${y.fiscal_year}/${y.fund}`)];
    for (const p of pages) {
      const html = fs.readFileSync(path.join(site.dist, p, "index.html"), "utf8");
      expect(gzipSync(html).length, p).toBeLessThan(100_000);
      expect(scriptsBeyondOfflineSupport(html), p).toEqual([]);
      expect(html, p).toContain("How was this computed?");
      expect(html, p).toContain('aria-label="Breadcrumb"');
    }
    // Exactly years × funds pages below /budget/<year>/.
    const built = fs.readdirSync(path.join(site.dist, "budget"), { recursive: true }).filter((f) => String(f).endsWith("index.html"));
    expect(built.length).toBe(pages.length);
  });

  it("shows the latest year's funds with the release's adopted and actual totals, adding up to the year", async () => {
    const year = await latestActualYear();
    const doc = page("budget");
    expect(doc.querySelector("h1")!.textContent).toBe(`Budget, ${year}`);
    const funds = table(doc, "budget-funds");
    const [bb, ba] = await Promise.all(["BB", "BA"].map((c) => total(`fiscal_year = '${year}' AND column_code = '${c}'`)));
    expect(funds.total).toMatchObject({ adopted: money(bb!), actual: money(ba!) });
    // Every fund's row is its exact total from the release (rounded to the dollar), and those add up to the year.
    const byFund = await q<{ fund: string; column_code: string; amount: string }>(
      `SELECT fund, column_code, CAST(sum(amount) AS VARCHAR) AS amount FROM ${lines()}
       WHERE ${SPENDING} AND fiscal_year = '${year}' AND column_code IN ('BB', 'BA') GROUP BY ALL`,
    );
    const exact = (fund: string, column: string) => byFund.find((r) => r.fund === fund && r.column_code === column);
    const fundCodes = [...new Set(byFund.map((r) => r.fund))];
    expect(funds.rows.length).toBe(fundCodes.length);
    for (const f of fundCodes) {
      const row = funds.rows.find((r) => r.name.includes(`(${f})`))!;
      expect(row.adopted, f).toBe(money(exact(f, "BB") ? parseCents(exact(f, "BB")!.amount) : null));
      expect(row.actual, f).toBe(money(exact(f, "BA") ? parseCents(exact(f, "BA")!.amount) : null));
    }
    const sum = (column: string) => byFund.filter((r) => r.column_code === column).reduce((s, r) => s + parseCents(r.amount), 0n);
    expect(sum("BB")).toBe(bb);
    expect(sum("BA")).toBe(ba);
    expectRoundedSum(funds.rows.map((r) => r.adopted), bb!);
    expectRoundedSum(funds.rows.map((r) => r.actual), ba!);
    // The General Fund row: plain name, official title and code, and its own totals.
    const general = funds.rows.find((r) => r.name.includes("(01)"))!;
    expect(general.name).toContain("Main operating fund");
    expect(general.name).toContain("General Fund/County School Service Fund (01)");
    expect(general.adopted).toBe(money(await total(`fiscal_year = '${year}' AND column_code = 'BB' AND fund = '01'`)));
    expect(general.actual).toBe(money(await total(`fiscal_year = '${year}' AND column_code = 'BA' AND fund = '01'`)));
    // Restricted and unrestricted add up to the same year.
    const split = table(doc, "budget-restricted");
    expect(split.rows[0]!.actual).toBe(money(await total(`fiscal_year = '${year}' AND column_code = 'BA' AND restricted`)));
    expect(split.total!.actual).toBe(money(ba!));
    // The same view at /budget/<year>/, and every fund links to its page.
    expect(table(page(`budget/${year}`), "budget-funds").total).toEqual(funds.total);
    const links = [...doc.querySelectorAll("#budget-funds tbody th a")].map((a) => a.getAttribute("href"));
    expect(links).toContain(`/budget/${year}/01/`);
  });

  it("shows a budget-only year with its adopted budget and no actual spending", async () => {
    const [y] = await q<{ y: string | null }>(`SELECT max(fiscal_year) AS y FROM ${lines()} WHERE ${SPENDING} AND column_code = 'BB'`);
    const bb = await total(`fiscal_year = '${y!.y}' AND column_code = 'BB'`);
    const funds = table(page(`budget/${y!.y}`), "budget-funds");
    expect(funds.total!.adopted).toBe(money(bb));
    if ((await total(`fiscal_year = '${y!.y}' AND column_code = 'BA'`)) === null) expect(funds.total!.actual).toBe("—");
  });

  it("shows each resource of the General Fund with its totals, and its breakdowns add up to it", async () => {
    const year = await latestActualYear();
    const doc = page(`budget/${year}/01`);
    const resources = table(doc, "budget-resources");
    const ba = await total(`fiscal_year = '${year}' AND column_code = 'BA' AND fund = '01'`);
    expect(resources.total!.actual).toBe(money(ba));
    expectRoundedSum(resources.rows.map((r) => r.actual), ba!);

    const [top] = await q<{ resource: string; amount: string }>(
      `SELECT resource, CAST(sum(amount) AS VARCHAR) AS amount FROM ${lines()}
       WHERE ${SPENDING} AND fiscal_year = '${year}' AND column_code = 'BA' AND fund = '01'
       GROUP BY resource ORDER BY sum(amount) DESC, resource LIMIT 1`,
    );
    expect(resources.rows[0]!.name).toContain(`(${top!.resource})`);
    expect(resources.rows[0]!.actual).toBe(money(parseCents(top!.amount)));
    const topAdopted = await total(`fiscal_year = '${year}' AND column_code = 'BB' AND fund = '01' AND resource = '${top!.resource}'`);
    expect(resources.rows[0]!.adopted).toBe(money(topAdopted));

    // The largest resource's goal, function and object tables each add up to the resource.
    for (const part of ["goals", "functions", "objects"]) {
      const t = table(doc, `resource-${top!.resource}-${part}`);
      expect(t.total!.actual, part).toBe(money(parseCents(top!.amount)));
      expectRoundedSum(t.rows.map((r) => r.actual), parseCents(top!.amount));
    }
    // A goal's figure straight from the release.
    const [g] = await q<{ goal: string; amount: string }>(
      `SELECT goal, CAST(sum(amount) AS VARCHAR) AS amount FROM ${lines()}
       WHERE ${SPENDING} AND fiscal_year = '${year}' AND column_code = 'BA' AND fund = '01' AND resource = '${top!.resource}'
       GROUP BY goal ORDER BY sum(amount) DESC, goal LIMIT 1`,
    );
    const goals = table(doc, `resource-${top!.resource}-goals`);
    expect(goals.rows[0]!.name).toContain(`(${g!.goal})`);
    expect(goals.rows[0]!.actual).toBe(money(parseCents(g!.amount)));
    // The resource table links to the resource's section (the drill state is the URL's #fragment).
    expect(doc.querySelector(`#budget-resources a[href="#resource-${top!.resource}"]`)).toBeTruthy();
    expect(doc.getElementById(`resource-${top!.resource}`)?.closest("details")).toBeTruthy();
  });

  it("has one chart per page with a text alternative, and tables with captions and scoped headers", () => {
    for (const p of ["budget", "budget/" + fs.readdirSync(path.join(site.dist, "budget")).filter((f) => /^\d{4}-\d{2}$/.test(f)).sort()[0] + "/01"]) {
      const doc = page(p);
      const svgs = doc.querySelectorAll('svg[role="img"]');
      expect(svgs.length, p).toBe(1);
      expect(doc.getElementById(svgs[0]!.getAttribute("aria-labelledby")!)?.textContent, p).toMatch(/^Bar chart of /);
      for (const t of doc.querySelectorAll("table")) {
        expect(t.querySelector("caption")?.textContent?.trim(), p).toBeTruthy();
        for (const th of t.querySelectorAll("th")) expect(["col", "row"], p).toContain(th.getAttribute("scope"));
      }
    }
  });
});
