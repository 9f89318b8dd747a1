// The site's languages: English at the root, every other locale under its own path segment. Browser-safe.

/** One language of the site. `code` is the BCP 47 tag (`<html lang>`, Intl); `path` is its URL segment. */
export interface LocaleInfo {
  code: string;
  path: string;
  /** The language's own name, as shown in the language switcher. */
  name: string;
  dir: "ltr" | "rtl";
}

/** English first (the default and the source of every translation), then the district's translation languages. */
export const LOCALE_INFO = [
  { code: "en", path: "", name: "English", dir: "ltr" },
  { code: "es", path: "es", name: "Español", dir: "ltr" },
  { code: "hy", path: "hy", name: "Հայերեն", dir: "ltr" },
  { code: "zh-Hant", path: "zh-hant", name: "繁體中文", dir: "ltr" },
  { code: "ko", path: "ko", name: "한국어", dir: "ltr" },
  { code: "ru", path: "ru", name: "Русский", dir: "ltr" },
  { code: "tl", path: "tl", name: "Tagalog", dir: "ltr" },
  { code: "vi", path: "vi", name: "Tiếng Việt", dir: "ltr" },
  { code: "fa", path: "fa", name: "فارسی", dir: "rtl" },
  { code: "ja", path: "ja", name: "日本語", dir: "ltr" },
  { code: "km", path: "km", name: "ខ្មែរ", dir: "ltr" },
  { code: "ar", path: "ar", name: "العربية", dir: "rtl" },
] as const satisfies readonly LocaleInfo[];

export type Locale = (typeof LOCALE_INFO)[number]["code"];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALES: readonly Locale[] = LOCALE_INFO.map((l) => l.code);

const BY_CODE = new Map<string, LocaleInfo>(LOCALE_INFO.map((l) => [l.code, l]));
const BY_PATH = new Map<string, LocaleInfo>(LOCALE_INFO.filter((l) => l.path).map((l) => [l.path, l]));

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && BY_CODE.has(value);
}

/** The locale's metadata; English for anything unknown. */
export function localeInfo(locale: string | undefined): LocaleInfo {
  return BY_CODE.get(locale ?? "") ?? LOCALE_INFO[0];
}

/** Scripts written right to left, by primary language subtag. */
const RTL = new Set(["ar", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"]);

/** Writing direction of any language tag ("fa_IR" → rtl, "es-MX" → ltr). */
export function dirFor(locale: string | undefined): "ltr" | "rtl" {
  const language = (locale ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return RTL.has(language) ? "rtl" : "ltr";
}

/** Locale of a URL path segment ("es", "zh-hant"); undefined for the root (English) or an unknown segment. */
export function localeFromSegment(segment: string | undefined): Locale | undefined {
  const info = BY_PATH.get((segment ?? "").toLowerCase());
  return info ? (info.code as Locale) : undefined;
}

/**
 * The path of a page in a locale, relative to the site base: ("es", "schools/") → "es/schools/",
 * ("en", "schools/") → "schools/".
 */
export function localizePath(locale: string | undefined, path: string): string {
  const clean = path.replace(/^\/+/, "");
  const prefix = localeInfo(locale).path;
  return prefix ? `${prefix}/${clean}` : clean;
}

/**
 * Splits a path relative to the site base into its locale and the rest: "es/schools/" → ["es", "schools/"],
 * "schools/" → ["en", "schools/"].
 */
export function splitLocalePath(path: string): [Locale, string] {
  const clean = path.replace(/^\/+/, "");
  const [first = "", ...rest] = clean.split("/");
  const locale = localeFromSegment(first);
  if (locale && locale !== DEFAULT_LOCALE) return [locale, rest.join("/")];
  return [DEFAULT_LOCALE, clean];
}

/**
 * The best site locale for a browser's language list (navigator.languages), or undefined. Matches the full
 * tag first, then the language ("es-MX" → es, "zh-TW"/"zh-Hant-HK" → zh-Hant, "fil" → tl).
 */
export function matchBrowserLocale(languages: readonly string[]): Locale | undefined {
  for (const raw of languages) {
    const tag = raw.toLowerCase();
    for (const l of LOCALE_INFO) if (l.code.toLowerCase() === tag) return l.code;
    const [lang = "", ...sub] = tag.split("-");
    if (lang === "zh") {
      if (sub.includes("hant") || sub.includes("tw") || sub.includes("hk") || sub.includes("mo")) return "zh-Hant";
      continue; // Simplified Chinese readers are not offered Traditional unasked
    }
    if (lang === "fil") return "tl";
    for (const l of LOCALE_INFO) if (l.code === lang) return l.code;
  }
  return undefined;
}
