/**
 * Size budgets of the Explorer by bytes (gzip -9, as a static host sends them), over the shared sample
 * site (src/test-support/sample-site.ts):
 * - the explorer page's first view (HTML + the scripts it loads statically, transitively) ≤ 100 KB, and
 *   it loads no wasm, no Parquet and none of the engine's code: those come only when the reader explores;
 * - the engine that is loaded then: DuckDB-WASM 1.28.0's eh build (wasm + worker) and the lazily loaded
 *   explorer code stay within their budgets; only the eh build is shipped (no mvp, no coi).
 * Deterministic on any machine: bytes, no timing (timings are in `npm run bench`).
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";
import { DUCKDB_VERSION, ENGINE_FILES } from "./db.ts";

const site = inject("sampleSite");
const FIRST_VIEW_BUDGET = 100_000;
const WASM_BUDGET = 4_400_000; // eh wasm, gzip: 4.18 MB for 1.28.0
const WORKER_BUDGET = 80_000;
const LAZY_JS_BUDGET = 300_000; // explorer-run + duckdb-browser (+ shared chunks), gzip

const gz = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Static imports of a built chunk (`import … from "./x.js"`, `import "./x.js"`), not dynamic import(). */
function staticImports(js: string): string[] {
  return [...js.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${},\s]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
}

describe.skipIf(!site.dist)("explorer size budgets (bytes)", () => {
  it(`the explorer page's first view is at most ${FIRST_VIEW_BUDGET / 1000} KB gzipped and loads no engine, wasm or Parquet`, () => {
    const page = path.join(site.dist, "explore", "index.html");
    const html = fs.readFileSync(page, "utf8");
    const files: { file: string; gzip: number }[] = [{ file: "explore/index.html", gzip: gz(page) }];
    const queue = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(queue.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    while (queue.length) {
      const ref = queue.shift()!;
      const p = new URL(ref, "http://site.invalid/explore/").pathname;
      if (seen.has(p)) continue;
      seen.add(p);
      expect(p, `first view loads ${p}`).not.toMatch(/\.(wasm|parquet)$|duckdb|explorer-run/);
      const file = path.join(site.dist, p);
      files.push({ file: p, gzip: gz(file) });
      queue.push(...staticImports(fs.readFileSync(file, "utf8")).map((r) => new URL(r, `http://site.invalid${p}`).pathname));
    }
    const total = files.reduce((n, f) => n + f.gzip, 0);
    console.info(`explorer first view: ${(total / 1000).toFixed(1)} KB gzip (${files.map((f) => `${f.file} ${(f.gzip / 1000).toFixed(1)} KB`).join(", ")})`);
    expect(total).toBeLessThanOrEqual(FIRST_VIEW_BUDGET);
    expect(html).not.toMatch(/<link[^>]+rel="(?:preload|modulepreload|prefetch)"[^>]+\.(wasm|parquet)/);
  });

  it("ships DuckDB-WASM's eh build only, self-hosted under a versioned path, within its byte budgets", () => {
    const dir = path.join(site.dist, "duckdb", DUCKDB_VERSION);
    expect(fs.readdirSync(dir).sort()).toEqual([ENGINE_FILES.worker.name, ENGINE_FILES.wasm.name].sort());
    const wasm = gz(path.join(dir, ENGINE_FILES.wasm.name));
    const worker = gz(path.join(dir, ENGINE_FILES.worker.name));
    expect(fs.statSync(path.join(dir, ENGINE_FILES.wasm.name)).size).toBe(ENGINE_FILES.wasm.bytes);
    const lazy = fs.readdirSync(path.join(site.dist, "_astro")).filter((f) => /^(explorer-run|duckdb-browser)\./.test(f));
    expect(lazy.length).toBe(2);
    const lazyBytes = lazy.reduce((n, f) => n + gz(path.join(site.dist, "_astro", f)), 0);
    console.info(`explorer engine on first use (gzip): wasm ${(wasm / 1e6).toFixed(2)} MB, worker ${(worker / 1000).toFixed(1)} KB, explorer code ${(lazyBytes / 1000).toFixed(1)} KB`);
    expect(wasm).toBeLessThanOrEqual(WASM_BUDGET);
    expect(worker).toBeLessThanOrEqual(WORKER_BUDGET);
    expect(lazyBytes).toBeLessThanOrEqual(LAZY_JS_BUDGET);
  });
});
