/**
 * The checker's messages as a CSV file to download. Safe to open in a spreadsheet: every cell is quoted,
 * and a cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) gets a leading apostrophe, so text copied from a file can never become a formula. Browser-safe.
 */
import type { CheckProblem } from './check.ts';

export const EXPORT_COLUMNS = ['file', 'severity', 'rule', 'line', 'column', 'expected', 'found'] as const;

/** A cell a spreadsheet will show as text. */
export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

/** The messages as CSV text: a header, one row per message, CRLF line ends, a byte-order mark for Excel. */
export function messagesCsv(problems: readonly CheckProblem[]): string {
  const rows = [EXPORT_COLUMNS.map(csvCell).join(',')];
  for (const p of problems) rows.push(EXPORT_COLUMNS.map((c) => csvCell(p[c])).join(','));
  return `\ufeff${rows.join('\r\n')}\r\n`;
}
