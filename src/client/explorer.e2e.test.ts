/**
 * The Explorer end to end in Chromium (issue 4), over the shared sample site (src/test-support/sample-site.ts):
 * - build a view by clicking (breakdowns, a filter): the table shows the numbers native DuckDB computes
 *   from the same release with the same compiled query, and the address is a permalink with the release;
 * - reload the permalink: the same view, the same numbers;
 * - download the view's CSV and Parquet and the underlying lines' CSV: their rows are exactly native
 *   DuckDB's (amounts to the cent);
 * - with every .wasm request blocked: the pre-rendered view stays and a clear message says why;
 * - hostile and broken links: a clear message and the default view, no engine loaded, no error page;
 * - a release that is no longer published: said plainly;
 * - 360 px wide: nothing scrolls sideways.
 * Drives Debian's /usr/bin/chromium with playwright-core. Without Chromium the suite is skipped with a
 * warning, except under CI, where it fails.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { contentType, resolveFile } from "../test-support/static-server.ts";
import { Db } from "../pipeline/db.ts";
import { compileRows, compileSpec } from "../query/compile.ts";
import { decodeSpec } from "../query/url.ts";
import { formatValue } from "../query/describe.ts";
import { formatters } from "../i18n/format.ts";

const CHROMIUM = "/usr/bin/chromium";
const site = inject("sampleSite");
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`explorer.e2e.test.ts: ${CHROMIUM} not found; skipping (CI installs Chromium in .ci/run).`);

/** Pages from the built site, data/ from the pipeline's output (the release the pages were built from). */
async function serve(dist: string, dataDir: string): Promise<{ origin: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    const file = url.pathname.startsWith("/data/") ? resolveFile(dataDir, url.pathname.slice("/data".length)) : resolveFile(dist, url.pathname);
    const body = file ? fs.readFileSync(file) : fs.readFileSync(path.join(dist, "404.html"));
    res.writeHead(file ? 200 : 404, { "Content-Type": file ? contentType(file) : "text/html; charset=utf-8", "Content-Length": body.length, "Cache-Control": "no-store" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Native DuckDB over the release's Parquet files, with the same view names as the site. */
async function nativeDb(releaseDir: string): Promise<Db> {
  const manifest = JSON.parse(fs.readFileSync(path.join(releaseDir, "manifest.json"), "utf8")) as { files: { table: string; path: string }[] };
  const byTable = new Map<string, string[]>();
  for (const f of manifest.files) if (f.path.endsWith(".parquet")) byTable.set(f.table, [...(byTable.get(f.table) ?? []), path.join(releaseDir, f.path)]);
  const db = await Db.open();
  for (const [t, files] of byTable) await db.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet([${files.map((f) => `'${f}'`).join(", ")}])`);
  return db;
}

const ready = (page: Page) =>
  page.waitForFunction(() => {
    const s = document.querySelector("[data-explorer-status]")?.textContent ?? "";
    const err = document.querySelector("[data-error]");
    return s.startsWith("Showing") || (err && !err.hasAttribute("hidden"));
  }, null, { timeout: 60_000 });

async function tableRows(page: Page): Promise<string[][]> {
  return page.locator(".explorer-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
}

const fmt = formatters("en");

describe.skipIf(!haveChromium && !process.env.CI)("explorer in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let db: Db;

  beforeAll(async () => {
    expect(site.errors).toEqual([]);
    server = await serve(site.dist, site.out);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    db = await nativeDb(site.releaseDir);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    db?.close();
  });

  it("pre-renders the default view: a chart with a text alternative and a table, no wasm or Parquet on first view", async () => {
    const html = fs.readFileSync(path.join(site.dist, "explore", "index.html"), "utf8");
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('id="explorer-chart-title"');
    expect(html).toContain('class="explorer-table"');
    expect(html).not.toMatch(/(src|href)="[^"]*\.(wasm|parquet)"/);
    const compiled = compileSpec(decodeSpec("").spec);
    const native = await db.all<Record<string, string>>(compiled.sql, compiled.params);
    expect(native.length).toBeGreaterThan(0);
    for (const r of native) expect(html).toContain(formatValue("amount", r.amount, fmt));
  });

  it("builds a view by clicking, matches native DuckDB, reloads from its permalink, downloads CSV and Parquet with the same rows", async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const elsewhere: string[] = [];
    context.on("request", (r) => {
      if (!r.url().startsWith(`${server.origin}/`) && !/^(blob|data):/.test(r.url())) elsewhere.push(r.url());
    });
    await page.goto(`${server.origin}/explore/`);
    await page.selectOption('select[name="by1"]', "fund");
    await ready(page);
    await page.selectOption('select[name="by2"]', "object_group");
    await ready(page);
    await page.locator(".explorer-filters summary").click();
    const year = (await page.locator('input[name="f.fiscal_year"]').last().getAttribute("value")) ?? "";
    await page.locator(`input[name="f.fiscal_year"][value="${year}"]`).check();
    // The release id joins the URL once the explorer knows which release it reads (busy machines: later).
    await page.waitForFunction((y) => location.search.includes(`f.fiscal_year=${y}`) && new URLSearchParams(location.search).has("r"), year);
    await ready(page);
    expect(await page.locator("[data-error]").isHidden()).toBe(true);

    const url = new URL(page.url());
    expect(url.searchParams.get("r")).toBe(site.releaseId);
    const decoded = decodeSpec(url.search);
    expect(decoded.messages).toEqual([]);
    expect(decoded.spec.by).toEqual(["fund", "object_group"]);
    expect(decoded.spec.filters.fiscal_year).toEqual([year]);
    const compiled = compileSpec(decoded.spec);
    const native = await db.all<Record<string, string | null>>(compiled.sql, compiled.params);
    expect(native.length).toBeGreaterThan(1);
    const shown = await tableRows(page);
    expect(shown.length).toBe(native.length);
    expect(shown.map((r) => r.slice(2))).toEqual(native.map((r) => [formatValue("amount", r.amount, fmt), formatValue("count", r.line_count, fmt)]));
    expect(await page.locator("#explorer-chart-title").textContent()).toMatch(/^Bar chart of /);

    // The permalink: reload, same view, same numbers.
    await page.reload();
    await ready(page);
    expect(page.url()).toBe(url.href);
    expect(await tableRows(page)).toEqual(shown);
    expect(await page.locator('select[name="by2"]').inputValue()).toBe("object_group");

    // Downloads: CSV and Parquet of the view, CSV of the underlying lines.
    const grab = async (what: string) => {
      const [d] = await Promise.all([page.waitForEvent("download"), page.click(`button[data-download="${what}"]`)]);
      const file = path.join(site.out, "..", `download-${what}`);
      await d.saveAs(file);
      return { file, name: d.suggestedFilename() };
    };
    const csv = await grab("view.csv");
    expect(csv.name).toBe(`school-budget-${site.releaseId}-view.csv`);
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(csv.file, "utf8"), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(compiled.columns.map((c) => c.name));
    expect(parsed.data).toEqual(native.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? ""]))));

    const excel = await grab("view.excel.csv");
    expect(fs.readFileSync(excel.file, "utf8").startsWith("\ufeff")).toBe(true);

    const pq = await grab("view.parquet");
    const fromParquet = await db.all<Record<string, string | null>>(
      `SELECT ${compiled.columns.map((c) => `CAST(${c.name === "function" ? '"function"' : c.name} AS VARCHAR) AS ${c.name}`).join(", ")} FROM read_parquet('${pq.file}')`,
    );
    expect(fromParquet).toEqual(native);
    const types = await db.all<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${pq.file}'))`);
    expect(types.find((t) => t.column_name === "amount")?.column_type).toBe("DECIMAL(18,2)");

    const lines = await grab("rows.csv");
    const rowsCompiled = compileRows(decoded.spec);
    const nativeRows = await db.all<Record<string, string | null>>(rowsCompiled.sql, rowsCompiled.params);
    const linesParsed = Papa.parse<Record<string, string>>(fs.readFileSync(lines.file, "utf8"), { header: true, skipEmptyLines: true });
    expect(linesParsed.data.length).toBe(nativeRows.length);
    expect(linesParsed.data).toEqual(nativeRows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? ""]))));

    const dict = await grab("view.datapackage.json");
    const pkg = JSON.parse(fs.readFileSync(dict.file, "utf8")) as { citation: string; resources: { schema: { fields: { name: string; description: string }[] } }[] };
    expect(pkg.citation).toContain(site.releaseId);
    expect(pkg.citation).toContain(url.href.split("?")[0]);
    expect(pkg.resources[0]?.schema.fields.map((f) => f.name)).toEqual(compiled.columns.map((c) => c.name));

    // Sorting the table by amount, descending on the second click.
    await page.click('.explorer-table th button[data-sort="amount"]');
    await page.click('.explorer-table th button[data-sort="amount"]');
    expect(await page.locator('.explorer-table th[aria-sort="descending"]').count()).toBe(1);
    const sorted = (await tableRows(page)).map((r) => Number(r[2]!.replace(/[$,]/g, "")));
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    expect(errors).toEqual([]);
    // Self-hosted: no request ever leaves the site (engine, worker, data, downloads).
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  it("with the wasm request blocked: the pre-rendered view stays and a clear message says why", async () => {
    const context = await browser.newContext();
    await context.route(/\.wasm(\?|$)/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${server.origin}/explore/`);
    const before = await tableRows(page);
    expect(before.length).toBeGreaterThan(0);
    await page.click("button[data-start]");
    await page.locator("[data-error]").waitFor({ state: "visible", timeout: 60_000 });
    expect(await page.locator("[data-error]").innerText()).toMatch(/could not load its database engine/);
    expect(await page.locator("[data-error]").innerText()).toMatch(/computed when the site was built/);
    expect(await tableRows(page)).toEqual(before);
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    await context.close();
  });

  const HOSTILE = [
    "by=password",
    `f.fund=${encodeURIComponent("'; DROP TABLE line_items; --")}`,
    "f.region=%3Cscript%3Ealert(1)%3C%2Fscript%3E&t=allocations",
    "m=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    `f.fiscal_year=${"9".repeat(5000)}`,
    "m=per_pupil&by=fund",
    "f.need_band=7&t=allocations",
    "cmp=similar_schools&m=per_pupil&t=allocations&by=fiscal_year",
    "r=../../etc/passwd",
    "%E0%A4%A",
  ];
  it.each(HOSTILE.map((h) => [h.length > 60 ? `${h.slice(0, 60)}…` : h, h]))("hostile link %s: a clear message and the default view", async (_label, q) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    const wasm: string[] = [];
    page.on("request", (r) => {
      if (/\.(wasm|parquet)(\?|$)/.test(r.url())) wasm.push(r.url());
    });
    const res = await page.goto(`${server.origin}/explore/?${q}`);
    expect(res?.status()).toBe(200);
    const problems = page.locator("[data-link-problems]");
    await problems.waitFor({ state: "visible", timeout: 10_000 });
    const text = await problems.innerText();
    expect(text).toMatch(/could not be used/);
    expect(text).toMatch(/default view/);
    expect(await page.locator("[data-link-problems] script, [data-link-problems] img").count()).toBe(0);
    expect((await tableRows(page)).length).toBeGreaterThan(0);
    expect(await page.locator("[data-error]").isHidden()).toBe(true);
    await page.waitForTimeout(300);
    expect(wasm).toEqual([]);
    expect(dialogs).toBe(0);
    await context.close();
  });

  it("says plainly when a link's release is no longer published", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}/explore/?r=2020-01-01-deadbeef&m=amount&by=fund`);
    await page.locator("[data-error]").waitFor({ state: "visible", timeout: 60_000 });
    expect(await page.locator("[data-error]").innerText()).toMatch(/release 2020-01-01-deadbeef, which is no longer published/);
    expect(await page.locator("[data-error] a").getAttribute("href")).toBe("?m=amount&by=fund");
    expect((await tableRows(page)).length).toBeGreaterThan(0);
    await context.close();
  });

  it("works at 360 px wide: nothing scrolls sideways, before and after exploring", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${server.origin}/explore/`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.selectOption('select[name="t"]', "allocations");
    await ready(page);
    await page.selectOption('select[name="by1"]', "need_band");
    await ready(page);
    expect(await page.locator("[data-error]").isHidden()).toBe(true);
    expect((await tableRows(page)).length).toBeGreaterThan(0);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await context.close();
  });
});
