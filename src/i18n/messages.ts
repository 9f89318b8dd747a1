// Loads every translation file at build time (Vite's import.meta.glob: Astro and vitest), validates it with
// zod, and exposes one flat table per locale with keys prefixed by their namespace ("home.title").

import { LOCALES, type Locale } from "./locales.ts";
import { metaSchema, namespaceSchema, type LocaleMeta } from "./schema.ts";
import type { Messages } from "./translate.ts";

const files = import.meta.glob<Record<string, unknown>>("./messages/*/*.json", { eager: true, import: "default" });

export interface LoadedLocale {
  messages: Messages;
  meta: LocaleMeta;
  /** namespace → its keys without prefix, for the key-parity test. */
  namespaces: Map<string, Messages>;
}

function load(): Map<Locale, LoadedLocale> {
  const out = new Map<Locale, LoadedLocale>();
  for (const locale of LOCALES) out.set(locale, { messages: {}, meta: undefined as unknown as LocaleMeta, namespaces: new Map() });
  for (const [path, data] of Object.entries(files)) {
    const m = /^\.\/messages\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m) continue;
    const [, locale = "", ns = ""] = m;
    const entry = out.get(locale as Locale);
    if (!entry) throw new Error(`src/i18n/${path.slice(2)}: "${locale}" is not a site locale (see src/i18n/locales.ts)`);
    if (ns === "_meta") {
      const r = metaSchema.safeParse(data);
      if (!r.success) throw new Error(`src/i18n/${path.slice(2)}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      entry.meta = r.data;
      continue;
    }
    const r = namespaceSchema.safeParse(data);
    if (!r.success) throw new Error(`src/i18n/${path.slice(2)}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    entry.namespaces.set(ns, r.data);
    const flat = entry.messages as Record<string, string>;
    for (const [k, v] of Object.entries(r.data)) flat[`${ns}.${k}`] = v;
  }
  return out;
}

let cache: Map<Locale, LoadedLocale> | undefined;

/** Every locale's messages, validated (throws naming the file on a bad one). */
export function allMessages(): Map<Locale, LoadedLocale> {
  return (cache ??= load());
}

/** The flat messages of one locale. */
export function messagesFor(locale: Locale): Messages {
  return allMessages().get(locale)?.messages ?? {};
}

/** The messages whose keys start with one of `prefixes` ("explorer."), for handing to client code. */
const picked = new Map<string, Record<string, string>>();

export function pickMessages(locale: Locale, prefixes: readonly string[]): Record<string, string> {
  // Every page of a locale asks for the same few tables (search, tour…): scan the messages once.
  const key = `${locale}\u0000${prefixes.join("\u0000")}`;
  const hit = picked.get(key);
  if (hit) return hit;
  const out: Record<string, string> = {};
  picked.set(key, out);
  const pick = (messages: Messages) => {
    for (const [k, v] of Object.entries(messages)) if (!(k in out) && prefixes.some((p) => k.startsWith(p))) out[k] = v;
  };
  pick(messagesFor(locale));
  pick(messagesFor("en")); // fall back per key, as on the server
  return out;
}
