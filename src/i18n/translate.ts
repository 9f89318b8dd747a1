// The message format shared by the build (i18next) and the browser (this small function, so client code
// does not ship i18next): flat keys, `{{name}}` interpolation, plural forms as `key_one`, `key_other`, …
// chosen with Intl.PluralRules from a `count` variable. A parity test runs both on every English key.

/** A flat table of messages: key → text. */
export type Messages = Readonly<Record<string, string>>;
export type Vars = Readonly<Record<string, string | number>>;

export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

const rulesCache = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let r = rulesCache.get(locale);
  if (!r) rulesCache.set(locale, (r = new Intl.PluralRules(locale)));
  return r;
}

/** Looks up `key` (or its plural form for `vars.count`) in `messages`; undefined when absent. */
export function lookup(messages: Messages, locale: string, key: string, vars?: Vars): string | undefined {
  if (vars && typeof vars.count === "number") {
    const form = messages[`${key}_${pluralRules(locale).select(vars.count)}`] ?? messages[`${key}_other`];
    if (form !== undefined) return form;
  }
  return messages[key];
}

/** Replaces `{{name}}` with vars.name (as given: callers pass already-formatted numbers). */
export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * A translator for the browser: messages of the page's locale, English as fallback. Unknown keys return the
 * key itself so a gap is visible rather than blank.
 */
export function makeTranslator(locale: string, messages: Messages, fallback: Messages = {}) {
  return (key: string, vars?: Vars): string => {
    const own = lookup(messages, locale, key, vars);
    const text = own ?? lookup(fallback, "en", key, vars) ?? key;
    return interpolate(text, vars);
  };
}
