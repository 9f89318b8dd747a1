/**
 * Browser quality checks (issue 3, "Quality") in a real Chromium, over the shared sample site
 * (src/test-support/sample-site.ts) served by a tiny local static server:
 * - axe-core: 0 WCAG 2.1 A/AA violations on every page type;
 * - mobile: nothing scrolls sideways at 360×740 (scrollable table regions excepted);
 * - first view: with every .wasm and .parquet request blocked, each page type still shows its main
 *   figures, requests no wasm or Parquet at all, and never leaves 127.0.0.1;
 * - keyboard: Tab reaches the skip link first, and activating it moves focus to <main>.
 *
 * Drives Debian's /usr/bin/chromium with playwright-core (never `playwright install`). Without Chromium the
 * suite is skipped with a warning, except under CI, where it fails (`.ci/run` installs Chromium).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startStaticServer, type StaticServer } from "../test-support/static-server.ts";

const CHROMIUM = "/usr/bin/chromium";
const root = path.resolve(import.meta.dirname, "../..");
const AXE_SOURCE_PATH = path.join(root, "node_modules/axe-core/axe.min.js");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const MOBILE = { width: 360, height: 740 };

const site = inject("sampleSite");
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(`browser.e2e.test.ts: ${CHROMIUM} not found; skipping the browser quality tests (CI installs Chromium in .ci/run).`);
}

interface PageType {
  name: string;
  /** A fixed path, or resolved in beforeAll (school and filter pages are discovered from /schools/). */
  path: () => string;
  /** Checks that the page's main figures are on screen (run with wasm and Parquet blocked). */
  figures: (page: Page) => Promise<void>;
}

const discovered = { school: "", filter: "" };

const amountRe = /^\$[\d,]+(\.\d+)?( (thousand|million|billion))?$/;

async function visibleText(page: Page, selector: string): Promise<string> {
  const el = page.locator(selector).first();
  await expect.poll(() => el.isVisible(), { message: `${selector} is visible`, timeout: 2000 }).toBe(true);
  return (await el.innerText()).trim();
}

/** The amount of the key figure whose label starts with `label` (e.g. "Adopted budget"). */
async function keyFigure(page: Page, label: string): Promise<string> {
  const fig = page.locator(".key-figure", { has: page.locator("dt", { hasText: label }) }).first();
  await expect.poll(() => fig.isVisible(), { message: `key figure "${label}" is visible`, timeout: 2000 }).toBe(true);
  return (await fig.locator(".amount").innerText()).trim();
}

/** A table's body rows, visible, and its caption's leading count ("24 schools", "Elementary: 14 schools"). */
async function schoolTable(page: Page): Promise<void> {
  const caption = await visibleText(page, ".school-table caption");
  const n = Number(/(\d+) schools?/.exec(caption)?.[1]);
  expect(n, `caption "${caption}" names a count`).toBeGreaterThan(0);
  const rows = page.locator(".school-table tbody tr:visible");
  expect(await rows.count()).toBe(n);
  // Every row links to its school and shows a per-pupil figure.
  expect(await rows.locator('th a[href^="/schools/"]').count()).toBe(n);
}

const core: PageType[] = [
  {
    name: "home",
    path: () => "/",
    figures: async (page) => {
      expect(await visibleText(page, "main h1")).toMatch(/budget/i);
      const adopted = await keyFigure(page, "Adopted budget");
      expect(adopted).toMatch(amountRe);
      expect(await keyFigure(page, "Actual spending,")).toMatch(amountRe);
      // The lead sentence states the same adopted budget as the key figure.
      expect(await visibleText(page, "main .lead")).toContain(`adopted budget of ${adopted}`);
      await expect.poll(() => page.locator('main svg[role="img"]').first().isVisible()).toBe(true);
    },
  },
  {
    name: "budget vs. actual",
    path: () => "/budget-vs-actual/",
    figures: async (page) => {
      expect(await visibleText(page, "main .lead")).toMatch(/spent \$[\d,.]+ (million|billion)/);
      const rows = page.locator("#variance-by-year tbody tr");
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.first().locator("td.num").first().innerText()).toMatch(/^[\d,]+\.\d$/);
      await expect.poll(() => page.locator('main svg[role="img"]').first().isVisible()).toBe(true);
    },
  },
  {
    name: "trends",
    path: () => "/trends/",
    figures: async (page) => {
      expect(await visibleText(page, "main .lead")).toMatch(/\$[\d,]+/);
      const cells = page.locator("main table tbody td.num");
      expect(await cells.count()).toBeGreaterThan(0);
      expect(await cells.first().innerText()).toMatch(/\d/);
      await expect.poll(() => page.locator('main svg[role="img"]').first().isVisible()).toBe(true);
    },
  },
  { name: "schools directory", path: () => "/schools/", figures: schoolTable },
  {
    name: "school",
    path: () => discovered.school,
    figures: async (page) => {
      expect(await visibleText(page, "main h1")).not.toBe("");
      const allocation = await keyFigure(page, "Adopted allocation");
      expect(allocation).toMatch(amountRe);
      // The receipt: allocation by basis, whose total is the adopted allocation.
      const receipt = page.locator('section[aria-labelledby="receipt"] table').first();
      await expect.poll(() => receipt.isVisible()).toBe(true);
      expect(await receipt.locator("tbody tr").count()).toBeGreaterThan(0);
      expect((await receipt.locator("tfoot td.num").first().innerText()).trim()).toBe(allocation);
    },
  },
  { name: "schools filter", path: () => discovered.filter, figures: schoolTable },
  {
    name: "404",
    path: () => "/404.html",
    figures: async (page) => {
      expect(await visibleText(page, "main h1")).toMatch(/not found/i);
      await expect.poll(() => page.locator('main a[href="/"]').isVisible()).toBe(true);
    },
  },
];

/** The other page types: their own tests check their figures; here, that they render and pass axe. */
const optional: PageType[] = ["budget", "equity", "outcomes", "about", "changes", "data"]
  .map((p) => ({
    name: p,
    path: () => `/${p}/`,
    figures: async (page: Page) => {
      expect(await visibleText(page, "main h1")).not.toBe("");
      if (!["about", "changes", "data"].includes(p)) expect(await page.locator("main").innerText()).toMatch(/\$[\d,]+/);
    },
  }));

const pageTypes = [...core, ...optional];

const suite = haveChromium || process.env.CI ? describe : describe.skip;

suite("browser quality (Chromium, axe-core)", () => {
  let server: StaticServer;
  let browser: Browser;
  let axeSource = "";

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: CI must install Chromium (see .ci/run) for the browser tests.`);
    expect(site.errors, "the sample release built without errors").toEqual([]);
    expect(fs.existsSync(path.join(site.dist, "index.html")), "the sample site was built").toBe(true);
    axeSource = fs.readFileSync(AXE_SOURCE_PATH, "utf8");
    server = await startStaticServer(site.dist);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    // The school and filter pages to check: the first ones the directory links to.
    const { page, close } = await open();
    try {
      await page.goto(`${server.origin}/schools/`);
      const hrefs = await page.locator('main a[href^="/schools/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      discovered.school = hrefs.find((h) => /^\/schools\/[^/]+\/$/.test(h) && !/^\/schools\/(type|region|need)\//.test(h)) ?? "";
      discovered.filter = hrefs.find((h) => h.startsWith("/schools/type/")) ?? "";
    } finally {
      await close();
    }
    expect(discovered.school, "/schools/ links to a school page").not.toBe("");
    expect(discovered.filter, "/schools/ links to a filter page under /schools/type/").not.toBe("");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * A fresh context and page. Every request is recorded; requests that leave 127.0.0.1 are aborted (so the
   * tests never touch the network) and `.wasm`/`.parquet` requests are aborted when `blockData` is set.
   */
  async function open(opts: { viewport?: { width: number; height: number }; blockData?: boolean } = {}) {
    const context: BrowserContext = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, serviceWorkers: "block" });
    const requests: string[] = [];
    const errors: string[] = [];
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    await context.route("**/*", (route) => {
      const url = route.request().url();
      requests.push(url);
      const u = new URL(url);
      if (u.protocol === "data:" || u.protocol === "blob:") return route.continue();
      if (u.origin !== server.origin) return route.abort("blockedbyclient");
      if (opts.blockData && /\.(wasm|parquet)$/i.test(u.pathname)) return route.abort("blockedbyclient");
      return route.continue();
    });
    return { page, requests, errors, close: () => context.close() };
  }

  async function goto(page: Page, p: string): Promise<void> {
    const res = await page.goto(`${server.origin}${p}`, { waitUntil: "load" });
    expect(res, `response for ${p}`).not.toBeNull();
    expect(res!.status(), `status of ${p}`).toBe(200);
  }

  describe("axe-core: no WCAG 2.1 A/AA violations", () => {
    for (const t of pageTypes) {
      for (const [label, viewport] of [["desktop", undefined], ["360 px", MOBILE]] as const) {
        it(`${t.name} (${label})`, async () => {
          const { page, close } = await open({ viewport });
          try {
            await goto(page, t.path());
            // Measure the settled page: enhancements start when the browser is idle (the first-visit
            // tour fades in), and colours sampled mid-transition are blends no reader is left with.
            await page.evaluate(async () => {
              await new Promise((resolve) => (self.requestIdleCallback ? self.requestIdleCallback(resolve, { timeout: 1000 }) : setTimeout(resolve, 50)));
              await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
              const finite = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
              await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, 2000))]);
            });
            await page.addScriptTag({ content: axeSource });
            type Violation = { id: string; impact: string; help: string; nodes: { target: string; summary: string }[] };
            const violations: Violation[] = await page.evaluate(async (tags) => {
              // eslint-disable-next-line @typescript-eslint/no-explicit-any
              const axe = (window as any).axe;
              const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
              return r.violations.map((v: { id: string; impact: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), summary: n.failureSummary ?? "" })),
              }));
            }, WCAG_TAGS);
            const report = violations
              .map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replaceAll("\n", "\n      ")}`).join("\n"))
              .join("\n");
            expect(violations.length, `axe violations on ${t.path()} (${label}):\n${report}`).toBe(0);
          } finally {
            await close();
          }
        });
      }
    }
  });

  describe("mobile: no horizontal scrolling at 360×740", () => {
    for (const t of pageTypes) {
      it(t.name, async () => {
        const { page, close } = await open({ viewport: MOBILE });
        try {
          await goto(page, t.path());
          const r = await page.evaluate(() => {
            const vw = window.innerWidth;
            const scrollable = (el: Element) => {
              for (let e: Element | null = el; e; e = e.parentElement) {
                if (e.getAttribute("role") === "region" && /auto|scroll|hidden|clip/.test(getComputedStyle(e).overflowX)) return true;
              }
              return false;
            };
            // The elements that stick out on the right (the outermost ones, outside scrollable regions).
            const offenders: string[] = [];
            for (const el of document.body.querySelectorAll("*")) {
              const box = el.getBoundingClientRect();
              if (box.width === 0 || box.right <= vw + 1 || scrollable(el)) continue;
              const parent = el.parentElement;
              if (parent && parent !== document.body && parent.getBoundingClientRect().right > vw + 1 && !scrollable(parent)) continue;
              const id = el.id ? `#${el.id}` : "";
              const cls = el.classList.length ? `.${[...el.classList].join(".")}` : "";
              offenders.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(box.right)} px)`);
            }
            return { vw, scrollWidth: document.documentElement.scrollWidth, offenders };
          });
          expect(r.vw).toBe(MOBILE.width);
          expect(r.scrollWidth, `${t.path()} is ${r.scrollWidth} px wide at ${r.vw} px; sticking out:\n  ${r.offenders.slice(0, 10).join("\n  ")}`).toBeLessThanOrEqual(r.vw + 1);
        } finally {
          await close();
        }
      });
    }
  });

  describe("first view without wasm or Parquet", () => {
    for (const t of pageTypes) {
      it(t.name, async () => {
        const { page, requests, errors, close } = await open({ viewport: MOBILE, blockData: true });
        try {
          await goto(page, t.path());
          await page.waitForLoadState("networkidle");
          await t.figures(page);
          const foreign = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== server.origin);
          expect(foreign, `${t.path()} requested other origins`).toEqual([]);
          const data = requests.filter((u) => /\.(wasm|parquet)(\?|#|$)/i.test(u));
          expect(data, `${t.path()} requested wasm or Parquet on first view`).toEqual([]);
          expect(errors, `${t.path()} threw in the page`).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  });

  describe("find your school", () => {
    it("typing part of a school's name on the home page lists that school in the directory", async () => {
      const { page, close } = await open();
      try {
        await goto(page, "/schools/");
        const name = (await page.locator(".school-table tbody tr th a").first().innerText()).trim();
        const word = name.split(/\s+/)[0]!;
        await goto(page, "/");
        await page.getByLabel("School name").fill(word);
        await page.getByRole("button", { name: "Find" }).click();
        await page.waitForURL(/\/schools\/\?q=/);
        await expect.poll(() => page.locator(".school-table tbody tr:visible").count(), { timeout: 3000 }).toBeGreaterThan(0);
        const shown = await page.locator(".school-table tbody tr:visible th a").allInnerTexts();
        expect(shown).toContain(name);
        for (const s of shown) expect(s.toLowerCase()).toContain(word.toLowerCase());
      } finally {
        await close();
      }
    });
  });

  describe("keyboard", () => {
    it("on the home page, Tab reaches the skip link first and activating it moves focus to main", async () => {
      const { page, close } = await open();
      try {
        await goto(page, "/");
        await page.keyboard.press("Tab");
        const first = await page.evaluate(() => {
          const a = document.activeElement as HTMLAnchorElement | null;
          const box = a?.getBoundingClientRect();
          return { tag: a?.tagName, href: a?.getAttribute("href"), text: a?.textContent?.trim(), top: box?.top ?? -1, height: box?.height ?? 0 };
        });
        expect(first.tag).toBe("A");
        expect(first.text).toMatch(/skip to (the )?main content/i);
        const target = first.href ?? "";
        expect(target).toMatch(/^#./);
        // Visible when focused (it is moved off screen otherwise).
        expect(first.top).toBeGreaterThanOrEqual(0);
        expect(first.height).toBeGreaterThan(0);
        await page.keyboard.press("Enter");
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.tagName.toLowerCase() ?? ""), { timeout: 2000 })
          .toBe("main");
        expect(await page.evaluate(() => `#${document.activeElement?.id}`)).toBe(target);
        // The next Tab continues inside main, not back in the header.
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
      } finally {
        await close();
      }
    });
  });
});
