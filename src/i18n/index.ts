// Build-time translation: one i18next instance over every locale's flat messages. Pages call
// `useTranslations(Astro.currentLocale)` and get `t(key, vars)`.
//
// A key missing from a locale falls back to English; in development (astro dev) the fallback is marked
// "⟨EN⟩ …" so it is visible on the page, and the key-parity test fails in CI. A key missing from English
// too is a programming error and throws, naming the key.

import i18next, { type i18n } from "i18next";
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from "./locales.ts";
import { allMessages } from "./messages.ts";
import { lookup, type Vars } from "./translate.ts";

let instance: i18n | undefined;

function getInstance(): i18n {
  if (instance) return instance;
  const resources: Record<string, { translation: Record<string, string> }> = {};
  for (const [locale, { messages }] of allMessages()) resources[locale] = { translation: { ...messages } };
  instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // Flat keys: "home.title" is one key, and ":" may appear in text.
    keySeparator: false,
    nsSeparator: false,
    // Astro escapes text when it renders it; escaping here too would double-escape data values.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

export type TFunction = (key: string, vars?: Vars) => string;

const DEV = Boolean((import.meta as { env?: { DEV?: boolean } }).env?.DEV) && process.env.VITEST === undefined;

const cache = new Map<string, TFunction>();

/** `t(key, vars)` for a locale (English for anything unknown or undefined). */
export function useTranslations(locale: string | undefined): TFunction {
  const lng: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  let t = cache.get(lng);
  if (t) return t;
  const inst = getInstance();
  const fixed = inst.getFixedT(lng);
  const all = allMessages();
  const own = all.get(lng)?.messages ?? {};
  const en = all.get(DEFAULT_LOCALE)?.messages ?? {};
  t = (key, vars) => {
    if (lookup(en, DEFAULT_LOCALE, key, vars) === undefined) throw new Error(`i18n: no English message for key "${key}" (add it to src/i18n/messages/en/)`);
    const text = fixed(key, vars as Record<string, unknown>);
    if (DEV && lng !== DEFAULT_LOCALE && lookup(own, lng, key, vars) === undefined) return `⟨EN⟩ ${text}`;
    return text;
  };
  cache.set(lng, t);
  return t;
}

export { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from "./locales.ts";
