// Issue 5's "done when" for languages, checked without a build (NO_SAMPLE_SITE=1 is enough):
// (1) every locale has English's namespaces and keys, and exactly the plural forms its rules need;
// (2) every translation file validates, and every locale says where its translation stands (_meta.json);
// (3) translations use English's {{variables}};
// (4) astro.config.mjs routes the locales of src/i18n/locales.ts;
// (5) no untranslated text in templates, no literal user-facing attribute, no t() key English lacks;
// (6) no physical left/right CSS;
// (7) the browser's translator agrees with i18next.
// The file checks live in ./lint.ts. (1) and (2) fail for a locale whose translation has not landed yet.

import path from "node:path";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import config from "../../astro.config.mjs";
import { DEFAULT_LOCALE, LOCALES, LOCALE_INFO } from "./locales.ts";
import { metaSchema, namespaceSchema } from "./schema.ts";
import { messagesFor } from "./messages.ts";
import { useTranslations } from "./index.ts";
import { makeTranslator, type Vars } from "./translate.ts";
import i18next from "i18next";
import {
  ALLOWED_WORDS,
  astroCssProblems,
  groupKeys,
  hasWords,
  keysUsed,
  parityProblems,
  physicalCssProblems,
  placeholders,
  pluralCategories,
  readMessageTree,
  scanAstro,
  unknownKeyProblems,
  untranslatedProblems,
  variableProblems,
  walk,
} from "./lint.ts";

const root = path.resolve(import.meta.dirname, "../..");
const rel = (file: string): string => path.relative(root, file);
const MESSAGES = path.join(root, "src/i18n/messages");
const tree = readMessageTree(MESSAGES);
const TEMPLATES = ["src/pages", "src/components", "src/layouts"].flatMap((d) => walk(path.join(root, d), [".astro"]));

/** Passes on no problems; otherwise fails listing them (the first 80, and how many in all). */
function expectNone(problems: readonly string[], what: string): void {
  const shown = problems.slice(0, 80).join("\n");
  const more = problems.length > 80 ? `\n… and ${problems.length - 80} more` : "";
  expect(problems.length ? `${problems.length} ${what}:\n${shown}${more}` : "", what).toBe("");
}

describe("translation files", () => {
  it("English exists, with a _meta.json marked as the source", () => {
    expect(tree.get("en")?.size ?? 0).toBeGreaterThan(1);
    expect(metaSchema.parse(tree.get("en")?.get("_meta")).status).toBe("source");
  });

  it.each([...LOCALES])("%s has English's namespaces and keys, and the plural forms its rules need", (locale) => {
    expectNone(parityProblems(tree, locale), `key problems in src/i18n/messages/${locale}/`);
  });

  it("every file on disk is valid JSON of the right shape, in a folder of a site locale", () => {
    const problems: string[] = [];
    for (const [locale, files] of tree) {
      if (!(LOCALES as readonly string[]).includes(locale)) problems.push(`messages/${locale}/: "${locale}" is not a locale of src/i18n/locales.ts`);
      for (const [ns, data] of files) {
        const file = `messages/${locale}/${ns}.json`;
        if (data instanceof Error) {
          problems.push(`${file}: ${data.message}`);
          continue;
        }
        const r = (ns === "_meta" ? metaSchema : namespaceSchema).safeParse(data);
        if (!r.success) for (const issue of r.error.issues) problems.push(`${file}: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
      }
    }
    expectNone(problems, "invalid translation files");
  });

  it.each([...LOCALES])("%s has a valid _meta.json (review status)", (locale) => {
    const meta = tree.get(locale)?.get("_meta");
    expect(meta, `src/i18n/messages/${locale}/_meta.json is missing`).toBeDefined();
    const r = metaSchema.safeParse(meta);
    expect(r.success ? "" : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), `src/i18n/messages/${locale}/_meta.json`).toBe("");
    if (r.success) expect(r.data.status === "source", "only English is the source").toBe(locale === DEFAULT_LOCALE);
  });

  it.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))("%s uses exactly English's {{variables}}", (locale) => {
    expectNone(variableProblems(tree, locale), `variable problems in src/i18n/messages/${locale}/`);
  });
});

describe("the checks on translation files catch what they should", () => {
  const en = new Map<string, unknown>([
    ["_meta", {}],
    ["home", { title: "Home", "schools_one": "{{n}} school", "schools_other": "{{n}} schools", note: "From {{district}}" }],
  ]);
  const check = (locale: string, home: Record<string, string> | undefined) => {
    const t = new Map([["en", en]]);
    if (home) t.set(locale, new Map<string, unknown>([["home", home]]));
    return { parity: parityProblems(t, locale), vars: variableProblems(t, locale) };
  };

  it("passes a complete translation and names every missing, extra or wrong plural key", () => {
    expect(check("ru", { title: "Главная", schools_one: "{{n}} школа", schools_few: "{{n}} школы", schools_many: "{{n}} школ", schools_other: "{{n}} школы", note: "Из {{district}}" })).toEqual({ parity: [], vars: [] });
    expect(check("ja", { title: "ホーム", schools_other: "{{n}}校", note: "{{district}}から" }).parity).toEqual([]);
    expect(check("ja", { title: "ホーム", schools_one: "{{n}}校", schools_other: "{{n}}校", extra: "x" }).parity).toEqual([
      'ja/home.json: extra plural form "schools_one" (ja uses other)',
      'ja/home.json: missing key "note"',
      'ja/home.json: extra key "extra" (not in en/home.json)',
    ]);
    expect(check("ru", { title: "x", schools_one: "a", schools_other: "b", note: "c" }).parity).toEqual(['ru/home.json: missing plural form "schools_few"', 'ru/home.json: missing plural form "schools_many"']);
    expect(check("es", undefined).parity).toEqual(["es/home.json: missing (all 3 keys of en/home.json, e.g. title, schools, note)"]);
  });

  it("names a variable a translation dropped or invented", () => {
    const { vars } = check("es", { title: "Inicio {{x}}", schools_one: "una escuela", schools_many: "{{n}} escuelas", schools_other: "{{n}} escuelas", note: "De" });
    expect(vars).toEqual(['es/home.json "title": {{x}} is not in English (English has none)', 'es/home.json "note": missing {{district}} (English has {{district}})']);
  });

  it("knows each locale's plural forms from Intl", () => {
    expect(pluralCategories("ja")).toEqual(["other"]);
    expect(pluralCategories("ru")).toEqual(["one", "few", "many", "other"]);
    expect(pluralCategories("ar")).toEqual(["zero", "one", "two", "few", "many", "other"]);
    expect(pluralCategories("es")).toEqual(["one", "many", "other"]);
    expect([...placeholders("{{a}} and {{ b }} and {{a}}")]).toEqual(["a", "b"]);
  });
});

describe("astro.config.mjs", () => {
  it("routes exactly the locales of src/i18n/locales.ts, English at the root", () => {
    const i18n = config.i18n!;
    expect(i18n.defaultLocale).toBe(DEFAULT_LOCALE);
    expect(i18n.routing).toMatchObject({ prefixDefaultLocale: false });
    const routed = i18n.locales.map((l) => (typeof l === "string" ? { path: l, codes: [l] } : { path: l.path, codes: [...l.codes] }));
    const expected = LOCALE_INFO.map((l) => ({ path: l.path || l.code, codes: [l.code] }));
    expect(routed).toEqual(expected);
  });
});

describe("lint: templates", () => {
  it("reads templates the way the lint needs (a check on the checker)", () => {
    const scan = scanAstro(`---
const t = (k: string) => k; // <p>not markup</p>
---
<!doctype html>
<!-- a comment with words -->
<Base title="Literal title" description={t("a.b")}>
  <h1>{t("a.title")}</h1>
  Loose words
  <p aria-label="Label words" class="x">{cond && <span>Inner words</span>} {" "}{"Quoted words"}</p>
  {list.map((x) => (x.a < 3 ? <li title={x}>{x}</li> : <li>Other {x.name}</li>))}
  {\`\${a}\`}<code>{'{'}</code>
  <p>Strings: {"a } b"} {'it\\'s'} {/a"}b/.test(s) ? "x" : <em>Regex words</em>}</p>
</Base>
<script>const s = "<p>Script words</p>";</script>
<style>.a { margin-left: 1px; }</style>`);
    expect(scan.texts.map((t) => t.text)).toEqual(["Loose words", "Inner words", "Other", "Strings:", "Regex words"]);
    expect(scan.texts[0]!.line).toBe(8);
    expect(scan.literalExpressions.map((t) => t.text)).toEqual([" ", "Quoted words", "{", "a } b", "it\\'s"]);
    expect(scan.attributes.filter((a) => a.value !== undefined).map((a) => `${a.tag} ${a.name}=${a.value}`)).toEqual(["Base title=Literal title", "p aria-label=Label words", "p class=x"]);
    expect(scan.styles.map((s) => s.text.trim())).toEqual([".a { margin-left: 1px; }"]);
  });

  it("flags text with letters, allows punctuation, numbers, entities and the listed codes", () => {
    expect(hasWords("— , . ( ) 1–3 $ &nbsp; &mdash;")).toBe(false);
    expect(hasWords(ALLOWED_WORDS.join(" / "))).toBe(false);
    expect(hasWords("BB budget")).toBe(true);
    expect(hasWords("SACSX")).toBe(true);
    expect(hasWords("فارسی")).toBe(true);
    const problems = untranslatedProblems("x.astro", `<Table caption="Fund totals" codeLabel={t("a.b")} id="fund-table" /><img alt="A chart" src="a.png"><p title="{x}">BA</p>`);
    expect(problems).toEqual(['x.astro:1: caption="Fund totals" on <Table>', 'x.astro:1: alt="A chart" on <img>', 'x.astro:1: title="{x}" on <p>']);
  });

  it("finds t() keys and RichText keys", () => {
    const keys = keysUsed(`t("a.b"); lt('c.d', { n }); l.t("e.f"); format("g.h"); t(\`i.\${x}\`); <RichText k="j.k" /> t("nodot")`);
    expect(keys.map((k) => k.text)).toEqual(["a.b", "c.d", "e.f", "j.k"]);
    expect(unknownKeyProblems("x.ts", `t("a.count", { count: 2 }); t("a.typo")`, new Set(["a.count_one", "a.count_other"]))).toEqual(['x.ts:1: t("a.typo"): no such key in src/i18n/messages/en/']);
  });

  it("no untranslated text or literal user-facing attribute in src/pages, src/components, src/layouts", () => {
    expect(TEMPLATES.length).toBeGreaterThan(20);
    expectNone(TEMPLATES.flatMap((f) => untranslatedProblems(rel(f), fs.readFileSync(f, "utf8"))), "untranslated strings (move them to src/i18n/messages/en/)");
  });

  it("every t() key in src/ exists in English", () => {
    const en = new Set(Object.keys(messagesFor("en")));
    const files = walk(path.join(root, "src"), [".astro", ".ts"]).filter((f) => !f.endsWith(".test.ts") && !f.endsWith(path.join("i18n", "lint.ts")));
    expectNone(files.flatMap((f) => unknownKeyProblems(rel(f), fs.readFileSync(f, "utf8"), en)), "unknown message keys");
  });
});

describe("lint: logical CSS only", () => {
  it("names each physical left/right property (a check on the checker)", () => {
    const css = `.a { margin-left: 0; padding-right: 1px; border-left: 1px solid; border-right-width: 2px; }
.b { left: 0; float: right; text-align: left; clear: both; }
/* margin-left: in a comment is fine */
.c { margin-inline-start: 0; inset-inline-start: 0; text-align: start; scroll-margin-left: 0; border-start-start-radius: 0; }`;
    expect(physicalCssProblems("x.css", css).map((p) => p.replace(/ \(.*\)$/, ""))).toEqual([
      'x.css:1: "border-left:"',
      'x.css:1: "border-right-width:"',
      'x.css:1: "margin-left:"',
      'x.css:1: "padding-right:"',
      'x.css:2: "float: right"',
      'x.css:2: "left:"',
      'x.css:2: "text-align: left"',
    ]);
    expect(astroCssProblems("x.astro", `<p style="padding-left: 1em">{x}</p>\n<style>\n.a { right: 0 }\n</style>`)).toEqual([
      'x.astro:3: "right:" (use inset-inline-start/end)',
      'x.astro:1: "padding-left:" (use margin-inline-start/end, padding-inline-start/end)',
    ]);
  });

  it("no physical left/right in src/**/*.css, <style> blocks or style attributes", () => {
    const css = walk(path.join(root, "src"), [".css"]).flatMap((f) => physicalCssProblems(rel(f), fs.readFileSync(f, "utf8")));
    const astro = walk(path.join(root, "src"), [".astro"]).flatMap((f) => astroCssProblems(rel(f), fs.readFileSync(f, "utf8")));
    expectNone([...css, ...astro], "physical left/right CSS properties (use the logical ones)");
  });
});

describe("the browser's translator agrees with i18next", () => {
  const en = messagesFor("en");
  const groups = groupKeys(en);
  // Counts that reach every plural category of the locales below (ar: 0 zero, 1 one, 2 two, 3 few, 11 many, 100 other).
  const COUNTS = [0, 1, 2, 3, 5, 11, 21, 100, 1.5];

  it("on every plural category of ru and ar, and on English fallback (fixed messages, i18next set up as src/i18n/index.ts)", () => {
    const resources = {
      en: { "n.files_one": "{{n}} file", "n.files_other": "{{n}} files", "n.only": "English only {{x}}" },
      ru: { "n.files_one": "{{n}} файл", "n.files_few": "{{n}} файла", "n.files_many": "{{n}} файлов", "n.files_other": "{{n}} файла (дробное)" },
      ar: { "n.files_zero": "لا ملفات", "n.files_one": "ملف واحد", "n.files_two": "ملفان", "n.files_few": "{{n}} ملفات", "n.files_many": "{{n}} ملفًا", "n.files_other": "{{n}} ملف" },
    };
    const inst = i18next.createInstance();
    void inst.init({
      resources: Object.fromEntries(Object.entries(resources).map(([l, m]) => [l, { translation: m }])),
      lng: "en", fallbackLng: "en", keySeparator: false, nsSeparator: false, interpolation: { escapeValue: false }, returnNull: false, initAsync: false,
    });
    const seen = new Set<string>();
    for (const locale of ["ru", "ar", "es"]) {
      const fixed = inst.getFixedT(locale);
      const browser = makeTranslator(locale, (resources as Record<string, Record<string, string>>)[locale] ?? {}, resources.en);
      for (const count of [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 100, 101, 102, 111, 1.5]) {
        const v = { count, n: String(count), x: "‹x›" };
        expect(browser("n.files", v), `${locale} ${count}`).toBe(fixed("n.files", v));
        seen.add(`${locale} ${browser("n.files", v).replace(/[\d.]+/, "#")}`);
      }
      expect(browser("n.only", { x: "‹x›" })).toBe(fixed("n.only", { x: "‹x›" }));
    }
    // Every form was reached: ru 4, ar 6, es (English fallback) 2.
    expect(seen.size).toBe(12);
  });

  it.each(["en", "es", "ru", "ar"])("%s: makeTranslator = useTranslations for every English key", (locale) => {
    const t = useTranslations(locale);
    const browser = makeTranslator(locale, messagesFor(locale as "en"), en);
    const differences: string[] = [];
    expect(groups.size).toBeGreaterThan(100);
    for (const [key, forms] of groups) {
      const names = new Set([...forms.values()].flatMap((text) => [...placeholders(text)]));
      const vars: Record<string, string | number> = Object.fromEntries([...names].map((n) => [n, `‹${n}›`]));
      const plural = !forms.has("");
      for (const count of plural || names.has("count") ? COUNTS : [undefined]) {
        const v: Vars = count === undefined ? vars : { ...vars, count };
        const a = browser(key, v);
        const b = t(key, v);
        if (a !== b) differences.push(`${key} ${JSON.stringify(v)}: browser "${a}" ≠ i18next "${b}"`);
      }
    }
    expectNone(differences, "differences");
  });
});
