/**
 * The Explorer's benchmark, in Debian's Chromium (playwright-core) on this machine, over the full sample
 * release (public/data: about 1.5 million lines) and the built site (dist/, built with `npm run build`
 * when it has no explorer page):
 * - bytes transferred for the engine (wasm, worker, explorer code) and for the data, as a static host
 *   sends them (gzip for wasm, JavaScript and JSON; Parquet as is; long-lived caching for the versioned
 *   engine files and the content-hashed release files, as on GitHub Pages with a CDN);
 * - time to data ready: from navigation to the first computed view of a permalink, cold (empty cache)
 *   and warm (the same link opened again: HTTP cache and service worker);
 * - p50/p95 of a fixed set of explorer views over every fiscal year (query time in the browser, and
 *   from the view's change to its table and chart on screen), after one warm-up round (first visits: the
 *   files are fetched and the engine starts copying them into its own storage in the background, see
 *   src/client/db.ts) and a pause until those copies are done, as while a reader looks at the first
 *   views. Target p95 ≤ 150 ms. The first visits and the background copying are reported too;
 * - tab memory at the end: the page's JavaScript heap, the engine's WebAssembly memory (its worker) and
 *   the resident size of the tab's renderer process.
 *
 *   node scripts/bench-explorer.ts [--rounds 5] [--dist dist] [--json bench/out/explorer.json]
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { contentType, resolveFile } from "../src/test-support/static-server.ts";
import { encodeSpec } from "../src/query/url.ts";
import { parseSpec, type ViewSpec } from "../src/query/spec.ts";

const root = path.resolve(import.meta.dirname, "..");
const CHROMIUM = "/usr/bin/chromium";

/** The fixed set of views (every fiscal year of the release unless filtered). */
export function benchViews(latestYear: string, school: string): Record<string, unknown>[] {
  const prev = `${Number(latestYear.slice(0, 4)) - 1}-${latestYear.slice(2, 4)}`;
  return [
    { measure: "amount", by: ["fiscal_year"], filters: { column_code: ["BB"], object_class: ["expenditure"] } },
    { measure: "amount", by: ["fund", "object_group"], filters: { fiscal_year: [prev] }, chart: "stacked_bar" },
    { measure: "share", by: ["fiscal_year", "object_group"], filters: { column_code: ["BB"] }, chart: "stacked_bar" },
    { measure: "change", by: ["fiscal_year", "fund"], filters: { column_code: ["BB"] }, chart: "line" },
    { compare: "budget_vs_actual", by: ["object_group"], filters: { fiscal_year: [prev] } },
    { compare: "year_vs_year", by: ["resource"], filters: { fiscal_year: [prev], column_code: ["BB"] }, chart: "table" },
    { measure: "amount", by: ["column_code", "fiscal_year"], latestOnly: false, chart: "table" },
    { table: "allocations", measure: "amount", by: ["school_code"], filters: { fiscal_year: [prev], column_code: ["BB"] }, chart: "table" },
    { table: "allocations", measure: "per_pupil", by: ["fiscal_year", "region"], filters: { column_code: ["BB"] }, chart: "line" },
    { table: "allocations", measure: "per_pupil", by: ["need_band", "basis"], filters: { fiscal_year: [prev], column_code: ["BB"] } },
    { table: "allocations", measure: "per_pupil", compare: "similar_schools", by: ["fiscal_year"], filters: { school_code: [school], column_code: ["BB"] } },
    { table: "allocations", measure: "amount", by: ["low_income_band", "object_group"], filters: { column_code: ["BB"] }, chart: "stacked_bar" },
  ];
}

interface Served {
  origin: string;
  /** Bytes sent, by category. */
  bytes: Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|wasm|txt|webmanifest)$/;
const category = (p: string) =>
  p.endsWith(".wasm") ? "wasm" : p.startsWith("/duckdb/") ? "worker" : p.startsWith("/_astro/") ? "js" : p.startsWith("/data/") ? "data" : "page";

/** The built site as a static host serves it: gzip where it helps, long-lived caching for immutable files. */
async function serve(dist: string, dataDir: string): Promise<Served> {
  const gz = new Map<string, Buffer>();
  const bytes: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const p = url.pathname;
    const file = p.startsWith("/data/") ? resolveFile(dataDir, p.slice("/data".length)) : resolveFile(dist, p);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    let body: Buffer = fs.readFileSync(file);
    const headers: Record<string, string | number> = { "Content-Type": contentType(file) };
    if (COMPRESSIBLE.test(file) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      let z = gz.get(file);
      if (!z) gz.set(file, (z = gzipSync(body, { level: 6 })));
      body = z;
      headers["Content-Encoding"] = "gzip";
    }
    const immutable = p.startsWith("/duckdb/") || p.startsWith("/_astro/") || (p.startsWith("/data/releases/") && !p.endsWith("manifest.json"));
    headers["Cache-Control"] = immutable ? "public, max-age=31536000, immutable" : "no-cache";
    headers["Content-Length"] = body.length;
    res.writeHead(200, headers);
    res.end(body);
    const c = category(p);
    bytes[c] = (bytes[c] ?? 0) + body.length;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    bytes,
    reset: () => {
      for (const k of Object.keys(bytes)) delete bytes[k];
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Every computed view (and error) of the page, recorded from the document's start (addInitScript). */
const RECORDER = `window.__results = [];
document.addEventListener("explorer:result", (e) => window.__results.push({ ms: e.detail.ms, at: performance.now() }));
document.addEventListener("explorer:error", (e) => window.__results.push({ error: JSON.stringify(e.detail), at: performance.now() }));`;

type Recorded = { ms?: number; error?: string; at: number };

/** In the engine's worker: keeps the WebAssembly memory it grows (the engine allocates as data arrive). */
const MEMORY_HOOK = () => {
  const g = globalThis as unknown as { __benchMemory?: WebAssembly.Memory; __benchHooked?: boolean };
  if (g.__benchHooked) return;
  g.__benchHooked = true;
  const grow = WebAssembly.Memory.prototype.grow;
  WebAssembly.Memory.prototype.grow = function (this: WebAssembly.Memory, delta: number) {
    g.__benchMemory = this;
    return grow.call(this, delta);
  };
};

/** The engine's copies (src/client/db.ts marks): done when the last mark says so, or when there were none. */
async function waitPrepared(page: Page): Promise<{ waitedMs: number; copyMs: number; files: number }> {
  const t0 = Date.now();
  await page.waitForFunction(() => {
    const marks = performance.getEntriesByType("mark").filter((m) => m.name.startsWith("duckdb:"));
    return marks.length === 0 || marks.at(-1)!.name === "duckdb:prepared";
  }, null, { timeout: 300_000, polling: 50 });
  const detail = await page.evaluate(() => {
    const m = performance.getEntriesByName("duckdb:prepared").at(-1) as PerformanceMark | undefined;
    return (m?.detail ?? {}) as { ms?: number; files?: number };
  });
  return { waitedMs: Date.now() - t0, copyMs: detail.ms ?? 0, files: detail.files ?? 0 };
}

/** Resident size of Chromium's renderer processes started by this process (Linux /proc), largest first. */
function rendererRss(): number[] {
  try {
    const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss=,args="], { encoding: "utf8" }).trim().split("\n").flatMap((l) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l);
      return m ? [{ pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]) * 1024, args: m[4]! }] : [];
    });
    const mine = new Set([process.pid]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of rows) {
        if (mine.has(r.pid) || !mine.has(r.ppid)) continue;
        mine.add(r.pid);
        grew = true;
      }
    }
    return rows.filter((r) => mine.has(r.pid) && r.args.includes("--type=renderer")).map((r) => r.rss).sort((a, b) => b - a);
  } catch {
    return [];
  }
}

/** Waits for the explorer's next computed view after `start`; its query time and the time from `start` (or navigation). */
async function nextResult(page: Page, start: () => Promise<unknown>, navigation = false): Promise<{ queryMs: number; totalMs: number }> {
  const before = navigation ? 0 : await page.evaluate(() => (window as unknown as { __results: unknown[] }).__results.length);
  const t0 = navigation ? 0 : await page.evaluate(() => performance.now());
  await start();
  await page.waitForFunction((n) => (window as unknown as { __results?: unknown[] }).__results!.length > n, before, { timeout: 120_000 });
  const r = await page.evaluate(async (n) => {
    const rec = (window as unknown as { __results: Recorded[] }).__results[n]!;
    // The chart and table are on screen once the next frame is painted.
    await new Promise((f) => requestAnimationFrame(() => f(null)));
    return { ...rec, painted: performance.now() };
  }, before);
  if (r.error) throw new Error(`explorer error: ${r.error}`);
  return { queryMs: r.ms ?? NaN, totalMs: (navigation ? r.at : r.painted) - t0 };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

export interface ExplorerBench {
  release: string;
  lines: number;
  bytes: { cold: Record<string, number>; warm: Record<string, number> };
  dataReadyMs: { cold: number; warm: number };
  query: { p50: number; p95: number; n: number };
  view: { p50: number; p95: number };
  perView: { view: string; min: number; p50: number; max: number; first: number }[];
  /** The warm-up round: each view's first visit (query time), while files arrive and copies start. */
  firstVisit: { p50: number; max: number };
  /** The engine's background copies after the warm-up round: time waited, time spent copying, files. */
  prepared: { waitedMs: number; copyMs: number; files: number };
  /** Bytes at the end: page JS heap, engine WebAssembly memory, renderer resident size (largest process). */
  memory: { jsHeap: number; wasm: number | null; rendererRss: number | null };
}

export async function runExplorerBench(options: { dist?: string; dataDir?: string; rounds?: number } = {}): Promise<ExplorerBench> {
  const dist = path.resolve(root, options.dist ?? "dist");
  const dataDir = path.resolve(root, options.dataDir ?? "public/data");
  const rounds = options.rounds ?? 5;
  if (!fs.existsSync(path.join(dist, "explore", "index.html")) || !fs.existsSync(path.join(dist, "duckdb"))) {
    process.stderr.write("[bench] building the site first (npm run build)…\n");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", 2, 2] });
  }
  const current = JSON.parse(fs.readFileSync(path.join(dataDir, "current.json"), "utf8")) as { release: string };
  const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, "releases", current.release, "manifest.json"), "utf8")) as {
    fiscal_years: string[];
    files: { table: string; rows: number; path: string }[];
  };
  const lines = manifest.files.filter((f) => f.table === "line_items" || f.table === "allocations").reduce((n, f) => n + f.rows, 0);
  const years = manifest.fiscal_years;
  const { Db } = await import("../src/pipeline/db.ts");
  const ndb = await Db.open();
  const schoolsFile = manifest.files.find((f) => f.table === "schools")!.path;
  const [first] = await ndb.all<{ school_code: string }>(`SELECT school_code FROM read_parquet('${path.join(dataDir, "releases", current.release, schoolsFile)}') WHERE type = 'elementary' ORDER BY 1 LIMIT 1`);
  ndb.close();
  const specs: ViewSpec[] = benchViews(years.at(-1)!, first?.school_code ?? "0000000").map((raw) => {
    const r = parseSpec({ ...raw, release: current.release });
    if (!r.ok) throw new Error(`bench view ${JSON.stringify(raw)}: ${r.errors.join("; ")}`);
    return r.spec;
  });

  const server = await serve(dist, dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 900 } });
    const page = await context.newPage();
    page.on("pageerror", (e) => process.stderr.write(`[bench] page error: ${e.message}\n`));
    page.on("worker", (w) => void w.evaluate(MEMORY_HOOK).catch(() => undefined));
    // Cold: an empty cache; the link names a view over every fiscal year of line items and allocations' needs.
    const link = `${server.origin}/explore/?${encodeSpec(specs[0]!).replace(/&f\./, "&c=table&f.")}`;
    await context.addInitScript(RECORDER);
    const load = async () => {
      await page.goto("about:blank");
      return nextResult(page, () => page.goto(link), true);
    };
    server.reset();
    const cold = await page.goto(`${server.origin}/404.html`).then(() => load());
    const coldBytes = { ...server.bytes };
    // Let the service worker install and cache what the page used, then open the link again.
    await page.waitForTimeout(1500);
    server.reset();
    const warm = await load();
    const warmBytes = { ...server.bytes };

    // Latency: the fixed set of views, switched in place (as the form does), one warm-up round first.
    const query: number[] = [];
    const total: number[] = [];
    const per = new Map<string, number[]>();
    const first = new Map<string, number>();
    let prepared = { waitedMs: 0, copyMs: 0, files: 0 };
    for (let round = 0; round <= rounds; round++) {
      if (round === 1) prepared = await waitPrepared(page);
      for (const spec of specs) {
        const q = `?${encodeSpec(spec)}`;
        const r = await nextResult(page, () =>
          page.evaluate((url) => {
            history.pushState(null, "", url);
            dispatchEvent(new PopStateEvent("popstate"));
          }, q),
        );
        const key = encodeSpec({ ...spec, release: null });
        if (round === 0) {
          first.set(key, r.queryMs);
          continue;
        }
        query.push(r.queryMs);
        total.push(r.totalMs);
        per.set(key, [...(per.get(key) ?? []), r.queryMs]);
      }
    }
    const cdp = await context.newCDPSession(page);
    const metrics = (await cdp.send("Performance.enable").then(() => cdp.send("Performance.getMetrics"))).metrics;
    const jsHeap = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0;
    let wasm: number | null = null;
    for (const w of page.workers()) {
      const n = await w.evaluate(() => (globalThis as unknown as { __benchMemory?: WebAssembly.Memory }).__benchMemory?.buffer.byteLength ?? null).catch(() => null);
      if (n !== null) wasm = Math.max(wasm ?? 0, n);
    }
    const rss = os.platform() === "linux" ? rendererRss()[0] ?? null : null;
    await context.close();
    const firsts = [...first.values()];
    return {
      release: current.release,
      lines,
      bytes: { cold: coldBytes, warm: warmBytes },
      dataReadyMs: { cold: Math.round(cold.totalMs), warm: Math.round(warm.totalMs) },
      query: { p50: pct(query, 50), p95: pct(query, 95), n: query.length },
      view: { p50: Math.round(pct(total, 50)), p95: Math.round(pct(total, 95)) },
      perView: [...per].map(([view, xs]) => ({ view, min: Math.min(...xs), p50: pct(xs, 50), max: Math.max(...xs), first: first.get(view) ?? NaN })),
      firstVisit: { p50: pct(firsts, 50), max: Math.max(...firsts) },
      prepared,
      memory: { jsHeap, wasm, rendererRss: rss },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export function formatExplorerBench(b: ExplorerBench): string {
  const sum = (o: Record<string, number>, keys: string[]) => keys.reduce((n, k) => n + (o[k] ?? 0), 0);
  const out = [
    `\nExplorer in Chromium (release ${b.release}, ${b.lines.toLocaleString("en-US")} lines; gzip as a static host sends it)`,
    `  transferred, cold      engine ${mb(sum(b.bytes.cold, ["wasm", "worker"]))} (wasm ${mb(b.bytes.cold.wasm ?? 0)}), explorer code ${mb(b.bytes.cold.js ?? 0)}, data ${mb(b.bytes.cold.data ?? 0)}, page ${mb(b.bytes.cold.page ?? 0)}`,
    `  transferred, warm      engine ${mb(sum(b.bytes.warm, ["wasm", "worker"]))}, explorer code ${mb(b.bytes.warm.js ?? 0)}, data ${mb(b.bytes.warm.data ?? 0)}, page ${mb(b.bytes.warm.page ?? 0)}`,
    `  time to data ready     cold ${b.dataReadyMs.cold} ms, from cache ${b.dataReadyMs.warm} ms (navigation → first view computed)`,
    `  query latency          p50 ${b.query.p50} ms, p95 ${b.query.p95} ms over ${b.query.n} runs of ${b.perView.length} views (target p95 ≤ 150 ms)`,
    `  view change → on screen p50 ${b.view.p50} ms, p95 ${b.view.p95} ms (query, chart and table)`,
    `  first visits           p50 ${b.firstVisit.p50} ms, max ${b.firstVisit.max} ms (warm-up round: query time while the files arrive and copies start)`,
    `  background copies      ${b.prepared.files} files copied in ${(b.prepared.copyMs / 1000).toFixed(1)} s of engine time; done ${(b.prepared.waitedMs / 1000).toFixed(1)} s after the warm-up round`,
    `  tab memory             JS heap ${mb(b.memory.jsHeap)}, engine (wasm) ${b.memory.wasm === null ? "n/a" : mb(b.memory.wasm)}, renderer resident ${b.memory.rendererRss === null ? "n/a" : mb(b.memory.rendererRss)}`,
    `  per view (ms)          min   p50   max  first visit`,
    ...b.perView.map((v) => `                       ${[v.min, v.p50, v.max, v.first].map((x) => String(x).padStart(5)).join(" ")}  ${v.view}`),
  ];
  return out.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" }, dist: { type: "string", default: "dist" }, json: { type: "string" } } });
  const b = await runExplorerBench({ dist: values.dist, rounds: Number(values.rounds) });
  console.log(formatExplorerBench(b));
  if (values.json) {
    fs.mkdirSync(path.dirname(values.json), { recursive: true });
    fs.writeFileSync(values.json, JSON.stringify(b, null, 2));
  }
}
