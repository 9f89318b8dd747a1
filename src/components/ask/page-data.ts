/**
 * Build time: what the Ask page hands to the browser engine, inlined in the page as JSON (so a page the
 * service worker kept still answers offline): the lexicon's data from the release (once per build, with
 * native DuckDB), the locale's Ask messages and glossary terms and definitions, English as the fallback,
 * and Spanish question words on every page (people ask in either). Also the example questions shown on the
 * page, checked by the engine itself.
 */
import { exampleQuestions } from "../../ask/engine.ts";
import { buildLexicon, isAskKey, isLexiconKey, loadLexiconData, packLexiconData, type LexiconData } from "../../ask/lexicon.ts";
import { messagesFor } from "../../i18n/messages.ts";
import type { Locale } from "../../i18n/locales.ts";
import type { Messages } from "../../i18n/translate.ts";
import { termSourcesOf, type AskPageData } from "./page-shape.ts";
import { query } from "../../site/query.ts";
import { getRelease } from "../../site/release.ts";

let data: Promise<LexiconData> | null = null;

/** The release's lexicon data, read once per build. */
export function lexiconData(): Promise<LexiconData> {
  data ??= loadLexiconData((sql) => query(sql), getRelease().manifest.release);
  return data;
}

const pick = (m: Messages, keep: (k: string) => boolean): Messages => Object.fromEntries(Object.entries(m).filter(([k]) => keep(k)));

export async function askPageData(locale: Locale): Promise<{ data: AskPageData; examples: string[] }> {
  const lexicon = await lexiconData();
  const messages = pick(messagesFor(locale), isAskKey);
  // English only for what the locale lacks, and its question words (always recognised).
  const fallback = locale === "en" ? {} : pick(messagesFor("en"), (k) => isAskKey(k) && (!(k in messages) || isLexiconKey(k)));
  const extra = locale === "es" ? [] : [pick(messagesFor("es"), isLexiconKey)];
  const pageData: AskPageData = { lexicon: packLexiconData(lexicon), messages, fallback, extra };
  const lex = buildLexicon(lexicon, termSourcesOf(pageData));
  const examples = exampleQuestions({ locale, messages, fallback: locale === "en" ? messages : fallback, lexicon: lex }, 6);
  return { data: pageData, examples };
}
