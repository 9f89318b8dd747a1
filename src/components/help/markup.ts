// The one piece of inline markup help texts may use: a link written `[link text](path)`, where `path` is a
// page of this site relative to its root, in the English form (`glossary/#restricted`,
// `explainers/budget-cycle/`, `budget-vs-actual/`). Pages render the link in the reader's language (see
// RichText.astro). Translators keep the path exactly as it is and translate the text in brackets.
//
// Anything that does not match — an absolute URL, `..`, a scheme, an unbalanced bracket — stays plain text,
// so a message can never produce a link off the site or any HTML. Browser-safe, no dependencies.

/** A run of a message: plain text, or a link to a page of the site. */
export type Segment = { text: string } | { text: string; path: string };

/** Site paths a message may link to: lower-case slugs ending in "/", optionally with "#anchor". */
export const SITE_PATH_RE = /^(?:[a-z0-9][a-z0-9-]*\/)+(?:#[a-z0-9][a-z0-9-]*)?$/;

const LINK_RE = /\[([^\[\]]+)\]\(([^()\s]*)\)/g;

/** Splits a message into text and links. Adjacent text runs are merged; empty runs are dropped. */
export function parseMarkup(message: string): Segment[] {
  const out: Segment[] = [];
  const text = (t: string) => {
    if (!t) return;
    const last = out.at(-1);
    if (last && !("path" in last)) last.text += t;
    else out.push({ text: t });
  };
  let at = 0;
  for (const m of message.matchAll(LINK_RE)) {
    const [whole, label = "", path = ""] = m;
    text(message.slice(at, m.index));
    if (SITE_PATH_RE.test(path)) out.push({ text: label, path });
    else text(whole);
    at = m.index + whole.length;
  }
  text(message.slice(at));
  return out;
}

/** The message without its link markup: what a reader sees, for descriptions, titles and search. */
export function plainText(message: string): string {
  return parseMarkup(message).map((s) => s.text).join("");
}

/** Every site path a message links to. */
export function linkedPaths(message: string): string[] {
  return parseMarkup(message).flatMap((s) => ("path" in s ? [s.path] : []));
}
