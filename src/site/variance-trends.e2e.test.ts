/**
 * Budget vs. actual and Trends pages, end to end: a 24-school sample district → pipeline → astro build,
 * then the pages' key numbers are checked against direct DuckDB queries on the release's Parquet files.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scriptsBeyondOfflineSupport } from "../test-support/scripts.ts";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { divRound, formatDollars, formatMillions, formatMoneyLong, parseCents } from "./money.ts";

describe("budget vs. actual and trends pages on a sample release", () => {
  // The shared sample district, release and site build (src/test-support/sample-site.ts).
  const site = inject("sampleSite");
  let conn: DuckDBConnection;
  let variance = "";
  let trends = "";

  beforeAll(async () => {
    conn = await (await DuckDBInstance.create(":memory:")).connect();
    if (!site.releaseDir) return;
    variance = fs.readFileSync(path.join(site.dist, "budget-vs-actual/index.html"), "utf8");
    trends = fs.readFileSync(path.join(site.dist, "trends/index.html"), "utf8");
  });
  afterAll(() => conn?.closeSync());

  const q = async <T,>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  const files = (table: string) => `read_parquet('${path.join(site.releaseDir, `${table}-*.parquet`)}')`;
  const SPENDING = "is_latest AND object_class IN ('expenditure', 'other_outgo')";
  const total = async (where: string): Promise<bigint> => {
    const [r] = await q<{ amount: string | null }>(`SELECT CAST(sum(amount) AS VARCHAR) AS amount FROM ${files("line_items")} WHERE ${SPENDING} AND ${where}`);
    return parseCents(r!.amount ?? "0");
  };
  const latestActualYear = async () =>
    (await q<{ y: string }>(`SELECT max(fiscal_year) AS y FROM ${files("line_items")} WHERE column_code = 'BA'`))[0]!.y;

  it("builds both pages, each under 100 KB compressed, with no script", () => {
    expect(site.errors).toEqual([]);
    for (const page of [variance, trends]) {
      expect(page.length).toBeGreaterThan(5000);
      expect(gzipSync(page).length).toBeLessThan(100_000);
      expect(scriptsBeyondOfflineSupport(page)).toEqual([]);
      expect(page).toContain("How was this computed?");
    }
  });

  it("shows the latest year's adopted, revised and actual spending as the release has them", async () => {
    const year = await latestActualYear();
    const [bb, ib, ba] = await Promise.all(["BB", "IB", "BA"].map((c) => total(`column_code = '${c}' AND fiscal_year = '${year}'`)));
    const row = new RegExp(
      `<th scope="row"[^>]*>\\s*${year}[\\s\\S]*?</th>\\s*<td class="num"[^>]*>${formatMillions(bb!)}</td>\\s*<td class="num"[^>]*>${formatMillions(ib!)}</td>\\s*<td class="num"[^>]*>${formatMillions(ba!)}</td>\\s*<td class="num"[^>]*>${formatMillions(ba! - bb!, { signed: true }).replace("+", "\\+")}`,
    );
    expect(variance).toMatch(row);
    expect(variance).toContain(`spent ${formatMoneyLong(ba!)}, ${formatMoneyLong(bb! - ba!)}`);
  });

  it("shows restricted and unrestricted actual spending", async () => {
    const year = await latestActualYear();
    const restricted = await total(`column_code = 'BA' AND fiscal_year = '${year}' AND restricted`);
    const unrestricted = await total(`column_code = 'BA' AND fiscal_year = '${year}' AND NOT restricted`);
    expect(variance).toContain(`Restricted programs spent ${formatMoneyLong(restricted)}`);
    expect(variance).toContain(`Unrestricted programs spent ${formatMoneyLong(unrestricted)}`);
  });

  it("names the largest program with its official title and its actual spending", async () => {
    const year = await latestActualYear();
    const [top] = await q<{ resource: string; title: string; amount: string }>(
      `SELECT l.resource, trim(any_value(c.title)) AS title, CAST(sum(l.amount) AS VARCHAR) AS amount
       FROM ${files("line_items")} l LEFT JOIN read_parquet('${path.join(site.releaseDir, "codes.*.parquet")}') c
         ON c.dimension = 'resource' AND c.code = l.resource AND c.fiscal_year = l.fiscal_year
       WHERE l.is_latest AND l.object_class IN ('expenditure', 'other_outgo') AND l.column_code = 'BA' AND l.fiscal_year = '${year}'
       GROUP BY l.resource ORDER BY sum(l.amount) DESC LIMIT 1`,
    );
    const label = `${top!.title} (${top!.resource})`.replaceAll("&", "&amp;");
    expect(variance).toMatch(new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\s\\S]{0,200}?<td class="num"[^>]*>`));
    expect(variance).toContain(`<td class="num">${formatMillions(parseCents(top!.amount))}</td>`);
  });

  it("shows spending per student, central-office share and teachers' average salary from the release", async () => {
    const year = await latestActualYear();
    const spent = await total(`column_code = 'BA' AND fiscal_year = '${year}'`);
    const [e] = await q<{ n: string }>(`SELECT CAST(sum(enrollment) AS VARCHAR) AS n FROM read_parquet('${path.join(site.releaseDir, "enrollment.*.parquet")}') WHERE fiscal_year = '${year}'`);
    expect(trends).toContain(formatDollars(divRound(spent, BigInt(e!.n))));

    const central = await total(`column_code = 'BA' AND fiscal_year = '${year}' AND "function" BETWEEN '7000' AND '7999'`);
    const tenths = divRound(central * 1000n, spent);
    expect(trends).toContain(`${formatMillions(central)}<span class="pct"`);
    expect(trends).toContain(`${tenths / 10n}.${tenths % 10n}%`);

    const [t] = await q<{ amount: string; fte: string }>(
      `SELECT CAST(sum(amount) AS VARCHAR) AS amount, CAST(sum(fte) AS VARCHAR) AS fte FROM ${files("allocations")}
       WHERE object = '1100' AND fte > 0 AND column_code = 'BA' AND fiscal_year = '${year}'`,
    );
    const fteUnits = BigInt(t!.fte.replace(".", "")) * 10n ** BigInt(4 - (t!.fte.split(".")[1]?.length ?? 0));
    expect(trends).toContain(formatDollars(divRound(parseCents(t!.amount) * 10_000n, fteUnits)));
  });
});
