// The help pages' content, checked without building the site: every FAQ question, glossary term, explainer,
// task and tour step has its English messages; every link in a help message goes to a page or glossary entry
// that exists; no message hard-codes a figure or carries HTML; and every <Term id> anywhere in src/ names a
// glossary term.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/messages.ts";
import { sitePageExists } from "../../site/help.ts";
import {
  EXPLAINERS,
  FAQ,
  FAQ_GROUPS,
  GLOSSARY,
  GLOSSARY_GROUPS,
  HELP_AUDIENCES,
  HELP_TASKS,
  glossaryTerm,
  numberedKeys,
  pageTitleKey,
} from "./content.ts";
import { SITE_PATH_RE, linkedPaths, parseMarkup, plainText } from "./markup.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const en = messagesFor("en");
const NAMESPACES = ["faq", "glossary", "explainers", "help", "tour"];
const own = Object.entries(en).filter(([k]) => NAMESPACES.includes(k.split(".")[0]!));
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe("markup: [text](path) links", () => {
  it("splits text and site links, merging text runs", () => {
    expect(parseMarkup("See [the glossary](glossary/#restricted) and [Trends](trends/).")).toEqual([
      { text: "See " },
      { text: "the glossary", path: "glossary/#restricted" },
      { text: " and " },
      { text: "Trends", path: "trends/" },
      { text: "." },
    ]);
    expect(parseMarkup("no links")).toEqual([{ text: "no links" }]);
    expect(plainText("a [b](budget/) c")).toBe("a b c");
  });

  it("leaves anything but a plain site path as text, so no message can link off the site", () => {
    for (const bad of ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "../x/", "/budget/", "budget", "Budget/", "budget/ x", "a/../b/", ""]) {
      const msg = `x [y](${bad}) z`;
      expect(parseMarkup(msg), bad).toEqual([{ text: msg }]);
      expect(SITE_PATH_RE.test(bad), bad).toBe(false);
    }
    expect(parseMarkup("[unclosed](budget/")).toEqual([{ text: "[unclosed](budget/" }]);
  });
});

describe("FAQ", () => {
  it("has at least 25 questions, each with a unique slug id, a group and an answer", () => {
    expect(FAQ.length).toBeGreaterThanOrEqual(25);
    expect(new Set(FAQ.map((q) => q.id)).size).toBe(FAQ.length);
    expect(new Set(FAQ.map((q) => q.key)).size).toBe(FAQ.length);
    for (const q of FAQ) {
      expect(q.id).toMatch(SLUG);
      expect(FAQ_GROUPS).toContain(q.group);
      expect(en[`faq.${q.key}.question`], q.key).toMatch(/\?$/);
      expect(numberedKeys(en, `faq.${q.key}.p`).length, `${q.key} has an answer`).toBeGreaterThan(0);
    }
    for (const g of FAQ_GROUPS) expect(en[`faq.group.${g}`], g).toBeTruthy();
  });

  it("covers the questions the issue names", () => {
    const ids = FAQ.map((q) => q.id);
    for (const id of ["where-does-the-money-come-from", "why-budget-and-actual-differ", "what-is-restricted-money", "why-per-pupil-differs-between-schools", "what-does-the-central-office-cover", "how-are-school-allocations-decided", "what-changed-this-year"]) {
      expect(ids).toContain(id);
    }
  });

  it("has no answer paragraph left over (every faq.qNN key belongs to a listed question)", () => {
    const keys = new Set(FAQ.map((q) => q.key));
    for (const [k] of own.filter(([k]) => /^faq\.q\d+\./.test(k))) expect(keys.has(k.split(".")[1]!), k).toBe(true);
  });
});

describe("glossary", () => {
  it("defines every term: name, one-sentence short form and definition; ids are unique slugs", () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(60);
    expect(new Set(GLOSSARY.map((t) => t.id)).size).toBe(GLOSSARY.length);
    for (const t of GLOSSARY) {
      expect(t.id).toMatch(SLUG);
      expect(GLOSSARY_GROUPS).toContain(t.group);
      for (const part of ["term", "short", "definition"]) expect(en[`glossary.${t.key}.${part}`], `${t.id} ${part}`).toBeTruthy();
      expect(glossaryTerm(t.id)).toBe(t);
    }
    for (const g of GLOSSARY_GROUPS) expect(en[`glossary.group.${g}`], g).toBeTruthy();
  });

  it("has an entry for every word the product brief says matters", () => {
    for (const id of ["budget-vs-actual", "adopted-budget", "revised-budget", "unaudited-actuals", "per-pupil", "restricted", "unrestricted", "central-office", "school-sites", "fte", "need-index", "weighted-student-funding"]) {
      expect(glossaryTerm(id), id).toBeDefined();
    }
  });

  it("links related terms and pages that exist", () => {
    for (const t of GLOSSARY) {
      for (const r of t.related ?? []) expect(glossaryTerm(r), `${t.id} → ${r}`).toBeDefined();
      for (const p of t.pages ?? []) {
        expect(() => pageTitleKey(p)).not.toThrow();
        expect(en[pageTitleKey(p)], `${t.id} → ${p}`).toBeTruthy();
        expect(sitePageExists(p, root) || p.startsWith("explainers/"), `${t.id} → ${p}`).toBe(true);
      }
    }
  });

  it("keeps no stray glossary keys", () => {
    const keys = new Set(GLOSSARY.map((t) => t.key));
    const general = new Set(["title", "description", "lead", "contents", "official", "seeAlso", "related", "termLink", "group"]);
    for (const [k] of own.filter(([k]) => k.startsWith("glossary."))) {
      const head = k.split(".")[1]!;
      expect(keys.has(head) || general.has(head), k).toBe(true);
    }
  });
});

describe("explainers, tasks and tour", () => {
  it("each explainer has a title, a summary, sections with paragraphs, terms and pages that exist", () => {
    for (const slug of ["budget-cycle", "weighted-student-funding", "need-index", "restricted-money", "budget-vs-actual"]) {
      expect(EXPLAINERS.map((e) => e.slug)).toContain(slug);
    }
    for (const e of EXPLAINERS) {
      expect(e.slug).toMatch(SLUG);
      expect(en[`explainers.${e.key}.title`]).toBeTruthy();
      expect(en[`explainers.${e.key}.summary`]).toBeTruthy();
      expect(en[`explainers.${e.key}.s1.heading`], e.key).toBeTruthy();
      for (let i = 1; `explainers.${e.key}.s${i}.heading` in en; i++) {
        expect(numberedKeys(en, `explainers.${e.key}.s${i}.p`).length, `${e.key} s${i}`).toBeGreaterThan(0);
      }
      for (const id of e.terms) expect(glossaryTerm(id), `${e.slug} → ${id}`).toBeDefined();
      for (const p of e.pages) expect(sitePageExists(p, root), `${e.slug} → ${p}`).toBe(true);
    }
  });

  it("each task has a title and ordered steps, for every audience", () => {
    expect(new Set(HELP_TASKS.map((t) => t.id)).size).toBe(HELP_TASKS.length);
    for (const a of HELP_AUDIENCES) {
      expect(en[`help.${a}.title`]).toBeTruthy();
      expect(HELP_TASKS.filter((t) => t.audience === a && !t.requires).length, a).toBeGreaterThan(0);
    }
    for (const t of HELP_TASKS) {
      expect(t.id).toMatch(SLUG);
      expect(en[`help.${t.audience}.${t.key}.title`], t.key).toBeTruthy();
      expect(numberedKeys(en, `help.${t.audience}.${t.key}.s`).length, t.key).toBeGreaterThanOrEqual(2);
    }
  });

  it("the tour has the text of every step", () => {
    const tour = readFileSync(path.join(import.meta.dirname, "Tour.astro"), "utf8");
    const used = [...tour.matchAll(/t\("(tour\.[A-Za-z.]+)"/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThanOrEqual(15);
    for (const k of used) expect(en[k], k).toBeTruthy();
  });
});

describe("help messages", () => {
  /** The page a task's messages may link to although it may not exist (the task shows only with it). */
  const optional = (key: string): string | undefined => HELP_TASKS.find((t) => t.requires && key.startsWith(`help.${t.audience}.${t.key}.`))?.requires;

  it("link only to pages and glossary entries that exist", () => {
    let links = 0;
    for (const [key, text] of own) {
      for (const p of linkedPaths(text)) {
        links++;
        const [page = "", anchor] = p.split("#");
        if (page === "glossary/" && anchor) expect(glossaryTerm(anchor), `${key} → ${p}`).toBeDefined();
        else if (page.startsWith("explainers/") && page !== "explainers/") expect(EXPLAINERS.some((e) => `explainers/${e.slug}/` === page), `${key} → ${p}`).toBe(true);
        else if (optional(key) === page) continue; // the task is shown only when the site has the page
        else expect(sitePageExists(page, root), `${key} → ${p}`).toBe(true);
      }
      // A link written wrongly stays as text: catch it here rather than on the page.
      expect(plainText(text), key).not.toMatch(/\]\(/);
    }
    expect(links).toBeGreaterThan(100);
  });

  it("carry no HTML and no hard-coded amounts (figures come from the release)", () => {
    for (const [key, text] of own) {
      expect(text, key).not.toMatch(/<[a-z/!]/i);
      expect(text, key).not.toMatch(/\$\s?\d/);
    }
  });
});

describe("<Term id>", () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? files(p) : /\.(astro|tsx?|mdx?)$/.test(name) ? [p] : [];
    });
  }

  it("every <Term id> used anywhere in src/ is a glossary term", () => {
    const uses = files(path.join(root, "src")).flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/<Term\s+id=["']([^"']+)["']/g)].map((m) => ({ file: path.relative(root, f), id: m[1]! })),
    );
    // (Messages about the component, such as its own error text, interpolate the id: not a use.)
    for (const u of uses.filter((u) => !u.id.includes("${"))) expect(glossaryTerm(u.id), `${u.file}: <Term id="${u.id}">`).toBeDefined();
    expect(uses.some((u) => u.id === "restricted"), "the component's documented example is found").toBe(true);
  });
});
