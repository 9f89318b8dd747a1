// Plain-language names for SACS codes, shown beside the state's official titles (which stay visible).
//
// Hand-written and deliberately short: the funds, the most common resources (programs and funding
// sources), goals, functions, object groups and object classes. The text lives in the `codes` namespace
// (src/i18n/messages/<locale>/codes.json: "fund.01", "goalRange.5xxx", …); this module is the lookup
// API. A code without an entry simply shows its official title. Build-time only (i18next).

import { useTranslations } from "../i18n/index.ts";
import { messagesFor } from "../i18n/messages.ts";

export type Dimension = "fund" | "resource" | "goal" | "function" | "object_group";

/** The release's object groups: official titles and object ranges (data, not translated). */
export const OBJECT_GROUPS: Readonly<Record<string, { official: string; objects: string }>> = {
  certificated_salaries: { official: "Certificated Salaries", objects: "1000–1999" },
  classified_salaries: { official: "Classified Salaries", objects: "2000–2999" },
  employee_benefits: { official: "Employee Benefits", objects: "3000–3999" },
  books_supplies: { official: "Books and Supplies", objects: "4000–4999" },
  services_operating: { official: "Services and Other Operating Expenditures", objects: "5000–5999" },
  capital_outlay: { official: "Capital Outlay", objects: "6000–6999" },
  other_outgo: { official: "Other Outgo", objects: "7000–7499" },
};

/** snake_case data values to the camelCase key segments of codes.json ("other_outgo" → "otherOutgo"). */
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `codes.<key>` in the locale when English has it (the source of every key), else null. */
function message(key: string, locale: string | undefined, vars?: Record<string, string>): string | null {
  const full = `codes.${key}`;
  if (!(full in messagesFor("en"))) return null;
  return useTranslations(locale)(full, vars);
}

/** Goals and functions without their own entry share their thousand's name ("5760" → goalRange.5xxx). */
function byRange(kind: "goal" | "function", code: string, locale: string | undefined): string | null {
  if (!/^\d{4}$/.test(code)) return null;
  return message(`${kind}.${code}`, locale) ?? message(`${kind}Range.${code[0]}xxx`, locale);
}

/** The plain name of a fund ("01"), or null. */
export function fundName(code: string, locale: string | undefined = "en"): string | null {
  return /^\d{2}$/.test(code) ? message(`fund.${code}`, locale) : null;
}

/** The plain name of a resource, or null. Other local grants (9000–9999) share one name. */
export function resourceName(code: string, locale: string | undefined = "en"): string | null {
  if (!/^\d{4}$/.test(code)) return null;
  return message(`resource.${code}`, locale) ?? (code.startsWith("9") ? message("resource.9010", locale) : null);
}

/** The plain name of a goal: its own, else its range's ("Special education" for any 5xxx), else null. */
export function goalName(code: string, locale: string | undefined = "en"): string | null {
  return byRange("goal", code, locale);
}

/** The plain name of a function: its own, else its range's, else null. */
export function functionName(code: string, locale: string | undefined = "en"): string | null {
  return byRange("function", code, locale);
}

/** The plain name of an object group ("certificated_salaries"), or null. */
export function objectGroupName(key: string, locale: string | undefined = "en"): string | null {
  return OBJECT_GROUPS[key] ? message(`objectGroup.${camel(key)}`, locale) : null;
}

/** The plain name for any dimension's code in a locale (English by default), or null when there is none. */
export function plainName(dimension: Dimension, code: string, locale: string | undefined = "en"): string | null {
  switch (dimension) {
    case "fund":
      return fundName(code, locale);
    case "resource":
      return resourceName(code, locale);
    case "goal":
      return goalName(code, locale);
    case "function":
      return functionName(code, locale);
    case "object_group":
      return objectGroupName(code, locale);
  }
}

/**
 * Official title of an object group, with its object range: "Certificated Salaries (objects 1000–1999)".
 * The groups are the release's, not a state code list; an unknown group shows its key in words.
 */
export function objectGroupTitle(key: string, locale: string | undefined = "en"): string {
  const known = OBJECT_GROUPS[key];
  if (known) return message("objectGroupTitle", locale, { title: known.official, objects: known.objects }) ?? known.official;
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The words for an object class ("other_outgo" → "other outgo"); the raw value when it has none. */
export function objectClassName(objectClass: string, locale: string | undefined = "en"): string {
  return message(`objectClass.${camel(objectClass)}`, locale) ?? objectClass;
}

/** The word for a code list's dimension ("resource"); the raw value when it has none. */
export function dimensionName(dimension: string, locale: string | undefined = "en"): string {
  return message(`dimension.${camel(dimension)}`, locale) ?? dimension;
}

/** Words used around the names, in a locale. */
export function words(locale: string | undefined) {
  const t = useTranslations(locale);
  return {
    restricted: t("codes.restricted"),
    unrestricted: t("codes.unrestricted"),
    restrictedHelp: t("codes.restrictedHelp"),
    unrestrictedHelp: t("codes.unrestrictedHelp"),
    noOfficialTitle: t("codes.noOfficialTitle"),
  } as const;
}

/** The English words: for callers not localized yet (prefer `words(locale)`). */
export const WORDS = words("en");
