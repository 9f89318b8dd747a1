/**
 * CSV for spreadsheet users: UTF-8, RFC 4180 quoting (papaparse), an optional byte-order mark so Excel
 * reads UTF-8, and formula-injection safety: a text cell that a spreadsheet would read as a formula
 * (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe. Plain numbers such as
 * -1234.56 are numbers, not formulas, and stay as they are.
 */
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** One cell, made safe for spreadsheets. */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : String(value);
  return FORMULA_START.test(s) && !NUMBER.test(s) ? `'${s}` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[], options: { bom?: boolean } = {}): string {
  const text = Papa.unparse(
    { fields: [...columns], data: rows.map((r) => columns.map((c) => safeCell(r[c]))) },
    { newline: '\r\n', quotes: false, escapeFormulae: false },
  );
  return `${options.bom ? '\ufeff' : ''}${text}\r\n`;
}
