/**
 * What every CSV must be before its lines are read: a header found in the first bytes (not empty, comma
 * separated, each column once, on line 1), and lines the CSV reader accepts (as many fields as the header,
 * closed quotes, not too long). Shared by the pipeline (which then lets DuckDB parse the lines) and the
 * staff file checker (which parses them with papaparse), so both refuse the same files with the same words.
 * No Node APIs here.
 */
import { msg, shown, type ProblemText } from './messages.ts';

/** DuckDB's longest accepted line; longer lines are refused (a 10 MB field is never a budget code). */
export const MAX_LINE_BYTES = 2_000_000;

/** How much of a file the header is looked for in. */
export const HEAD_BYTES = 1 << 16;

/** Header key: case, spaces, underscores and punctuation ignored (`Fiscal Year` = `fiscal_year`). */
export function headerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A CSV record with the physical line it starts on and the index of its first character. */
export interface RawRecord {
  line: number;
  start: number;
  fields: string[];
}

/**
 * Minimal RFC 4180 tokeniser (comma, double quotes, "" escapes, CR/LF). Blank lines are skipped, as
 * DuckDB skips them. Stops after `limit` records. Starts at `from` (a line start) when given.
 */
export function* records(text: string, limit = Infinity, from: { index: number; line: number } = { index: 0, line: 1 }): Generator<RawRecord> {
  let i = from.index;
  let line = from.line;
  let count = 0;
  const n = text.length;
  while (i < n && count < limit) {
    // Skip blank lines.
    if (text[i] === '\n') { i++; line++; continue; }
    if (text[i] === '\r') { i++; if (text[i] === '\n') i++; line++; continue; }
    const start = line;
    const startIndex = i;
    const fields: string[] = [];
    let field = '';
    let inQuotes = false;
    for (;;) {
      if (i >= n) { fields.push(field); break; }
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          inQuotes = false; i++; continue;
        }
        if (ch === '\n') line++;
        field += ch; i++; continue;
      }
      if (ch === '"') { inQuotes = true; i++; continue; }
      if (ch === ',') { fields.push(field); field = ''; i++; continue; }
      if (ch === '\r' || ch === '\n') {
        fields.push(field);
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++; line++;
        break;
      }
      field += ch; i++;
    }
    count++;
    yield { line: start, start: startIndex, fields };
  }
}

const OTHER_SEPARATORS = [[';', 'separator.semicolons'], ['\t', 'separator.tabs'], ['|', 'separator.pipes']] as const;

/** A problem found in the head of a file (line 1 = the first line). */
export interface HeadProblem extends ProblemText {
  severity: 'error' | 'warning';
  line: number;
}

export interface Head {
  /** Header cells as written (trimmed); absent when the file cannot be read as CSV at all. */
  header?: string[];
  /** Physical line of the header (after any blank lines). */
  headerLine?: number;
  /** Errors (the file is then not read further) and warnings, in the order they are reported. */
  problems: HeadProblem[];
}

/**
 * Checks the head of a decoded file (its first HEAD_BYTES, or all of it): not empty, a header row,
 * comma-separated, every column once, the header on line 1.
 */
export function inspectHead(head: string): Head {
  if (head.trim() === '') {
    return { problems: [{ severity: 'error', rule: 'emptyFile', line: 1, expected: msg('emptyFile.expected'), found: msg('emptyFile.found') }] };
  }
  const first = records(head, 1).next().value as RawRecord | undefined;
  if (!first) return { problems: [{ severity: 'error', rule: 'noHeader', line: 1, expected: msg('noHeader.expected'), found: msg('noHeader.found') }] };
  const headerText = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (first.fields.length === 1) {
    for (const [sep, name] of OTHER_SEPARATORS) {
      const count = headerText.split(sep).length - 1;
      if (count > 0) {
        return {
          problems: [{ severity: 'error', rule: 'separator', line: first.line, expected: msg('separator.expected'), found: msg('separator.found', { name: msg(name), count }) }],
        };
      }
    }
  }
  const header = first.fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    const k = headerKey(h);
    if (k === '') continue;
    if (seen.has(k)) {
      return {
        problems: [{ severity: 'error', rule: 'duplicateColumn', line: first.line, column: h, expected: msg('duplicateColumn.expected'), found: msg('duplicateColumn.found', { name: shown(h) }) }],
      };
    }
    seen.add(k);
  }
  const problems: HeadProblem[] = [];
  if (first.line !== 1) {
    problems.push({ severity: 'warning', rule: 'headerNotFirst', line: first.line, expected: msg('headerNotFirst.expected'), found: msg('headerNotFirst.found', { count: first.line - 1 }) });
  }
  return { header, headerLine: first.line, problems };
}

/** The encoding warning of a file that is not UTF-8 (read as Windows-1252). */
export function encodingProblem(): ProblemText {
  return { rule: 'encoding', expected: msg('encoding.expected'), found: msg('encoding.found') };
}

/** Why the CSV reader refused a line. */
export type LineFault =
  | { kind: 'tooFew'; found?: number }
  | { kind: 'tooMany'; found?: number }
  | { kind: 'quote'; column?: string; text: string }
  | { kind: 'tooLong' }
  | { kind: 'bytes' }
  | { kind: 'other'; message: string };

/** The problem for a line the CSV reader refused; `fields` is the header's number of fields. */
export function lineFaultProblem(fault: LineFault, fields: number): ProblemText {
  const count = fields;
  switch (fault.kind) {
    case 'tooFew':
      return { rule: 'tooFewFields', expected: msg('tooFewFields.expected', { count }), found: msg('tooFewFields.found', { found: fault.found ?? msg('tooFewFields.fewer') }) };
    case 'tooMany':
      return { rule: 'tooManyFields', expected: msg('tooManyFields.expected', { count }), found: msg('tooManyFields.found', { found: fault.found ?? msg('tooManyFields.more') }) };
    case 'quote':
      return {
        rule: 'unclosedQuote', ...(fault.column ? { column: fault.column } : {}),
        expected: msg('unclosedQuote.expected'), found: msg('unclosedQuote.found', { line: shown(fault.text.trim()) }),
      };
    case 'tooLong':
      return { rule: 'lineTooLong', expected: msg('lineTooLong.expected', { max: MAX_LINE_BYTES.toLocaleString('en-US') }), found: msg('lineTooLong.found') };
    case 'bytes':
      return { rule: 'invalidBytes', expected: msg('invalidBytes.expected'), found: msg('invalidBytes.found') };
    default:
      return { rule: 'malformedLine', expected: msg('malformedLine.expected'), found: fault.message };
  }
}
