// Builds the site against the fixture release (RELEASE_DIR) into a temporary folder and checks the pages.
// Takes a few seconds: it runs the real `astro build`.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptsBeyondOfflineSupport } from "../test-support/scripts.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const astro = path.join(root, "node_modules", "astro", "bin", "astro.mjs");
const run = promisify(execFile);

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1", ...extra };
}

describe("astro build against the fixture release", () => {
  let out = "";
  let index = "";
  let notFound = "";

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), "site-build-"));
    await run(process.execPath, [astro, "build", "--outDir", out], {
      cwd: root,
      env: env({ RELEASE_DIR: "src/site/__fixtures__/release", SITE_URL: "https://budget.example.org" }),
    });
    index = readFileSync(path.join(out, "index.html"), "utf8");
    notFound = readFileSync(path.join(out, "404.html"), "utf8");
  }, 120_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("renders the fixture's numbers on the home page", () => {
    expect(index).toContain('<html lang="en" dir="ltr">');
    expect(index).toContain("Fixture Unified School District");
    expect(index).toContain("$1,671,000,000"); // adopted budget 2024-25
    expect(index).toContain("$1,654,430,987"); // actual spending 2024-25
    expect(index).toContain("$1,734,750,001"); // adopted budget 2025-26 ($1,734,750,000.50)
    expect(index).toContain("$16,963"); // per student
    expect(index).toContain(
      "In 2024-25, Fixture Unified School District spent $1.65 billion, $16.6 million (1.0%) less than its adopted budget of $1.67 billion",
    );
    expect(index).toContain("<td class=\"num\">1,654.4</td>"); // table total, $ millions
    expect(index).toMatch(/<svg[^>]*\srole="img"/);
    expect(index).toMatch(/<svg[^>]*\saria-labelledby="spending-by-group-chart-title"/);
    expect(index).toContain('<title id="spending-by-group-chart-title">Bar chart of the adopted budget and actual');
    expect(index).toContain("How was this computed?");
    expect(index).toContain("line_items-2024-25.3f2a9c1e.parquet");
    expect(index).toContain('href="/data/releases/2026-11-26-ab12cd34/manifest.json"');
    expect(index).toContain('<link rel="canonical" href="https://budget.example.org/">');
  });

  it("labels sample data on every page", () => {
    for (const page of [index, notFound]) {
      expect(page).toContain("Sample data — a fictional district generated for demonstration");
      expect(page).toContain("2026-11-26-ab12cd34");
    }
  });

  it("ships only small deferred enhancement scripts and requests nothing from another site", () => {
    for (const page of [index, notFound]) {
      expect(scriptsBeyondOfflineSupport(page)).toEqual([]);
      // Any absolute URL other than the canonical link would be a third-party request or link.
      const absolute = [...page.matchAll(/(?:src|href)="(https?:)?\/\/[^"]*"/g)].map((m) => m[0]);
      expect(absolute.filter((a) => !a.startsWith('href="https://budget.example.org/'))).toEqual([]);
      expect(page).not.toMatch(/@import|url\(\s*["']?https?:/);
    }
    // _astro/ holds only the shared stylesheet(s) and scripts that pages load on demand.
    const assets = existsSync(path.join(out, "_astro")) ? readdirSync(path.join(out, "_astro")) : [];
    expect(assets.filter((f) => !f.endsWith(".js") && !f.endsWith(".css"))).toEqual([]);
  });

  it("uses logical CSS properties only", () => {
    // Inline <style> blocks and the stylesheets the page links (on this site, under /_astro/).
    const linked = [...index.matchAll(/<link rel="stylesheet" href="\/(_astro\/[^"]+\.css)"/g)].map((m) => readFileSync(path.join(out, m[1]!), "utf8"));
    const css = [...[...index.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]), ...linked].join("\n");
    expect(css.length).toBeGreaterThan(1000);
    expect(css).not.toMatch(/(?:^|[;{\s])(?:margin|padding|border|inset)-(?:left|right|top|bottom)\b/);
    expect(css).not.toMatch(/(?:^|[;{\s])(?:left|right|top|bottom|float|clear)\s*:/);
    expect(css).not.toMatch(/text-align\s*:\s*(?:left|right)/);
    expect(css).not.toMatch(/(?:^|[;{\s])(?:min-|max-)?(?:width|height)\s*:/);
  });

  it("keeps the first view under 100 KB compressed", () => {
    expect(gzipSync(index).length).toBeLessThan(100_000);
  });

  it("says plainly that there is no school directory when the release has none, and builds no school pages", () => {
    // The fixture release lists a schools file that is not there: the schools table is absent.
    const directory = readFileSync(path.join(out, "schools", "index.html"), "utf8");
    expect(directory).toContain("The district has not published a school directory");
    expect(directory).not.toContain("<table");
    expect(readdirSync(path.join(out, "schools"))).toEqual(["index.html"]);
  });

  it("fails with a clear message when there is no release", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "no-release-"));
    try {
      const failed = await run(process.execPath, [astro, "build", "--outDir", path.join(empty, "dist")], {
        cwd: root,
        env: env({ RELEASE_DIR: empty }),
      }).then(
        () => null,
        (e: unknown) => e as { code: number; stdout: string; stderr: string },
      );
      expect(failed).not.toBeNull();
      expect(failed?.code).not.toBe(0);
      const output = `${failed?.stdout ?? ""}${failed?.stderr ?? ""}`;
      expect(output).toContain("No data release found");
      expect(output).toContain("npm run sample && npm run data");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 60_000);
});
