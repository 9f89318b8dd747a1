/**
 * The JSON the Ask page carries for the browser engine (built by page-data.ts, read by ask-boot.ts).
 * Browser-safe: no Node APIs.
 */
import type { PackedLexicon } from "../../ask/lexicon.ts";
import type { Messages } from "../../i18n/translate.ts";

export interface AskPageData {
  lexicon: PackedLexicon;
  /** The locale's Ask messages (and glossary terms and definitions). */
  messages: Messages;
  /** English for what the locale lacks, plus English question words (empty on English pages). */
  fallback: Messages;
  /** Question words of other languages recognised on this page (Spanish on every page). */
  extra: Messages[];
}

/** The message tables whose words the engine recognises: English, the extra languages, the page's own. */
export function termSourcesOf(d: Pick<AskPageData, "messages" | "fallback" | "extra">): Messages[] {
  const hasFallback = Object.keys(d.fallback).length > 0;
  return [hasFallback ? d.fallback : d.messages, ...d.extra, ...(hasFallback ? [d.messages] : [])];
}
