/**
 * Reading a published CSV safely before DuckDB sees it: encoding (UTF-8 with or without BOM, else
 * Windows-1252), separator, header. DuckDB then does the bulk parse; this module also maps a record's
 * ordinal back to its physical line for error messages (only on the error path, so the happy path
 * never tokenises a big file in JavaScript).
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { shown, type Report } from './report.ts';

export interface CsvFile {
  /** Path relative to the input folder, for messages. */
  file: string;
  /** What DuckDB reads: the original, or a UTF-8 copy of a Windows-1252 file. */
  readPath: string;
  bytes: number;
  sha256: string;
  encoding: 'utf-8' | 'utf-8 with BOM' | 'windows-1252';
  /** Header cells as written (trimmed). */
  header: string[];
  /** Physical line of the header (after any blank lines). */
  headerLine: number;
  /** Records after the header, as counted by a tokeniser; only known once lineOf() ran. */
  text: () => string;
}

/** Header key: case, spaces, underscores and punctuation ignored (`Fiscal Year` = `fiscal_year`). */
export function headerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A CSV record with the physical line it starts on. */
export interface RawRecord {
  line: number;
  fields: string[];
}

/**
 * Minimal RFC 4180 tokeniser (comma, double quotes, "" escapes, CR/LF). Blank lines are skipped, as
 * DuckDB skips them. Stops after `limit` records.
 */
export function* records(text: string, limit = Infinity): Generator<RawRecord> {
  let i = 0;
  let line = 1;
  let count = 0;
  const n = text.length;
  while (i < n && count < limit) {
    // Skip blank lines.
    if (text[i] === '\n') { i++; line++; continue; }
    if (text[i] === '\r') { i++; if (text[i] === '\n') i++; line++; continue; }
    const start = line;
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
    yield { line: start, fields };
  }
}

/**
 * Physical line of each requested data record (1-based ordinal after the header; blank lines and records
 * of only empty fields are not counted, as the loader skips them).
 */
/**
 * Physical line (1-based) of the record starting at a byte offset: one plus the newlines before it.
 * DuckDB may give the offset of blank lines before the record, so those are stepped over first.
 */
export function lineAtByte(file: string, offset: number): number {
  const buf = fs.readFileSync(file);
  let n = 1;
  let end = Math.min(offset, buf.length);
  while (end < buf.length && (buf[end] === 10 || buf[end] === 13)) end++;
  for (let i = buf.indexOf(10); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

export function linesOfRecords(text: string, ordinals: Iterable<number>): Map<number, number> {
  const wanted = new Set(ordinals);
  const out = new Map<number, number>();
  if (!wanted.size) return out;
  const max = Math.max(...wanted);
  let ordinal = -1; // the header is record 0
  for (const rec of records(text)) {
    if (ordinal >= 0 && rec.fields.every((f) => f === '')) continue;
    ordinal++;
    if (wanted.has(ordinal)) out.set(ordinal, rec.line);
    if (ordinal >= max) break;
  }
  return out;
}

const OTHER_SEPARATORS: [string, string][] = [[';', 'semicolons'], ['\t', 'tabs'], ['|', 'pipes']];

/**
 * Reads and checks a CSV's bytes and header. Returns null (with errors in the report) when the file
 * cannot be read as CSV at all. `tmpDir` receives UTF-8 copies of Windows-1252 files.
 */
export function openCsv(absPath: string, file: string, report: Report, tmpDir: string): CsvFile | null {
  const buf = fs.readFileSync(absPath);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  let encoding: CsvFile['encoding'] = 'utf-8';
  let readPath = absPath;
  let body = buf;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    encoding = 'utf-8 with BOM';
    body = buf.subarray(3);
  }
  let decoded: string | undefined;
  if (!isUtf8(body)) {
    encoding = 'windows-1252';
    decoded = new TextDecoder('windows-1252').decode(body);
    readPath = path.join(tmpDir, `${createHash('sha1').update(file).digest('hex').slice(0, 12)}.csv`);
    fs.writeFileSync(readPath, decoded);
    report.warn({ file, expected: 'UTF-8 text', found: 'bytes that are not UTF-8; read as Windows-1252 (check accented names)' });
  }
  const text = () => (decoded ??= body.toString('utf8'));
  // The header is in the first few KB; avoid decoding a big file just to read it.
  const head = decoded ?? body.subarray(0, 1 << 16).toString('utf8');
  if (head.trim() === '') {
    report.error({ file, line: 1, expected: 'a header row followed by data rows', found: 'an empty file' });
    return null;
  }
  const first = records(head, 1).next().value as RawRecord | undefined;
  if (!first) {
    report.error({ file, line: 1, expected: 'a header row', found: 'no complete header line' });
    return null;
  }
  const headerText = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (first.fields.length === 1) {
    for (const [sep, name] of OTHER_SEPARATORS) {
      const count = headerText.split(sep).length - 1;
      if (count > 0) {
        report.error({ file, line: first.line, expected: 'comma-separated values (re-export the file as CSV)', found: `a header separated by ${name} (${count} of them)` });
        return null;
      }
    }
  }
  const header = first.fields.map((h) => h.trim());
  const seen = new Map<string, string>();
  for (const h of header) {
    const k = headerKey(h);
    if (k === '') continue;
    if (seen.has(k)) {
      report.error({ file, line: first.line, column: h, expected: 'each column name once', found: `${shown(h)} twice` });
      return null;
    }
    seen.set(k, h);
  }
  if (first.line !== 1) {
    report.warn({ file, line: first.line, expected: 'the header on line 1', found: `${first.line - 1} blank line(s) before it` });
  }
  return { file, readPath, bytes: buf.length, sha256, encoding, header, headerLine: first.line, text };
}
