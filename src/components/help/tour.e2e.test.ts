/**
 * The welcome tour (Tour.astro) in Chromium, on the shared sample site: it opens by itself on a first visit
 * without taking focus or moving the page, steps through the page's parts, closes with Escape returning focus
 * to where it was, never opens again once seen, can be restarted from the help page (focus goes in and comes
 * back to the button), sits on the reading end of the window in right-to-left languages, moves only when
 * motion is welcome, and passes axe. Needs <Tour /> in src/layouts/Base.astro.
 *
 * Drives Debian's /usr/bin/chromium with playwright-core; skipped with a warning without it, except under CI.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { startStaticServer, type StaticServer } from "../../test-support/static-server.ts";

const CHROMIUM = "/usr/bin/chromium";
const root = path.resolve(import.meta.dirname, "../../..");
const site = inject("sampleSite");
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`tour.e2e.test.ts: ${CHROMIUM} not found; skipping the tour tests.`);
const suite = haveChromium || process.env.CI ? describe : describe.skip;

suite("welcome tour (Chromium)", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    expect(site.errors).toEqual([]);
    expect(fs.readFileSync(path.join(site.dist, "index.html"), "utf8"), "the layout includes <Tour /> (src/layouts/Base.astro)").toContain("<osb-tour");
    server = await startStaticServer(site.dist);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(p: string, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block", ...options });
    const errors: string[] = [];
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    await context.route("**/*", (route) => (new URL(route.request().url()).origin === server.origin ? route.continue() : route.abort("blockedbyclient")));
    await page.goto(`${server.origin}${p}`, { waitUntil: "load" });
    return { page, context, errors };
  }
  /** The tour's panel (the custom element itself has no box of its own: the panel is fixed-position). */
  const tour = (page: Page) => page.locator("osb-tour .tour");
  /** Resolves once the tour's element is defined (it is defined when the browser is idle). */
  const ready = (page: Page) => page.evaluate(() => customElements.whenDefined("osb-tour").then(() => true));
  const focused = (page: Page) => page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""}|${el.closest("osb-tour") ? "in-tour" : "outside"}` : "";
  });

  it("opens by itself on a first visit, without taking focus or moving the page, and steps through the page", async () => {
    const { page, context, errors } = await open("/");
    try {
      await expect.poll(() => tour(page).isVisible()).toBe(true);
      const mainTop = await page.evaluate(() => scrollY + document.getElementById("main")!.getBoundingClientRect().top);
      expect(await page.getByRole("dialog", { name: "Welcome tour" }).isVisible()).toBe(true);
      expect(await focused(page)).toMatch(/^body/);
      const count = (await tour(page).locator("[data-count]").innerText()).trim();
      const total = Number(/^Step 1 of (\d+)$/.exec(count)?.[1]);
      expect(total).toBeGreaterThanOrEqual(4);
      expect(total).toBeLessThanOrEqual(6);
      expect(await tour(page).locator("[data-step]:visible h2").innerText()).toBe("Welcome");
      // Next: the sample-data note (the sample site is sample data), outlined.
      await tour(page).getByRole("button", { name: "Next" }).click();
      expect(await tour(page).locator("[data-count]").innerText()).toBe(`Step 2 of ${total}`);
      expect(await tour(page).locator("[data-step]:visible h2").innerText()).toBe("Sample data");
      expect(await page.locator("[data-tour-target]").evaluate((el) => el.classList.contains("sample-banner"))).toBe(true);
      await tour(page).getByRole("button", { name: "Next" }).click();
      expect(await page.locator("[data-tour-target]").evaluate((el) => el.classList.contains("site-nav"))).toBe(true);
      await tour(page).getByRole("button", { name: "Back" }).click();
      expect(await tour(page).locator("[data-count]").innerText()).toBe(`Step 2 of ${total}`);
      for (let i = 2; i < total; i++) await tour(page).getByRole("button", { name: "Next" }).click();
      expect(await tour(page).locator("[data-step]:visible h2").innerText()).toBe("How to use this site");
      expect(await tour(page).getByRole("link", { name: "How to use this site" }).getAttribute("href")).toBe("/help/");
      await tour(page).getByRole("button", { name: "Done" }).click();
      expect(await tour(page).isVisible()).toBe(false);
      // Fixed in place: opening and closing it moved nothing on the page.
      expect(await page.evaluate(() => scrollY + document.getElementById("main")!.getBoundingClientRect().top)).toBe(mainTop);
      expect(await page.locator("[data-tour-target]").count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("is reachable from the keyboard; Escape closes it and focus returns to where it was; it does not open again", async () => {
    const { page, context } = await open("/faq/");
    try {
      await expect.poll(() => tour(page).isVisible()).toBe(true);
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("a.skip-link|outside");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toMatch(/\|in-tour$/);
      await page.keyboard.press("Escape");
      expect(await tour(page).isVisible()).toBe(false);
      expect(await focused(page)).toBe("a.skip-link|outside");
      expect(await page.evaluate(() => localStorage.getItem("osb-tour"))).toBe("done");
      await page.reload({ waitUntil: "load" });
      expect(await ready(page)).toBe(true);
      expect(await tour(page).isVisible()).toBe(false);
      // Another page of the same site: still not shown.
      await page.goto(`${server.origin}/glossary/`, { waitUntil: "load" });
      expect(await ready(page)).toBe(true);
      expect(await tour(page).isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it("is shown on the first page view only, even when not dismissed", async () => {
    const { page, context } = await open("/");
    try {
      await expect.poll(() => tour(page).isVisible()).toBe(true);
      await page.goto(`${server.origin}/budget/`, { waitUntil: "load" });
      expect(await ready(page)).toBe(true);
      expect(await tour(page).isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it("restarts from the help page: focus moves into the tour and returns to the button on Escape", async () => {
    const { page, context } = await open("/help/");
    try {
      await page.evaluate(() => localStorage.setItem("osb-tour", "done"));
      await page.reload({ waitUntil: "load" });
      expect(await ready(page)).toBe(true);
      expect(await tour(page).isVisible()).toBe(false);
      const start = page.getByRole("button", { name: "Take the tour" });
      await start.focus();
      await page.keyboard.press("Enter");
      expect(await tour(page).isVisible()).toBe(true);
      expect(await focused(page)).toBe("h2|in-tour");
      expect(await tour(page).locator("[data-count]").innerText()).toMatch(/^Step 1 of \d$/);
      await page.keyboard.press("Tab"); // still inside: the tour's own controls
      expect(await focused(page)).toMatch(/\|in-tour$/);
      await page.keyboard.press("Escape");
      expect(await tour(page).isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-tour-start"))).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("sits at the end of the line in right-to-left languages, and fits a 360 px screen", async () => {
    const rtl = await open("/fa/", { viewport: { width: 1280, height: 800 } });
    try {
      await expect.poll(() => tour(rtl.page).isVisible()).toBe(true);
      const box = (await rtl.page.locator("osb-tour .tour").boundingBox())!;
      expect(box.x).toBeLessThan(640 - box.width / 2); // on the left, where right-to-left lines end
      expect(box.x).toBeGreaterThanOrEqual(0);
    } finally {
      await rtl.context.close();
    }
    const ltr = await open("/", { viewport: { width: 1280, height: 800 } });
    try {
      await expect.poll(() => tour(ltr.page).isVisible()).toBe(true);
      const box = (await ltr.page.locator("osb-tour .tour").boundingBox())!;
      expect(box.x).toBeGreaterThan(640);
    } finally {
      await ltr.context.close();
    }
    const mobile = await open("/", { viewport: { width: 360, height: 740 } });
    try {
      await expect.poll(() => tour(mobile.page).isVisible()).toBe(true);
      const box = (await mobile.page.locator("osb-tour .tour").boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect(box.height).toBeLessThan(740 * 0.6); // the page stays readable above it
      expect(await mobile.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await mobile.context.close();
    }
  });

  it("animates only when the reader has not asked for reduced motion", async () => {
    const duration = async (reducedMotion: "reduce" | "no-preference") => {
      const { page, context } = await open("/", { reducedMotion });
      try {
        await expect.poll(() => tour(page).isVisible()).toBe(true);
        return await page.locator("osb-tour .tour").evaluate((el) => getComputedStyle(el).transitionDuration);
      } finally {
        await context.close();
      }
    };
    expect(await duration("reduce")).toBe("0s");
    expect(await duration("no-preference")).not.toBe("0s");
  });

  it("passes axe (WCAG 2.1 A/AA) with the tour open, on the help pages", async () => {
    const axeSource = fs.readFileSync(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");
    for (const p of ["/faq/", "/glossary/", "/help/", "/explainers/", "/explainers/school-funding/", "/fa/faq/"]) {
      for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
        const { page, context } = await open(p, { viewport });
        try {
          await expect.poll(() => tour(page).isVisible()).toBe(true);
          await page.addScriptTag({ content: axeSource });
          const violations: string[] = await page.evaluate(async () => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const r = await (window as any).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
            return r.violations.map((v: { id: string; nodes: { target: unknown[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          });
          expect(violations, `${p} at ${viewport.width} px`).toEqual([]);
          if (viewport.width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth), `${p} at 360 px`).toBeLessThanOrEqual(360);
        } finally {
          await context.close();
        }
      }
    }
  });
});
