/**
 * Offline (issue 7) in a real Chromium, over the shared sample site (src/test-support/sample-site.ts):
 * - visit the home page and a school page, save the school page for offline, search once, go offline,
 *   reload: both still show their figures, the same search still finds the school, an Explorer view
 *   used online is computed again offline (same rows), and a page never visited shows the small
 *   offline message;
 * - a new release (the served data/current.json names another id): the service worker refills the app
 *   shell and the saved pages for the new id, deletes every cache of the old id, and tells the page.
 *
 * The site is served by a small server made for this test: pages from the built site, data/ from the
 * pipeline's output (the release the pages were built from), with data/current.json replaceable and a
 * switch that drops every connection ("offline" for the service worker's own fetches too, on top of
 * Playwright's `setOffline`).
 *
 * Until src/components/OfflineSupport.astro is in the layout, the test registers /sw.js itself and
 * talks to the service worker directly; once it is, the test uses the page's "Save for offline" button
 * and checks the update banner.
 *
 * Drives Debian's /usr/bin/chromium with playwright-core. Without Chromium the suite is skipped with a
 * warning, except under CI, where it fails.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { contentType, resolveFile } from "../test-support/static-server.ts";
import { defaultSpec } from "../query/spec.ts";
import { encodeSpec } from "../query/url.ts";

const CHROMIUM = "/usr/bin/chromium";
const site = inject("sampleSite");
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(`offline.e2e.test.ts: ${CHROMIUM} not found; skipping the offline tests (CI installs Chromium in .ci/run).`);
}

const amountRe = /^\$[\d,]+(\.\d+)?( (thousand|million|billion))?$/;

interface OfflineServer {
  origin: string;
  /** When set, every connection is dropped (a network error for the browser and its service worker). */
  down: boolean;
  /** Replaces data/current.json; `alias` serves releases/<id>/ from an existing release folder. */
  publish(release: string, alias: string): void;
  requests: string[];
  close(): Promise<void>;
}

async function startServer(dist: string, dataDir: string): Promise<OfflineServer> {
  const pointerFile = path.join(dataDir, "current.json");
  let pointer = fs.readFileSync(pointerFile);
  const aliases = new Map<string, string>();
  const state = { down: false };
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    const send = (status: number, body: Buffer, type: string) =>
      res.writeHead(status, { "Content-Type": type, "Content-Length": body.length, "Cache-Control": "no-store" }).end(req.method === "HEAD" ? undefined : body);
    if (url.pathname === "/data/current.json") return send(200, pointer, contentType(pointerFile));
    let file: string | undefined;
    if (url.pathname.startsWith("/data/")) {
      let rest = url.pathname.slice("/data/".length);
      for (const [id, real] of aliases) if (rest.startsWith(`releases/${id}/`)) rest = `releases/${real}/${rest.slice(`releases/${id}/`.length)}`;
      file = resolveFile(dataDir, `/${rest}`);
    } else {
      file = resolveFile(dist, url.pathname);
    }
    if (file) return send(200, fs.readFileSync(file), contentType(file));
    const notFound = path.join(dist, "404.html");
    return send(404, fs.readFileSync(notFound), contentType(notFound));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    publish(release, alias) {
      aliases.set(release, alias);
      pointer = Buffer.from(JSON.stringify({ release, path: `releases/${release}/`, created: new Date().toISOString() }));
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function keyFigure(page: Page, label: string): Promise<string> {
  const fig = page.locator(".key-figure", { has: page.locator("dt", { hasText: label }) }).first();
  await expect.poll(() => fig.isVisible(), { message: `key figure "${label}" is visible`, timeout: 3000 }).toBe(true);
  return (await fig.locator(".amount").innerText()).trim();
}

async function homeFigures(page: Page): Promise<string> {
  expect((await page.locator("main h1").innerText()).trim()).toMatch(/budget/i);
  const adopted = await keyFigure(page, "Adopted budget");
  expect(adopted).toMatch(amountRe);
  return adopted;
}

async function schoolFigures(page: Page): Promise<string> {
  expect((await page.locator("main h1").innerText()).trim()).not.toBe("");
  const allocation = await keyFigure(page, "Adopted allocation");
  expect(allocation).toMatch(amountRe);
  return allocation;
}

/** An Explorer view other than the pre-rendered default, so opening it runs DuckDB-WASM in the page. */
const EXPLORER_VIEW = `/explore/?${encodeSpec({ ...defaultSpec(), by: ["fund"] })}`;

/** Waits until the Explorer shows its computed view, then returns the table's cells. */
async function explorerRows(page: Page): Promise<string[][]> {
  await page.waitForFunction(() => {
    const s = document.querySelector("[data-explorer-status]")?.textContent ?? "";
    const err = document.querySelector("[data-error]");
    return s.startsWith("Showing") || (err && !err.hasAttribute("hidden"));
  }, null, { timeout: 60_000 });
  expect(await page.locator("[data-error]").isHidden(), "the explorer shows no error").toBe(true);
  return page.locator(".explorer-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
}

/** Types `query` into the header search box and waits for a result linking to `href`. */
async function searchFinds(page: Page, query: string, href: string): Promise<void> {
  const input = page.locator("site-search input");
  await expect.poll(() => input.isVisible(), { message: "the search box is shown", timeout: 3000 }).toBe(true);
  await input.focus();
  await input.fill(query);
  await expect
    .poll(() => page.locator(`site-search [data-results] a[href="${href}"]`).count(), { message: `search for "${query}" finds ${href}`, timeout: 10_000 })
    .toBeGreaterThan(0);
}

/** The names of the page's origin's caches. */
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

/** Whether a cache holds a URL (path on this origin). */
const cacheHas = (page: Page, cache: string, url: string) =>
  page.evaluate(async ([c, u]) => (await caches.has(c!)) && !!(await (await caches.open(c!)).match(u!)), [cache, url]);

/** Registers /sw.js unless the page did (OfflineSupport), and waits until it controls the page. */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const sw = navigator.serviceWorker;
    if (!(await sw.getRegistration("/"))) await sw.register("/sw.js");
    await sw.ready;
    if (!sw.controller) await new Promise((resolve) => sw.addEventListener("controllerchange", resolve, { once: true }));
  });
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
}

/** Starts recording the service worker's messages in the page (window.__swMessages). */
const recordMessages = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __swMessages: unknown[] };
    w.__swMessages = [];
    navigator.serviceWorker.addEventListener("message", (e) => w.__swMessages.push(e.data));
    navigator.serviceWorker.startMessages();
  });

const messages = (page: Page) => page.evaluate(() => (window as unknown as { __swMessages?: { type?: string; release?: string; ok?: boolean; path?: string }[] }).__swMessages ?? []);

const suite = haveChromium || process.env.CI ? describe : describe.skip;

suite("offline (Chromium, service worker)", () => {
  let server: OfflineServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let school = "";
  const errors: string[] = [];
  const NEW = "2099-01-01-offlinetest";

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: CI must install Chromium (see .ci/run) for the browser tests.`);
    expect(site.errors, "the sample release built without errors").toEqual([]);
    expect(fs.existsSync(path.join(site.dist, "sw.js")), "public/sw.js is in the built site").toBe(true);
    server = await startServer(site.dist, site.out);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "allow" });
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const go = async (p: string) => {
    const res = await page.goto(`${server.origin}${p}`, { waitUntil: "load" });
    return res?.status();
  };

  it("installs: the app shell of the current release is precached, nothing more", async () => {
    expect(await go("/")).toBe(200);
    await homeFigures(page);
    await controlled(page);
    const r = site.releaseId;
    expect(await cacheNames(page)).toEqual(expect.arrayContaining([`shell-${r}`]));
    for (const u of ["/", "/404.html", "/manifest.webmanifest", "/favicon.svg", "/icons/icon-192.png", "/data/current.json"]) {
      expect(await cacheHas(page, `shell-${r}`, u), `${u} precached`).toBe(true);
    }
    // The site's shared stylesheet too, so pages are styled offline.
    const styles = await page.locator('link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => l.getAttribute("href") ?? ""));
    expect(styles.length, "the home page links the site stylesheet").toBeGreaterThan(0);
    for (const href of styles) expect(await cacheHas(page, `assets-${r}`, href), `${href} precached`).toBe(true);
    // Never a data file before it is used or saved.
    const dataCached = await page.evaluate(async (c) => ((await caches.has(c)) ? (await (await caches.open(c)).keys()).length : 0), `data-${r}`);
    expect(dataCached).toBe(0);
    // The web app manifest is linked-to-able and valid JSON with icons.
    const manifest = await page.evaluate(() => fetch("/manifest.webmanifest").then((r) => r.json()));
    // Relative to the manifest, so the app starts at the site's base path wherever it is served.
    expect(new URL(manifest.start_url, page.url()).pathname).toBe("/");
    expect(manifest.icons.every((i: { src: string }) => !i.src.startsWith("/")), "icon paths relative to the manifest").toBe(true);
    expect(manifest.display).toBe("standalone");
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  });

  it("saves a school page for offline", async () => {
    expect(await go("/schools/")).toBe(200);
    const hrefs = await page.locator('main a[href^="/schools/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    school = hrefs.find((h) => /^\/schools\/[^/]+\/$/.test(h) && !/^\/schools\/(type|region|need)\//.test(h)) ?? "";
    expect(school, "/schools/ links to a school page").not.toBe("");
    expect(await go(school)).toBe(200);
    await schoolFigures(page);
    await controlled(page);
    const button = page.getByRole("button", { name: "Save for offline" });
    if (await page.locator("[data-offline]").count()) {
      // OfflineSupport is in the layout: the button appears once the service worker is registered.
      await expect.poll(() => button.isVisible(), { timeout: 5000 }).toBe(true);
      await button.click();
      await expect.poll(() => page.locator("[data-offline] [aria-live=polite]").innerText(), { timeout: 10_000 }).toMatch(/^Saved for offline/);
    } else {
      await recordMessages(page);
      await page.evaluate((p) => navigator.serviceWorker.controller!.postMessage({ type: "save", path: p }), school);
      await expect.poll(async () => (await messages(page)).find((m) => m.type === "saved"), { timeout: 10_000 }).toMatchObject({ ok: true, path: school });
    }
    const r = site.releaseId;
    expect(await cacheHas(page, `pages-${r}`, school), "the school page is cached").toBe(true);
    expect(await cacheHas(page, `data-${r}`, `/data/releases/${r}/manifest.json`), "the release manifest is cached").toBe(true);
  });

  it("offline: home and the saved school page still render their figures; other pages say they are offline", async () => {
    // Figures online, to compare with.
    expect(await go("/")).toBe(200);
    const adopted = await homeFigures(page);
    expect(await go(school)).toBe(200);
    const allocation = await schoolFigures(page);
    const schoolName = (await page.locator("main h1").innerText()).trim();
    // Search once online (Pagefind's script and index are kept on first use).
    expect(await go("/")).toBe(200);
    await searchFinds(page, schoolName, school);
    // Explore once online: the engine, the explorer's scripts and the data files it reads are kept.
    expect(await go(EXPLORER_VIEW)).toBe(200);
    const explored = await explorerRows(page);
    expect(explored.length).toBeGreaterThan(0);
    expect(await go(school)).toBe(200);

    await context.setOffline(true);
    server.down = true;
    try {
      const before = server.requests.length;
      await page.reload({ waitUntil: "load" });
      expect(await schoolFigures(page)).toBe(allocation);
      // Styled offline: the shared stylesheet came from the cache (the header has its background).
      expect(await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")!).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
      expect(await go("/")).toBe(200);
      expect(await homeFigures(page)).toBe(adopted);
      await page.reload({ waitUntil: "load" });
      expect(await homeFigures(page)).toBe(adopted);
      expect(await go(school)).toBe(200);
      expect(await schoolFigures(page)).toBe(allocation);
      // Search still works offline: the same question, from the cached index.
      await searchFinds(page, schoolName, school);
      // The Explorer still computes the same view offline, with DuckDB-WASM and the cached files.
      expect(await go(EXPLORER_VIEW)).toBe(200);
      expect(await explorerRows(page)).toEqual(explored);
      // A page never visited: the offline message, with a way home.
      expect(await go("/about/")).toBe(503);
      expect(await page.locator("h1").innerText()).toMatch(/offline/i);
      expect(await page.locator(`a[href="/"]`).count()).toBe(1);
      expect(server.requests.length, "nothing reached the server while offline").toBe(before);
    } finally {
      await context.setOffline(false);
      server.down = false;
    }
  });

  it("a new release replaces the caches cleanly and the page is told", async () => {
    const old = site.releaseId;
    expect(await go(school)).toBe(200);
    await controlled(page);
    await recordMessages(page);
    server.publish(NEW, old);
    // Any fetch of current.json (the service worker also checks it on every page load) starts the switch.
    const pointer = await page.evaluate(() => fetch("/data/current.json").then((r) => r.json()));
    expect(pointer.release).toBe(NEW);
    await expect
      .poll(async () => (await messages(page)).find((m) => m.type === "release"), { timeout: 10_000 })
      .toMatchObject({ type: "release", release: NEW, previous: old });
    if (await page.locator("[data-offline]").count()) {
      await expect.poll(() => page.locator("[data-update]").isVisible(), { timeout: 3000 }).toBe(true);
      expect(await page.locator("[data-update]").innerText()).toMatch(/new version of the data is available/i);
      // The shown controls (save button, status, banner) pass axe, at 360 px.
      await page.addScriptTag({ path: path.resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js") });
      const violations = await page.evaluate(async () => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const axe = (window as any).axe;
        const r = await axe.run({ include: [["[data-offline]"]] }, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return r.violations.map((v: { id: string; help: string }) => `${v.id}: ${v.help}`);
      });
      expect(violations).toEqual([]);
    }
    const names = await cacheNames(page);
    expect(names.filter((n) => n.includes(old)), `no cache of ${old} is left: ${names.join(", ")}`).toEqual([]);
    expect(names).toEqual(expect.arrayContaining([`shell-${NEW}`, `pages-${NEW}`, `data-${NEW}`]));
    // The saved page was refetched for the new release, with its release files; the shell is complete.
    expect(await cacheHas(page, `pages-${NEW}`, school)).toBe(true);
    expect(await cacheHas(page, `data-${NEW}`, `/data/releases/${NEW}/manifest.json`)).toBe(true);
    expect(await cacheHas(page, `shell-${NEW}`, "/")).toBe(true);
    const cachedPointer = await page.evaluate(async (c) => (await (await caches.open(c)).match("/data/current.json"))?.json(), `shell-${NEW}`);
    expect(cachedPointer?.release).toBe(NEW);

    // And it still works offline, from the new release's caches.
    await context.setOffline(true);
    server.down = true;
    try {
      expect(await go(school)).toBe(200);
      await schoolFigures(page);
      expect(await go("/")).toBe(200);
      await homeFigures(page);
    } finally {
      await context.setOffline(false);
      server.down = false;
    }
    expect(errors, "no errors in the page").toEqual([]);
  });
});
