/**
 * SQL text helpers for the rules' SQL twins (browser-safe: no database here). Literals are only for values
 * the project itself produces (paths, names, rule texts); data from a file is never pasted into SQL.
 */

/** SQL string literal. */
export function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** SQL identifier, always quoted. */
export function ident(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

// JS twins of the DuckDB string functions the rules use, so a rule's JS side sees the same text as its SQL
// side (src/rules/twins.test.ts runs both on awkward inputs).

const ZS_EDGES = /^\p{Zs}+|\p{Zs}+$/gu;

/** DuckDB `trim(s)`: strips space separators (U+0020, U+00A0, U+3000, …), not tabs or line breaks. */
export function sqlTrim(s: string): string {
  // Nearly every value has no space at either end: skip the regex for it.
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  if (a > 0x20 && a < 0x7f && b > 0x20 && b < 0x7f) return s;
  return s.replace(ZS_EDGES, '');
}

/** DuckDB `upper(s)`: one code point for one (no `ß` → `SS`; `ß` → `ẞ`). */
export function sqlUpper(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toUpperCase();
  let out = '';
  for (const ch of s) {
    if (ch === 'ß') { out += 'ẞ'; continue; }
    const u = ch.toUpperCase();
    out += [...u].length === 1 ? u : ch;
  }
  return out;
}

/** DuckDB `lower(s)`: one code point for one (`İ` → `i`). */
export function sqlLower(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += [...l].length === 1 ? l : [...l][0]!;
  }
  return out;
}

/** DuckDB `length(s)`: code points, not UTF-16 units. */
export function sqlLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
