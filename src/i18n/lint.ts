// Checks behind src/i18n/i18n.test.ts: translation files (key parity, plural forms, {{variables}}), and a
// lint of the templates and styles (untranslated text, literal user-facing attributes, physical left/right
// CSS, t() keys that English does not have). Node only (reads files); each check returns a list of
// problems, each naming its file (and line), so a failing test says what to fix.

import fs from "node:fs";
import path from "node:path";
import { PLURAL_SUFFIX } from "./translate.ts";

export type Tree = Map<string, Map<string, unknown>>; // locale → namespace → parsed JSON (or a parse error)

/** Every file under `dir` (recursively) whose name ends with one of `exts`, sorted. */
export function walk(dir: string, exts: readonly string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) out.push(...walk(p, exts));
    } else if (exts.some((e) => entry.name.endsWith(e))) out.push(p);
  }
  return out.sort();
}

/** The translation files as they are on disk: messages/<locale>/<namespace>.json, parse errors kept as Error. */
export function readMessageTree(messagesDir: string): Tree {
  const tree: Tree = new Map();
  for (const locale of fs.readdirSync(messagesDir).sort()) {
    const dir = path.join(messagesDir, locale);
    if (!fs.statSync(dir).isDirectory()) continue;
    const files = new Map<string, unknown>();
    for (const file of fs.readdirSync(dir).sort()) {
      if (!file.endsWith(".json")) continue;
      try {
        files.set(file.slice(0, -5), JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
      } catch (e) {
        files.set(file.slice(0, -5), e instanceof Error ? e : new Error(String(e)));
      }
    }
    tree.set(locale, files);
  }
  return tree;
}

/** "count_one" → "count"; other keys unchanged. */
export const baseKey = (key: string): string => key.replace(PLURAL_SUFFIX, "");
/** "count_one" → "one"; undefined for a key without a plural suffix. */
export const pluralForm = (key: string): string | undefined => PLURAL_SUFFIX.exec(key)?.[1];

/** The {{names}} in a message. */
export function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{\s*-?\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!));
}

/** A namespace's messages grouped by base key: base → { form ("" when not plural) → text }. */
export function groupKeys(messages: Readonly<Record<string, string>>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, text] of Object.entries(messages)) {
    const base = baseKey(key);
    let forms = out.get(base);
    if (!forms) out.set(base, (forms = new Map()));
    forms.set(pluralForm(key) ?? "", text);
  }
  return out;
}

/** The plural categories a locale's messages must have (Intl.PluralRules, in CLDR order). */
export function pluralCategories(locale: string): string[] {
  const order = ["zero", "one", "two", "few", "many", "other"];
  const cats = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
  return order.filter((c) => cats.includes(c));
}

const asMessages = (v: unknown): Record<string, string> =>
  v && typeof v === "object" && !(v instanceof Error) && !Array.isArray(v) ? (Object.fromEntries(Object.entries(v).filter(([, s]) => typeof s === "string")) as Record<string, string>) : {};

/**
 * Key parity of one locale with English: the same namespaces, the same base keys, and for each plural key
 * exactly the forms the locale's plural rules need. A missing folder or namespace counts as every key
 * missing (listed once, by namespace, with how many keys).
 */
export function parityProblems(tree: Tree, locale: string): string[] {
  const en = tree.get("en") ?? new Map<string, unknown>();
  const own = tree.get(locale);
  const problems: string[] = [];
  const needed = pluralCategories(locale);
  for (const [ns, data] of en) {
    if (ns === "_meta") continue;
    const enKeys = groupKeys(asMessages(data));
    if (!own?.has(ns)) {
      problems.push(`${locale}/${ns}.json: missing (all ${enKeys.size} keys of en/${ns}.json, e.g. ${[...enKeys.keys()].slice(0, 3).join(", ")})`);
      continue;
    }
    const mine = groupKeys(asMessages(own.get(ns)));
    for (const [base, enForms] of enKeys) {
      const forms = mine.get(base);
      if (!forms) {
        problems.push(`${locale}/${ns}.json: missing key "${base}"${enForms.has("") ? "" : ` (plural: ${needed.map((c) => `${base}_${c}`).join(", ")})`}`);
        continue;
      }
      const plural = !enForms.has("");
      if (!plural) {
        for (const form of forms.keys()) if (form) problems.push(`${locale}/${ns}.json: "${base}_${form}" is a plural form, but en/${ns}.json's "${base}" is not plural`);
        continue;
      }
      if (forms.has("")) problems.push(`${locale}/${ns}.json: "${base}" must be written as plural forms (${needed.map((c) => `${base}_${c}`).join(", ")})`);
      for (const c of needed) if (!forms.has(c)) problems.push(`${locale}/${ns}.json: missing plural form "${base}_${c}"`);
      for (const form of forms.keys()) if (form && !needed.includes(form)) problems.push(`${locale}/${ns}.json: extra plural form "${base}_${form}" (${locale} uses ${needed.join(", ")})`);
    }
    for (const base of mine.keys()) if (!enKeys.has(base)) problems.push(`${locale}/${ns}.json: extra key "${base}" (not in en/${ns}.json)`);
  }
  if (own) for (const ns of own.keys()) if (ns !== "_meta" && !en.has(ns)) problems.push(`${locale}/${ns}.json: extra namespace (en has no ${ns}.json)`);
  return problems;
}

/**
 * {{variables}} of a locale's messages against English: a plain message has exactly English's; a plural
 * key's forms together have exactly the English forms' variables (a single form may leave one out, as
 * Arabic's _zero or _one often write the number as a word), and no form has one English lacks.
 */
export function variableProblems(tree: Tree, locale: string): string[] {
  const en = tree.get("en");
  const own = tree.get(locale);
  if (!en || !own || locale === "en") return [];
  const problems: string[] = [];
  const fmt = (s: Set<string>) => (s.size ? [...s].sort().map((v) => `{{${v}}}`).join(" ") : "none");
  for (const [ns, data] of own) {
    if (ns === "_meta" || !en.has(ns)) continue;
    const enKeys = groupKeys(asMessages(en.get(ns)));
    for (const [base, forms] of groupKeys(asMessages(data))) {
      const enForms = enKeys.get(base);
      if (!enForms) continue; // an extra key: parityProblems reports it
      const want = new Set([...enForms.values()].flatMap((t) => [...placeholders(t)]));
      if (!enForms.has("")) want.delete("count"); // count chooses the form; writing it is optional
      const union = new Set<string>();
      for (const [form, text] of forms) {
        const have = placeholders(text);
        for (const v of have) union.add(v);
        const extra = [...have].filter((v) => !want.has(v) && !(v === "count" && !enForms.has("")));
        const key = form ? `${base}_${form}` : base;
        if (extra.length) problems.push(`${locale}/${ns}.json "${key}": {{${extra.join("}}, {{")}}} is not in English (English has ${fmt(want)})`);
        if (enForms.has("") && form === "") {
          const missing = [...want].filter((v) => !have.has(v));
          if (missing.length) problems.push(`${locale}/${ns}.json "${key}": missing {{${missing.join("}}, {{")}}} (English has ${fmt(want)})`);
        }
      }
      if (!enForms.has("")) {
        const missing = [...want].filter((v) => !union.has(v));
        if (missing.length) problems.push(`${locale}/${ns}.json "${base}_*": no plural form uses {{${missing.join("}}, {{")}}} (English has ${fmt(want)})`);
      }
    }
  }
  return problems;
}

// ---- templates -------------------------------------------------------------------------------------

export interface Located {
  text: string;
  /** 1-based line in the file. */
  line: number;
}
export interface Attribute extends Located {
  tag: string;
  name: string;
  /** The literal value; undefined for an expression ({…}) or a bare attribute. */
  value: string | undefined;
}
export interface TemplateScan {
  /** Text nodes of the template (outside expressions, or inside JSX within expressions). */
  texts: Located[];
  attributes: Attribute[];
  /** Contents of <style> blocks, with the line they start on. */
  styles: Located[];
  /** Expressions that are nothing but a string literal: {"Some text"}. */
  literalExpressions: Located[];
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/**
 * Reads an .astro file's template the way the lint needs it: the frontmatter is skipped; <script> and
 * <style> contents, comments and {…} expressions (balanced braces; strings, template literals, comments
 * and regular expressions inside them) are not text; markup written inside an expression (`{x && <p>…</p>}`)
 * is read as markup again. Not a full parser, but it errs towards reporting text.
 */
export function scanAstro(source: string): TemplateScan {
  const out: TemplateScan = { texts: [], attributes: [], styles: [], literalExpressions: [] };
  const lineStarts = [0];
  for (let k = 0; k < source.length; k++) if (source[k] === "\n") lineStarts.push(k + 1);
  const lineAt = (index: number): number => {
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const src = source;
  const n = src.length;
  let i = 0;
  const fm = /^\s*---\r?\n[\s\S]*?\r?\n---[^\S\r\n]*(?:\r?\n|$)/.exec(src);
  if (fm) i = fm[0].length;

  /** Parses markup from i: everything to the end (element = false), or one element (element = true). */
  function markup(element: boolean): void {
    let depth = 0;
    let text = "";
    let textStart = i;
    const flush = () => {
      if (text.trim()) out.texts.push({ text: text.trim(), line: lineAt(textStart + (text.length - text.trimStart().length)) });
      text = "";
    };
    while (i < n) {
      const c = src[i]!;
      if (c === "{") {
        flush();
        expression();
        textStart = i;
        continue;
      }
      if (c === "<") {
        if (src.startsWith("<!--", i)) {
          flush();
          const end = src.indexOf("-->", i + 4);
          i = end < 0 ? n : end + 3;
          textStart = i;
          continue;
        }
        if (src[i + 1] === "!") {
          // <!doctype html> and other declarations
          flush();
          const end = src.indexOf(">", i);
          i = end < 0 ? n : end + 1;
          textStart = i;
          continue;
        }
        if (src[i + 1] === "/") {
          flush();
          const end = src.indexOf(">", i);
          i = end < 0 ? n : end + 1;
          textStart = i;
          depth--;
          if (element && depth <= 0) return;
          continue;
        }
        if (/[A-Za-z>]/.test(src[i + 1] ?? "")) {
          flush();
          const { name, selfClosing } = tag();
          const lower = name.toLowerCase();
          if (!selfClosing && (lower === "script" || lower === "style")) {
            const close = new RegExp(`</${lower}\\s*>`, "ig");
            close.lastIndex = i;
            const m = close.exec(src);
            const end = m ? m.index : n;
            if (lower === "style") out.styles.push({ text: src.slice(i, end), line: lineAt(i) });
            i = m ? m.index + m[0].length : n;
          } else if (!selfClosing && !VOID.has(lower)) depth++;
          textStart = i;
          if (element && depth <= 0) return;
          continue;
        }
      }
      if (!text) textStart = i;
      text += c;
      i++;
    }
    flush();
  }

  /** Parses a tag from i (at "<"); records its attributes; leaves i after ">". */
  function tag(): { name: string; selfClosing: boolean } {
    const start = i;
    i++;
    const nameMatch = /^[A-Za-z0-9_.:-]*/.exec(src.slice(i, i + 100))!;
    const name = nameMatch[0];
    i += name.length;
    for (;;) {
      while (i < n && /\s/.test(src[i]!)) i++;
      if (i >= n) return { name, selfClosing: false };
      if (src.startsWith("/>", i)) {
        i += 2;
        return { name, selfClosing: true };
      }
      if (src[i] === ">") {
        i++;
        return { name, selfClosing: false };
      }
      if (src[i] === "{") {
        expression();
        continue;
      }
      const attrStart = i;
      const attr = /^[^\s=>/{]+/.exec(src.slice(i, i + 200))?.[0] ?? src[i]!;
      i += attr.length;
      while (i < n && /\s/.test(src[i]!)) i++;
      let value: string | undefined;
      if (src[i] === "=") {
        i++;
        while (i < n && /\s/.test(src[i]!)) i++;
        const q = src[i];
        if (q === '"' || q === "'") {
          const end = src.indexOf(q, i + 1);
          value = src.slice(i + 1, end < 0 ? n : end);
          i = end < 0 ? n : end + 1;
        } else if (q === "{") {
          expression();
        } else if (q === "`") {
          i = templateLiteral(i + 1);
        } else {
          const bare = /^[^\s>]+/.exec(src.slice(i, i + 200))?.[0] ?? "";
          value = bare.endsWith("/") ? bare.slice(0, -1) : bare;
          i += value.length;
        }
      }
      out.attributes.push({ tag: name, name: attr, value, text: value ?? "", line: lineAt(attrStart) });
      if (i <= start) i = start + 1; // never loop in place
    }
  }

  /** Skips a string literal opened at i - 1 by `quote`; returns the index after it. */
  function stringLiteral(from: number, quote: string): number {
    let k = from;
    while (k < n && src[k] !== quote) {
      if (src[k] === "\\") k++;
      if (src[k] === "\n" && quote !== "`") break;
      k++;
    }
    return k + 1;
  }

  /** Skips a template literal whose body starts at `from`, parsing ${…} as code; returns the index after it. */
  function templateLiteral(from: number): number {
    i = from;
    while (i < n && src[i] !== "`") {
      if (src[i] === "\\") i += 2;
      else if (src.startsWith("${", i)) {
        i += 2;
        code("}");
      } else i++;
    }
    return i + 1;
  }

  /** Parses a {…} expression from i (at "{"); leaves i after its "}". */
  function expression(): void {
    const start = i;
    i++;
    code("}");
    const body = src.slice(start + 1, i - 1).trim();
    const literal = /^"((?:[^"\\\n]|\\.)*)"$|^'((?:[^'\\\n]|\\.)*)'$|^`([^`$\\]*)`$/.exec(body);
    if (literal) out.literalExpressions.push({ text: literal[1] ?? literal[2] ?? literal[3] ?? "", line: lineAt(start) });
  }

  /** Parses code until the unmatched `closer`; leaves i after it. Markup in it is parsed as markup. */
  function code(closer: string): void {
    let depth = 0;
    let prev = ""; // last significant character
    let word = ""; // last identifier
    while (i < n) {
      const c = src[i]!;
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        i = stringLiteral(i + 1, c);
        prev = c;
        word = "";
        continue;
      }
      if (c === "`") {
        i = templateLiteral(i + 1);
        prev = c;
        word = "";
        continue;
      }
      if (c === "/" && src[i + 1] === "/") {
        const end = src.indexOf("\n", i);
        i = end < 0 ? n : end + 1;
        continue;
      }
      if (c === "/" && src[i + 1] === "*") {
        const end = src.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        continue;
      }
      const operand = /[\w$)\]"'`]/.test(prev) && !["return", "typeof", "case", "in", "of"].includes(word);
      if (c === "/" && !operand) {
        // a regular expression literal
        let k = i + 1;
        let inClass = false;
        while (k < n && src[k] !== "\n") {
          if (src[k] === "\\") k++;
          else if (src[k] === "[") inClass = true;
          else if (src[k] === "]") inClass = false;
          else if (src[k] === "/" && !inClass) break;
          k++;
        }
        i = k + 1;
        while (i < n && /[a-z]/.test(src[i]!)) i++;
        prev = ")";
        word = "";
        continue;
      }
      if (c === "<" && !operand && /[A-Za-z>]/.test(src[i + 1] ?? "")) {
        markup(true);
        prev = ")";
        word = "";
        continue;
      }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") {
        if (depth === 0 && c === closer) {
          i++;
          return;
        }
        depth--;
      }
      if (/[\w$]/.test(c)) word = /[\w$]/.test(prev) ? word + c : c;
      else word = "";
      prev = c;
      i++;
    }
  }

  markup(false);
  return out;
}

/**
 * Words that may stand untranslated in a template: codes and names that are the same in every language.
 * Keep it short; anything a reader should understand belongs in the messages.
 */
export const ALLOWED_WORDS: readonly string[] = [
  "SACS", // the state's account code structure, a proper name
  "K-12",
  "BB", "BA", "BE", "IO", "IB", "IA", "IP", // SACS column codes, as printed in the files
  "SHA-256",
];

const ENTITY = /&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/gi;
const allowed = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${ALLOWED_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\p{L}\\p{N}_-])`, "gu");
/** True when the text still has a letter once entities and allowed words are taken out. */
export function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replace(ENTITY, " ").replace(allowed, " "));
}

/** Attributes a reader meets (screen readers read them, browsers show them). */
const USER_FACING = new Set(["aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "aria-placeholder", "alt", "title", "placeholder", "label"]);
/** Props of components that carry text to show ("caption", "codeLabel", "note", …). */
const TEXT_PROP = /(label|caption|title|text|note|heading|description|summary|placeholder|alt|message)$/i;

/** Untranslated text and literal user-facing attributes in one .astro file's source. */
export function untranslatedProblems(file: string, source: string): string[] {
  const scan = scanAstro(source);
  const problems: string[] = [];
  for (const t of scan.texts) if (hasWords(t.text)) problems.push(`${file}:${t.line}: text "${clip(t.text)}"`);
  for (const t of scan.literalExpressions) if (hasWords(t.text)) problems.push(`${file}:${t.line}: string in an expression "${clip(t.text)}"`);
  for (const a of scan.attributes) {
    if (a.value === undefined || !hasWords(a.value)) continue;
    const component = /^[A-Z]/.test(a.tag) || a.tag.includes(".");
    if (USER_FACING.has(a.name.toLowerCase()) || (component && TEXT_PROP.test(a.name))) problems.push(`${file}:${a.line}: ${a.name}="${clip(a.value)}" on <${a.tag}>`);
  }
  return problems;
}

const clip = (s: string): string => {
  const one = s.replace(/\s+/g, " ");
  return one.length > 70 ? `${one.slice(0, 67)}…` : one;
};

// ---- CSS -------------------------------------------------------------------------------------------

const PHYSICAL: readonly [RegExp, string][] = [
  [/(?<![\w-])(margin|padding)-(left|right)\s*:/g, "use margin-inline-start/end, padding-inline-start/end"],
  [/(?<![\w-])border-(left|right)(-[a-z]+)?\s*:/g, "use border-inline-start/end"],
  [/(?<![\w-])(left|right)\s*:/g, "use inset-inline-start/end"],
  [/(?<![\w-])(float|clear)\s*:\s*(left|right)\b/g, "use inline-start/inline-end"],
  [/(?<![\w-])text-align\s*:\s*(left|right)\b/g, "use text-align: start/end"],
];

/** Physical left/right properties in CSS text (declarations of a stylesheet, a <style> block or a style=""). */
export function physicalCssProblems(file: string, css: string, firstLine = 1): string[] {
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " "));
  const problems: string[] = [];
  for (const [re, fix] of PHYSICAL) {
    for (const m of clean.matchAll(re)) {
      const line = firstLine + (clean.slice(0, m.index).match(/\n/g)?.length ?? 0);
      problems.push(`${file}:${line}: "${m[0].trim()}" (${fix})`);
    }
  }
  return problems.sort();
}

/** Physical CSS in an .astro file: its <style> blocks and literal style="" attributes. */
export function astroCssProblems(file: string, source: string): string[] {
  const scan = scanAstro(source);
  const problems: string[] = [];
  for (const s of scan.styles) problems.push(...physicalCssProblems(file, s.text, s.line));
  for (const a of scan.attributes) if (a.name === "style" && a.value !== undefined) problems.push(...physicalCssProblems(file, a.value, a.line));
  return problems;
}

// ---- keys used in code -----------------------------------------------------------------------------

/** Message keys named literally in source: t("ns.key"), lt("…"), x.t("…") and RichText's k="ns.key". */
export function keysUsed(source: string): Located[] {
  const out: Located[] = [];
  const lineOf = (index: number) => (source.slice(0, index).match(/\n/g)?.length ?? 0) + 1;
  const patterns = [/(?<![\w$])(?:[\w$]+\.)?l?t\(\s*(["'`])([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)\1/g, /(?<![\w-])k=(["'])([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)\1/g];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push({ text: m[2]!, line: lineOf(m.index) });
  return out;
}

/** Keys used in `source` that English does not have (neither as a key nor as the base of plural forms). */
export function unknownKeyProblems(file: string, source: string, englishKeys: ReadonlySet<string>): string[] {
  const bases = new Set([...englishKeys].map(baseKey));
  return keysUsed(source)
    .filter((k) => !englishKeys.has(k.text) && !bases.has(k.text))
    .map((k) => `${file}:${k.line}: t("${k.text}"): no such key in src/i18n/messages/en/`);
}
