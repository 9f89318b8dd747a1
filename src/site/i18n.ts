// Locales and interface strings. Only English exists for now; other locales are added here (and in
// astro.config.mjs `i18n.locales`) later. Every user-visible string of the layout lives in `strings`.

export const DEFAULT_LOCALE = "en";
export const LOCALES = ["en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Scripts written right to left, by primary language subtag. */
const RTL = new Set(["ar", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"]);

export function dirFor(locale: string): "ltr" | "rtl" {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? "";
  return RTL.has(language) ? "rtl" : "ltr";
}

export function isLocale(value: string | undefined): value is Locale {
  return value !== undefined && (LOCALES as readonly string[]).includes(value);
}

export const strings = {
  en: {
    siteTitle: "Open School Budget",
    skipToContent: "Skip to main content",
    sampleBanner: "Sample data — a fictional district generated for demonstration",
    sampleBannerDetail: "None of these figures describe a real school district.",
    release: "Data release",
    published: "published",
    manifest: "release manifest (files and checksums)",
    footerNote: "Figures are computed from the district's published SACS budget files.",
    homeLink: "Home",
    navLabel: "Main",
    navBudget: "Budget",
    navBudgetVsActual: "Budget vs. actual",
    navEquity: "Equity",
    navOutcomes: "Outcomes",
    navAbout: "About the data",
    navChanges: "What changed",
    dataFiles: "Download the data (files and checksums)",
    navTrends: "Trends",
    navSchools: "Schools",
    notFoundTitle: "Page not found",
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type Strings = (typeof strings)[Locale];

export function t(locale: string | undefined): Strings {
  return strings[isLocale(locale) ? locale : DEFAULT_LOCALE];
}
