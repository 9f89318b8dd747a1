/**
 * Size budgets by bytes (issue 3, "Quality"), over the shared sample site (src/test-support/sample-site.ts):
 * - every pre-rendered page's first view — its HTML plus the local CSS, JS and SVG files it references
 *   (followed through CSS @import/url() and JS static imports), each gzipped at level 9 as a server would
 *   send it — is at most 100 KB compressed;
 * - no page loads a .wasm or .parquet file on first view through <script src> or <link rel=preload>;
 * - the release stays small enough for a phone: each line_items / allocations Parquet file ≤ 5 MB.
 * Bytes only, no timing: deterministic on any machine.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";

const PAGE_BUDGET = 100_000; // bytes, gzip -9, HTML + CSS + JS + SVG of the first view
const PARQUET_BUDGET = 5_000_000; // bytes, per line_items / allocations file
const FIRST_VIEW_TYPES = new Set([".css", ".js", ".mjs", ".svg"]);

const site = inject("sampleSite");

/** Every .html file under `dist`, as paths relative to it, skipping the data folder. */
function htmlPages(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      const rel = path.relative(dist, full);
      if (e.isDirectory()) {
        if (rel === "data") continue;
        walk(full);
      } else if (e.isFile() && e.name.endsWith(".html")) out.push(rel.split(path.sep).join("/"));
    }
  };
  walk(dist);
  return out.sort();
}

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag)?.slice(1).find((v) => v !== undefined);

/** The tags of one kind in an HTML document (attributes only). */
const tags = (html: string, name: string): string[] => html.match(new RegExp(`<${name}\\b[^>]*>`, "gi")) ?? [];

/** A URL reference resolved against the page's URL path; undefined unless it stays on this site. */
function localPath(ref: string, fromUrlPath: string): string | undefined {
  const trimmed = ref.trim().replace(/^['"]|['"]$/g, "");
  if (!trimmed || /^(data|blob|mailto|tel|javascript):/i.test(trimmed) || trimmed.startsWith("#")) return undefined;
  const u = new URL(trimmed, `http://site.invalid${fromUrlPath}`);
  if (u.origin !== "http://site.invalid") return undefined;
  return decodeURIComponent(u.pathname);
}

/** The URL references an HTML page loads on first view: stylesheets, icons, preloads, scripts, images. */
function htmlRefs(html: string): string[] {
  const refs: string[] = [];
  for (const t of tags(html, "link")) {
    const rel = (attr(t, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attr(t, "href");
    if (href && rel.some((r) => ["stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon", "manifest"].includes(r))) refs.push(href);
  }
  for (const t of [...tags(html, "script"), ...tags(html, "img"), ...tags(html, "use"), ...tags(html, "image")]) {
    const src = attr(t, "src") ?? attr(t, "href") ?? attr(t, "xlink:href");
    if (src) refs.push(src.split("#")[0]!);
  }
  // Inline <style> blocks and style attributes may pull in more CSS or SVG.
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) refs.push(...cssRefs(m[1]!));
  for (const m of html.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi)) refs.push(...cssRefs(m[1]!));
  return refs;
}

function cssRefs(css: string): string[] {
  const refs: string[] = [];
  for (const m of css.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi)) refs.push(m[1]!);
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) refs.push(m[1]!);
  return refs;
}

function jsRefs(js: string): string[] {
  const refs: string[] = [];
  // Static imports only (`import x from "./a.js"`, `import "./a.js"`, `export … from "./a.js"`): dynamic
  // import() is not part of the first view.
  for (const m of js.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${},\s]+from\s*)?["']([^"']+)["']/g)) refs.push(m[1]!);
  return refs;
}

interface FirstView {
  page: string;
  gzip: number;
  files: { file: string; gzip: number }[];
}

/** The first view of one page: its HTML and every local CSS/JS/SVG file it references, transitively. */
function firstView(dist: string, page: string): FirstView {
  const urlPath = "/" + page.replace(/(^|\/)index\.html$/, "$1");
  const html = fs.readFileSync(path.join(dist, page));
  const files = [{ file: page, gzip: gzipSync(html, { level: 9 }).length }];
  const seen = new Set<string>();
  const queue = htmlRefs(html.toString("utf8")).map((r) => localPath(r, urlPath));
  while (queue.length) {
    const p = queue.shift();
    if (!p || seen.has(p)) continue;
    seen.add(p);
    const ext = path.extname(p).toLowerCase();
    if (!FIRST_VIEW_TYPES.has(ext)) continue;
    const file = path.join(dist, p);
    if (!file.startsWith(dist + path.sep) || !fs.existsSync(file)) continue;
    const body = fs.readFileSync(file);
    files.push({ file: p, gzip: gzipSync(body, { level: 9 }).length });
    const text = body.toString("utf8");
    const more = ext === ".css" ? cssRefs(text) : ext === ".svg" ? [] : jsRefs(text);
    queue.push(...more.map((r) => localPath(r, p)));
  }
  return { page, gzip: files.reduce((s, f) => s + f.gzip, 0), files };
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;

describe("size budgets (bytes)", () => {
  it("the sample site and release were built", () => {
    expect(site.errors).toEqual([]);
    expect(fs.existsSync(path.join(site.dist, "index.html"))).toBe(true);
    expect(fs.existsSync(path.join(site.releaseDir, "manifest.json"))).toBe(true);
  });

  it(`every page's first view is at most ${kb(PAGE_BUDGET)} gzipped (HTML + CSS + JS + SVG)`, () => {
    const pages = htmlPages(site.dist);
    expect(pages).toContain("index.html");
    expect(pages).toContain("404.html");
    const views = pages.map((p) => firstView(site.dist, p)).sort((a, b) => b.gzip - a.gzip || a.page.localeCompare(b.page));
    const over = views.filter((v) => v.gzip > PAGE_BUDGET);
    const describeView = (v: FirstView) => `${v.page}: ${kb(v.gzip)} (${v.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(", ")})`;
    const largest = views.slice(0, 5).map(describeView).join("\n  ");
    console.info(`first views of ${views.length} pages (gzip -9); largest 5:\n  ${largest}`);
    expect(
      over.map((v) => v.page),
      `${over.length} of ${views.length} pages exceed ${kb(PAGE_BUDGET)} gzipped; largest 5:\n  ${largest}`,
    ).toEqual([]);
  });

  it("no page loads wasm or Parquet on first view (<script src>, <link rel=preload/modulepreload>)", () => {
    const offenders: string[] = [];
    for (const page of htmlPages(site.dist)) {
      const html = fs.readFileSync(path.join(site.dist, page), "utf8");
      for (const t of tags(html, "script")) {
        const src = attr(t, "src");
        if (src && /\.(wasm|parquet)(\?|#|$)/i.test(src)) offenders.push(`${page}: ${t}`);
      }
      for (const t of tags(html, "link")) {
        const rel = (attr(t, "rel") ?? "").toLowerCase().split(/\s+/);
        const href = attr(t, "href") ?? "";
        if (rel.some((r) => r === "preload" || r === "modulepreload" || r === "prefetch") && /\.(wasm|parquet)(\?|#|$)/i.test(href)) offenders.push(`${page}: ${t}`);
      }
    }
    expect(offenders, `pages that load wasm or Parquet on first view:\n  ${offenders.join("\n  ")}`).toEqual([]);
  });

  it(`each line_items / allocations Parquet file of the release is at most ${PARQUET_BUDGET / 1e6} MB`, () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(site.releaseDir, "manifest.json"), "utf8")) as {
      files: { path: string; table?: string; bytes: number }[];
    };
    const parquet = manifest.files.filter((f) => (f.table === "line_items" || f.table === "allocations") && f.path.endsWith(".parquet"));
    expect(parquet.filter((f) => f.table === "line_items").length).toBeGreaterThan(0);
    expect(parquet.filter((f) => f.table === "allocations").length).toBeGreaterThan(0);
    for (const f of parquet) {
      // The manifest's sizes are the files' sizes.
      expect(fs.statSync(path.join(site.releaseDir, f.path)).size, f.path).toBe(f.bytes);
    }
    const over = parquet.filter((f) => f.bytes > PARQUET_BUDGET).map((f) => `${f.path}: ${(f.bytes / 1e6).toFixed(2)} MB`);
    expect(over, `Parquet files over ${PARQUET_BUDGET / 1e6} MB in ${site.releaseId}`).toEqual([]);
  });
});
