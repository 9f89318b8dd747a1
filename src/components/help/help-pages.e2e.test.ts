/**
 * The help pages (FAQ, glossary, explainers, "How to use this site"), end to end on the shared sample site
 * (src/test-support/sample-site.ts): built in every locale, every question and term on its page with its
 * anchor, every internal link resolving in the built site (anchors included), links kept in the page's
 * language, and the figures checked against direct DuckDB queries on the release's Parquet files.
 */
import fs from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { LOCALE_INFO } from "../../i18n/locales.ts";
import { messagesFor } from "../../i18n/messages.ts";
import { formatDollars, formatMoneyLong, formatShare, parseCents } from "../../site/money.ts";
import { EXPLAINERS, FAQ, GLOSSARY, HELP_TASKS } from "./content.ts";
import { plainText } from "./markup.ts";

const site = inject("sampleSite");
const en = messagesFor("en");
const PAGES = ["faq/", "glossary/", "help/", "explainers/", ...EXPLAINERS.map((e) => `explainers/${e.slug}/`)];

const read = (p: string): string => fs.readFileSync(path.join(site.dist, p, "index.html"), "utf8");
const doc = (p: string): Document => parseHTML(read(p)).document as unknown as Document;
const text = (el: Element | null | undefined): string => (el?.textContent ?? "").replace(/\s+/g, " ").trim();

describe("help pages on the sample site", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    expect(site.errors, "the sample release built without errors").toEqual([]);
    conn = await (await DuckDBInstance.create(":memory:")).connect();
  });
  afterAll(() => conn?.closeSync());
  const q = async <T,>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  const lines = () => `read_parquet('${path.join(site.releaseDir, "line_items-*.parquet")}')`;

  it("builds every help page in every locale, in that locale's language and direction", () => {
    for (const l of LOCALE_INFO) {
      for (const p of PAGES) {
        const html = read(`${l.path ? `${l.path}/` : ""}${p}`);
        expect(html, `${l.code} ${p}`).toContain(`<html lang="${l.code}" dir="${l.dir}"`);
      }
    }
  });

  it("puts every FAQ question on the page as a heading with its anchor, listed in the table of contents", () => {
    const d = doc("faq/");
    const headings = [...d.querySelectorAll("main h3[id]")];
    expect(headings.length).toBe(FAQ.length);
    expect(headings.length).toBeGreaterThanOrEqual(25);
    for (const question of FAQ) {
      const h = d.getElementById(question.id);
      expect(h?.tagName, question.id).toBe("H3");
      expect(text(h)).toBe(en[`faq.${question.key}.question`]);
      expect(d.querySelector(`nav a[href="#${question.id}"]`), `contents link to ${question.id}`).toBeTruthy();
      // The answer's paragraphs follow it, as the reader sees them (links as text).
      const answer = text(h!.parentElement);
      expect(answer).toContain(plainText(en[`faq.${question.key}.p1`]!));
    }
  });

  it("puts every glossary term on the page, anchored by its id, with its definition and official name", () => {
    const d = doc("glossary/");
    for (const term of GLOSSARY) {
      const h = d.getElementById(term.id);
      expect(h?.tagName, term.id).toBe("H3");
      expect(text(h)).toBe(en[`glossary.${term.key}.term`]);
      const dd = text(h!.nextElementSibling);
      expect(dd).toContain(en[`glossary.${term.key}.definition`]);
      const official = en[`glossary.${term.key}.official`];
      if (official) expect(dd).toContain(official);
    }
    expect(d.querySelectorAll("main h3[id]").length).toBe(GLOSSARY.length);
  });

  it("lists every task with its steps in order, and no task for a page the site does not have", () => {
    const d = doc("help/");
    for (const task of HELP_TASKS) {
      const h = d.getElementById(task.id);
      const exists = !task.requires || fs.existsSync(path.join(site.dist, task.requires, "index.html"));
      expect(Boolean(h), `${task.id} shown: ${exists}`).toBe(exists);
      if (!h) continue;
      const steps = [...h.nextElementSibling!.querySelectorAll("li")].map(text);
      expect(steps[0]).toBe(plainText(en[`help.${task.audience}.${task.key}.s1`]!));
      expect(steps.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("renders <Term> as a link to the glossary entry in the page's language, described by the term's short definition", () => {
    for (const [prefix, locale] of [["", "en"], ["fa/", "fa"]] as const) {
      const d = doc(`${prefix}help/`);
      const links = [...d.querySelectorAll("main a.term")];
      expect(links.length, `${locale}: <Term> examples on the help page`).toBeGreaterThanOrEqual(3);
      const ids = new Set<string>();
      for (const a of links) {
        const id = /#([a-z0-9-]+)$/.exec(a.getAttribute("href")!)![1]!;
        const term = GLOSSARY.find((g) => g.id === id)!;
        expect(a.getAttribute("href")).toBe(`/${prefix}glossary/#${id}`);
        const describedBy = a.getAttribute("aria-describedby")!;
        expect(ids.has(describedBy), "description ids are unique on the page").toBe(false);
        ids.add(describedBy);
        const description = d.getElementById(describedBy);
        expect(description?.hasAttribute("hidden")).toBe(true);
        expect(text(description)).toBe(messagesFor(locale)[`glossary.${term.key}.short`] ?? en[`glossary.${term.key}.short`]);
        expect(a.getAttribute("title")).toBe(text(description));
        if (locale === "en") expect(text(a)).toBe(en[`glossary.${term.key}.term`]);
      }
    }
  });

  it("links only to pages and anchors that exist in the built site, in English and in a right-to-left locale", () => {
    let checked = 0;
    const parsed = new Map<string, Document>();
    for (const prefix of ["", "fa/"]) {
      for (const p of PAGES) {
        const page = `${prefix}${p}`;
        const d = doc(page);
        for (const a of d.querySelectorAll("a[href]")) {
          const href = a.getAttribute("href")!;
          if (/^[a-z]+:/i.test(href)) continue; // the canonical host in the head only; none in the body
          const url = new URL(href, `http://site/${page}`);
          // Release files are served from the data folder: public/data in a real build, the test's release folder here.
          const inDist = url.pathname.endsWith("/") ? path.join(site.dist, url.pathname, "index.html") : path.join(site.dist, url.pathname);
          const file = !fs.existsSync(inDist) && url.pathname.startsWith("/data/") ? path.join(site.out, url.pathname.slice("/data/".length)) : inDist;
          expect(fs.existsSync(file), `${page}: ${href}`).toBe(true);
          if (url.hash && file.endsWith(".html")) {
            if (!parsed.has(file)) parsed.set(file, parseHTML(fs.readFileSync(file, "utf8")).document as unknown as Document);
            const target = parsed.get(file)!;
            expect(target.getElementById(decodeURIComponent(url.hash.slice(1))), `${page}: ${href} (anchor)`).toBeTruthy();
          }
          checked++;
        }
        // Links inside the page's text stay in its language (release files excepted).
        if (prefix) {
          for (const a of d.querySelectorAll("main a[href^='/']")) {
            const href = a.getAttribute("href")!;
            if (!href.startsWith("/data/")) expect(href, `${page}: ${href}`).toMatch(new RegExp(`^/${prefix}`));
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("shows the district's general fund revenue exactly as the release adds it up, with the query", async () => {
    const [year] = await q<{ y: string }>(`SELECT max(fiscal_year) AS y FROM ${lines()} WHERE is_latest AND fund = '01' AND object_class = 'revenue' AND column_code = 'BA'`);
    const rows = await q<{ part: string; amount: string }>(
      `SELECT CASE WHEN object < '8100' THEN 'lcff' ELSE 'other' END AS part, CAST(sum(amount) AS VARCHAR) AS amount
       FROM ${lines()} WHERE is_latest AND fund = '01' AND object_class = 'revenue' AND column_code = 'BA' AND fiscal_year = '${year!.y}' GROUP BY ALL`,
    );
    const lcff = parseCents(rows.find((r) => r.part === "lcff")!.amount);
    const total = rows.reduce((s, r) => s + parseCents(r.amount), 0n);
    for (const p of ["faq/", "explainers/school-funding/"]) {
      const fig = doc(p).querySelector('[data-figure="revenue"]');
      expect(text(fig), p).toContain(`In ${year!.y} (unaudited actuals), the general fund took in ${formatMoneyLong(total)}.`);
      const cells = [...fig!.querySelectorAll("tbody tr")].map((tr) => text(tr));
      expect(cells[0]).toContain(formatDollars(lcff));
      expect(cells[0]).toContain(formatShare(lcff, total)!);
      expect(fig!.querySelector("details.how-computed, details"), `${p}: how it was computed`).toBeTruthy();
      expect(text(fig!.querySelector("details pre"))).toContain("fund = '01'");
    }
  });

  it("shows the restricted share and the budget-vs-actual difference of the release", async () => {
    const SPENDING = "is_latest AND object_class IN ('expenditure', 'other_outgo')";
    const [year] = await q<{ y: string }>(`SELECT max(fiscal_year) AS y FROM ${lines()} WHERE ${SPENDING} AND column_code = 'BA'`);
    const [r] = await q<{ restricted: string; total: string; adopted: string }>(
      `SELECT CAST(sum(amount) FILTER (WHERE restricted AND column_code = 'BA') AS VARCHAR) AS restricted,
              CAST(sum(amount) FILTER (WHERE column_code = 'BA') AS VARCHAR) AS total,
              CAST(sum(amount) FILTER (WHERE column_code = 'BB') AS VARCHAR) AS adopted
       FROM ${lines()} WHERE ${SPENDING} AND fiscal_year = '${year!.y}'`,
    );
    const [restricted, total, adopted] = [r!.restricted, r!.total, r!.adopted].map((v) => parseCents(v));
    const faq = doc("faq/");
    expect(text(faq.querySelector('[data-figure="restricted"] .figure-summary'))).toBe(
      `In ${year!.y} (unaudited actuals), ${formatShare(restricted!, total!)} of the district's spending, ${formatMoneyLong(restricted!)} of ${formatMoneyLong(total!)}, was restricted money.`,
    );
    const variance = text(faq.querySelector('[data-figure="variance"] .figure-summary'));
    expect(variance).toContain(`In ${year!.y}, the district spent ${formatMoneyLong(total!)}`);
    expect(variance).toContain(`its adopted budget of ${formatMoneyLong(adopted!)}`);
  });
});
