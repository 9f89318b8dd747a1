// The structure of the help pages — which FAQ questions, glossary terms, explainers and tasks exist, in what
// order, and what they link to. The words live in the message files (src/i18n/messages/<locale>/faq.json,
// glossary.json, explainers.json, help.json, tour.json); this module only names their keys. Browser-safe.
//
// Message keys: a glossary term `restricted` (key `restricted`) has `glossary.restricted.term`,
// `glossary.restricted.short` (one sentence, also used by <Term>), `glossary.restricted.definition` and,
// where the state's accounts have their own name for it, `glossary.restricted.official`. Longer texts are
// numbered paragraphs (`.p1`, `.p2`, …, read until the first missing number), so a writer can add a
// paragraph without touching code.

/** Glossary topics, in page order; titles are `glossary.group.<key>`. */
export const GLOSSARY_GROUPS = ["budget", "sources", "codes", "schools", "data"] as const;
export type GlossaryGroup = (typeof GLOSSARY_GROUPS)[number];

export interface GlossaryTerm {
  /** The anchor on the glossary page and the id <Term> takes: a lower-case slug. */
  id: string;
  /** The message key (lowerCamel form of the id). */
  key: string;
  group: GlossaryGroup;
  /** Pages of the site that show or explain it (site paths, e.g. "budget-vs-actual/"). */
  pages?: readonly string[];
  /** Related glossary terms (ids). */
  related?: readonly string[];
}

const camel = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function term(group: GlossaryGroup, id: string, pages: readonly string[] = [], related: readonly string[] = []): GlossaryTerm {
  return { id, key: camel(id), group, pages, related };
}

/** Every term used on the site, by topic. */
export const GLOSSARY: readonly GlossaryTerm[] = [
  // Budgets and reports
  term("budget", "adopted-budget", ["budget/", "explainers/budget-cycle/"], ["revised-budget", "unaudited-actuals", "budget-vs-actual"]),
  term("budget", "revised-budget", ["budget-vs-actual/", "explainers/budget-cycle/"], ["adopted-budget", "interim-report"]),
  term("budget", "interim-report", ["explainers/budget-cycle/"], ["revised-budget", "actuals-to-date", "projected-totals"]),
  term("budget", "actuals-to-date", ["explainers/budget-cycle/"], ["interim-report", "projected-totals"]),
  term("budget", "projected-totals", ["explainers/budget-cycle/"], ["interim-report", "actuals-to-date"]),
  term("budget", "estimated-actuals", ["explainers/budget-cycle/"], ["unaudited-actuals", "adopted-budget"]),
  term("budget", "unaudited-actuals", ["budget-vs-actual/", "explainers/budget-cycle/"], ["adopted-budget", "audit"]),
  term("budget", "budget-vs-actual", ["budget-vs-actual/", "explainers/budget-vs-actual/"], ["variance", "adopted-budget", "unaudited-actuals"]),
  term("budget", "variance", ["budget-vs-actual/", "explainers/budget-vs-actual/"], ["budget-vs-actual"]),
  term("budget", "budget-cycle", ["explainers/budget-cycle/"], ["adopted-budget", "interim-report", "unaudited-actuals"]),
  term("budget", "fiscal-year", ["trends/"], ["budget-cycle"]),
  term("budget", "column-code", ["about/"], ["adopted-budget", "revised-budget", "unaudited-actuals", "estimated-actuals"]),
  term("budget", "submission", ["about/", "data/"], ["column-code", "data-release"]),
  term("budget", "audit", ["explainers/budget-cycle/"], ["unaudited-actuals"]),
  term("budget", "reserve", ["explainers/budget-vs-actual/"], ["fund-balance"]),
  term("budget", "fund-balance", ["explainers/budget-vs-actual/"], ["reserve", "carryover"]),
  term("budget", "carryover", ["explainers/restricted-money/"], ["restricted", "fund-balance"]),
  term("budget", "lcap", ["explainers/school-funding/"], ["lcff", "supplemental-grant", "concentration-grant"]),
  // Where the money comes from
  term("sources", "revenue", ["explainers/school-funding/"], ["lcff", "federal-revenue", "state-revenue", "local-revenue"]),
  term("sources", "lcff", ["explainers/school-funding/"], ["base-grant", "supplemental-grant", "concentration-grant", "lcap"]),
  term("sources", "base-grant", ["explainers/school-funding/"], ["lcff", "ada"]),
  term("sources", "supplemental-grant", ["explainers/school-funding/"], ["lcff", "unduplicated-pupils"]),
  term("sources", "concentration-grant", ["explainers/school-funding/"], ["lcff", "unduplicated-pupils"]),
  term("sources", "unduplicated-pupils", ["explainers/school-funding/"], ["low-income", "english-learner", "foster-youth"]),
  term("sources", "ada", ["explainers/school-funding/"], ["enrollment", "lcff"]),
  term("sources", "prop-98", ["explainers/school-funding/"], ["lcff"]),
  term("sources", "federal-revenue", ["explainers/school-funding/"], ["title-i", "special-education", "esser"]),
  term("sources", "state-revenue", ["explainers/school-funding/"], ["lcff", "categorical-program"]),
  term("sources", "local-revenue", ["explainers/school-funding/"], ["bond", "revenue"]),
  term("sources", "categorical-program", ["explainers/restricted-money/"], ["restricted", "title-i", "special-education"]),
  term("sources", "title-i", ["explainers/restricted-money/"], ["federal-revenue", "low-income", "school-site-council"]),
  term("sources", "special-education", ["explainers/restricted-money/"], ["selpa", "students-with-disabilities", "contribution"]),
  term("sources", "selpa", ["explainers/restricted-money/"], ["special-education"]),
  term("sources", "esser", ["explainers/restricted-money/"], ["one-time-money", "federal-revenue"]),
  term("sources", "one-time-money", ["explainers/budget-cycle/"], ["esser"]),
  term("sources", "bond", ["explainers/restricted-money/"], ["local-revenue", "capital-outlay"]),
  // Codes in the accounts (SACS)
  term("codes", "sacs", ["about/", "budget/"], ["account-string", "fund", "resource", "goal", "function", "object"]),
  term("codes", "account-string", ["about/"], ["sacs"]),
  term("codes", "code-list", ["about/"], ["sacs"]),
  term("codes", "fund", ["budget/"], ["general-fund", "sacs"]),
  term("codes", "general-fund", ["budget/"], ["fund"]),
  term("codes", "resource", ["budget/"], ["restricted", "unrestricted", "sacs"]),
  term("codes", "restricted", ["budget/", "explainers/restricted-money/"], ["unrestricted", "resource", "carryover"]),
  term("codes", "unrestricted", ["budget/", "explainers/restricted-money/"], ["restricted", "contribution"]),
  term("codes", "contribution", ["explainers/restricted-money/"], ["unrestricted", "special-education"]),
  term("codes", "goal", ["budget/", "outcomes/"], ["sacs", "function"]),
  term("codes", "function", ["budget/", "trends/"], ["central-office", "school-sites", "sacs"]),
  term("codes", "object", ["budget/", ""], ["object-group", "sacs"]),
  term("codes", "object-group", ["budget/", ""], ["object", "certificated-salaries", "classified-salaries", "employee-benefits"]),
  term("codes", "certificated-salaries", ["", "trends/"], ["classified-salaries", "employee-benefits"]),
  term("codes", "classified-salaries", ["", "trends/"], ["certificated-salaries", "employee-benefits"]),
  term("codes", "employee-benefits", ["", "trends/"], ["certificated-salaries", "classified-salaries"]),
  term("codes", "books-and-supplies", [""], ["object-group"]),
  term("codes", "services-and-operations", [""], ["object-group"]),
  term("codes", "capital-outlay", [""], ["object-group", "bond"]),
  term("codes", "other-outgo", [""], ["object-group", "indirect-costs"]),
  term("codes", "indirect-costs", ["budget/"], ["central-office", "other-outgo"]),
  term("codes", "transfers", ["about/"], ["other-outgo", "fund"]),
  // Schools, students and staff
  term("schools", "allocation", ["schools/", "equity/"], ["allocation-basis", "per-pupil"]),
  term("schools", "allocation-basis", ["schools/", "explainers/weighted-student-funding/"], ["allocation", "weighted-student-funding", "categorical-program"]),
  term("schools", "weighted-student-funding", ["equity/", "explainers/weighted-student-funding/"], ["need-index", "allocation-basis"]),
  term("schools", "need-index", ["equity/", "explainers/need-index/"], ["need-band", "weighted-student-funding"]),
  term("schools", "need-band", ["schools/", "explainers/need-index/"], ["need-index"]),
  term("schools", "per-pupil", ["trends/", "equity/"], ["enrollment", "allocation"]),
  term("schools", "enrollment", ["schools/"], ["ada", "per-pupil"]),
  term("schools", "central-office", ["trends/"], ["school-sites", "function"]),
  term("schools", "school-sites", ["trends/"], ["central-office", "function"]),
  term("schools", "fte", ["schools/", "trends/"], ["allocation"]),
  term("schools", "similar-schools", ["schools/"], ["need-band", "median"]),
  term("schools", "region", ["schools/", "equity/"], []),
  term("schools", "low-income", ["equity/"], ["unduplicated-pupils"]),
  term("schools", "english-learner", ["equity/"], ["unduplicated-pupils"]),
  term("schools", "foster-youth", ["equity/"], ["unduplicated-pupils"]),
  term("schools", "students-with-disabilities", ["equity/"], ["special-education"]),
  term("schools", "school-site-council", ["help/"], ["spsa", "title-i"]),
  term("schools", "spsa", ["help/"], ["school-site-council", "lcap"]),
  term("schools", "charter-school", ["schools/"], []),
  term("schools", "cds-code", ["schools/"], []),
  term("schools", "proficiency", ["outcomes/"], ["chronic-absenteeism", "graduation-rate"]),
  term("schools", "chronic-absenteeism", ["outcomes/"], ["proficiency"]),
  term("schools", "graduation-rate", ["outcomes/"], ["proficiency"]),
  // About the data
  term("data", "data-release", ["data/", "about/"], ["manifest", "checksum", "validation-report"]),
  term("data", "manifest", ["data/"], ["data-release", "checksum"]),
  term("data", "checksum", ["data/", "about/"], ["manifest"]),
  term("data", "validation-report", ["data/", "about/"], ["data-release"]),
  term("data", "parquet", ["data/"], ["csv"]),
  term("data", "csv", ["data/"], ["parquet"]),
  term("data", "constant-dollars", ["trends/"], []),
  term("data", "median", ["equity/", "schools/"], ["correlation"]),
  term("data", "correlation", ["equity/", "outcomes/"], ["median"]),
  term("data", "sample-data", ["about/"], ["data-release"]),
];

const BY_ID = new Map(GLOSSARY.map((t) => [t.id, t]));

/** The glossary term with this id, or undefined. */
export function glossaryTerm(id: string): GlossaryTerm | undefined {
  return BY_ID.get(id);
}

/** FAQ topics, in page order; titles are `faq.group.<key>`. */
export const FAQ_GROUPS = ["moneyIn", "moneyOut", "budgetActual", "schools", "changesData"] as const;
export type FaqGroup = (typeof FAQ_GROUPS)[number];

/** A figure computed from the release that an answer shows (see src/site/help.ts). */
export type FigureKind = "revenue" | "salaries" | "restricted" | "areas" | "perPupil" | "variance" | "allocationBasis" | "budgetChange";

export interface FaqQuestion {
  /** Message prefix: `faq.<key>.question`, `faq.<key>.p1`, … */
  key: string;
  /** The question's anchor on the FAQ page. */
  id: string;
  group: FaqGroup;
  /** A figure from the release shown under the answer, with its source. */
  figure?: FigureKind;
}

const q = (key: string, id: string, group: FaqGroup, figure?: FigureKind): FaqQuestion => ({ key, id, group, ...(figure ? { figure } : {}) });

/** The questions, in page order. */
export const FAQ: readonly FaqQuestion[] = [
  q("q01", "where-does-the-money-come-from", "moneyIn", "revenue"),
  q("q02", "what-is-lcff", "moneyIn"),
  q("q03", "why-more-money-for-some-students", "moneyIn"),
  q("q04", "federal-money", "moneyIn"),
  q("q05", "property-taxes-and-bonds", "moneyIn"),
  q("q06", "covid-relief-money", "moneyIn"),
  q("q07", "why-funding-goes-up-or-down", "moneyIn"),
  q("q08", "what-is-the-money-spent-on", "moneyOut", "salaries"),
  q("q09", "what-is-restricted-money", "moneyOut", "restricted"),
  q("q10", "what-does-the-central-office-cover", "moneyOut", "areas"),
  q("q11", "how-much-per-student", "moneyOut", "perPupil"),
  q("q12", "why-are-pensions-and-benefits-so-large", "moneyOut"),
  q("q13", "what-are-funds", "moneyOut"),
  q("q14", "is-my-childs-classroom-funded", "moneyOut"),
  q("q15", "why-budget-and-actual-differ", "budgetActual", "variance"),
  q("q16", "when-is-the-budget-adopted", "budgetActual"),
  q("q17", "what-are-interim-reports", "budgetActual"),
  q("q18", "why-is-money-left-over", "budgetActual"),
  q("q19", "what-are-unaudited-actuals", "budgetActual"),
  q("q20", "what-is-the-lcap", "budgetActual"),
  q("q21", "how-are-school-allocations-decided", "schools", "allocationBasis"),
  q("q22", "why-per-pupil-differs-between-schools", "schools"),
  q("q23", "why-school-and-district-per-pupil-differ", "schools"),
  q("q24", "what-is-the-need-index", "schools"),
  q("q25", "what-is-weighted-student-funding", "schools"),
  q("q26", "what-does-a-school-site-council-decide", "schools"),
  q("q27", "staff-not-in-the-school-allocation", "schools"),
  q("q28", "can-a-principal-move-money", "schools"),
  q("q29", "what-changed-this-year", "changesData", "budgetChange"),
  q("q30", "where-do-the-figures-come-from", "changesData"),
  q("q31", "how-often-is-the-site-updated", "changesData"),
  q("q32", "why-totals-differ-from-other-reports", "changesData"),
  q("q33", "inflation", "changesData"),
  q("q34", "is-this-real-data", "changesData"),
  q("q35", "can-i-download-the-data", "changesData"),
  q("q36", "other-languages-and-offline", "changesData"),
];

export interface Explainer {
  /** URL segment: explainers/<slug>/. */
  slug: string;
  /** Message prefix: `explainers.<key>.title`, `.summary`, `.s1.heading`, `.s1.p1`, … */
  key: string;
  figure?: FigureKind;
  /** Glossary terms the explainer leans on, listed at its end. */
  terms: readonly string[];
  /** Pages with the figures it explains. */
  pages: readonly string[];
}

/** The explainers, in the order the index lists them. */
export const EXPLAINERS: readonly Explainer[] = [
  { slug: "budget-cycle", key: "budgetCycle", terms: ["adopted-budget", "interim-report", "revised-budget", "unaudited-actuals", "audit", "lcap"], pages: ["budget/", "budget-vs-actual/", "changes/"] },
  { slug: "school-funding", key: "schoolFunding", figure: "revenue", terms: ["lcff", "base-grant", "supplemental-grant", "concentration-grant", "ada", "prop-98"], pages: ["budget/", "trends/"] },
  { slug: "restricted-money", key: "restrictedMoney", figure: "restricted", terms: ["restricted", "unrestricted", "resource", "contribution", "carryover", "categorical-program"], pages: ["budget/", "budget-vs-actual/"] },
  { slug: "budget-vs-actual", key: "budgetVsActual", figure: "variance", terms: ["budget-vs-actual", "variance", "reserve", "fund-balance"], pages: ["budget-vs-actual/", "trends/"] },
  { slug: "weighted-student-funding", key: "weightedStudentFunding", figure: "allocationBasis", terms: ["weighted-student-funding", "allocation", "allocation-basis", "per-pupil"], pages: ["equity/", "schools/"] },
  { slug: "need-index", key: "needIndex", terms: ["need-index", "need-band", "unduplicated-pupils", "similar-schools"], pages: ["equity/", "schools/", "outcomes/"] },
];

/** Audiences of the "How to use this site" page, in order; titles are `help.<key>.title`. */
export const HELP_AUDIENCES = ["residents", "reporters", "principals", "staff"] as const;
export type HelpAudience = (typeof HELP_AUDIENCES)[number];

export interface HelpTask {
  /** Message prefix: `help.<audience>.<key>.title`, `.s1`, `.s2`, … (the ordered steps). */
  key: string;
  /** Anchor on the page. */
  id: string;
  audience: HelpAudience;
  /** Shown only when the site has this page (site path), e.g. the Ask page another part of the site adds. */
  requires?: string;
}

const task = (audience: HelpAudience, key: string, id: string, requires?: string): HelpTask => ({ audience, key, id, ...(requires ? { requires } : {}) });

export const HELP_TASKS: readonly HelpTask[] = [
  task("residents", "school", "see-your-school"),
  task("residents", "overview", "the-budget-in-two-minutes"),
  task("residents", "words", "understand-a-word"),
  task("residents", "ask", "ask-a-question", "ask/"),
  task("residents", "language", "language-and-offline"),
  task("reporters", "check", "check-and-cite-a-figure"),
  task("reporters", "variance", "find-under-and-over-spending"),
  task("reporters", "trend", "follow-a-trend"),
  task("reporters", "explore", "slice-the-data", "explore/"),
  task("reporters", "download", "download-the-data"),
  task("reporters", "changes", "what-changed"),
  task("principals", "receipt", "review-your-allocation"),
  task("principals", "compare", "compare-with-similar-schools"),
  task("principals", "council", "explain-it-to-your-council"),
  task("principals", "outcomes", "look-at-outcomes"),
  task("staff", "publish", "publish-a-budget-cycle"),
  task("staff", "validation", "read-the-validation-report"),
  task("staff", "review", "review-the-new-release"),
];

/** Keys `<prefix>1`, `<prefix>2`, … that exist in `messages`, up to the first gap. */
export function numberedKeys(messages: Readonly<Record<string, string>>, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; `${prefix}${i}` in messages; i++) out.push(`${prefix}${i}`);
  return out;
}

/** The message key of a site page's name, for "see also" links; throws for a page it does not know. */
export function pageTitleKey(path: string): string {
  const explainer = /^explainers\/([a-z0-9-]+)\/$/.exec(path);
  if (explainer) {
    const e = EXPLAINERS.find((x) => x.slug === explainer[1]);
    if (e) return `explainers.${e.key}.title`;
  }
  const key = PAGE_TITLE_KEYS[path];
  if (!key) throw new Error(`help: no page name for "${path}" (add it to PAGE_TITLE_KEYS in src/components/help/content.ts)`);
  return key;
}

const PAGE_TITLE_KEYS: Readonly<Record<string, string>> = {
  "": "help.page.home",
  "budget/": "common.navBudget",
  "budget-vs-actual/": "common.navBudgetVsActual",
  "trends/": "common.navTrends",
  "schools/": "common.navSchools",
  "equity/": "common.navEquity",
  "outcomes/": "common.navOutcomes",
  "changes/": "common.navChanges",
  "about/": "common.navAbout",
  "data/": "help.page.data",
  "help/": "help.title",
  "faq/": "faq.title",
  "glossary/": "glossary.title",
  "explainers/": "explainers.title",
  "ask/": "common.navAsk",
  "explore/": "common.navExplore",
};

const termIds = new Map<string, number>();

/** A fresh element id for the description of a <Term> on a page (several may link the same term). */
export function termDescriptionId(page: string, id: string): string {
  const n = (termIds.get(page) ?? 0) + 1;
  termIds.set(page, n);
  return `term-${id}-${n}`;
}

/**
 * The glossary terms a page uses (its `pages` lists name the page, or a section the page is in: "schools/"
 * covers every school page), in glossary order. `page` is a site path without locale ("schools/1234567/").
 */
export function termsForPage(page: string): GlossaryTerm[] {
  return GLOSSARY.filter((t) => (t.pages ?? []).some((p) => (p === "" ? page === "" : page === p || page.startsWith(p))));
}
