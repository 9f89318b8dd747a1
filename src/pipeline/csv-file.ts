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
import { encodingProblem, HEAD_BYTES, inspectHead, records } from '../rules/csv.ts';
import type { Report } from './report.ts';

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
  /** The decoded text (decoded on first use: only the error path needs it). */
  text: () => string;
  /**
   * Records DuckDB refused, by the physical line they start on, with how many more lines they span (filled
   * by the checking scan; skipped when numbering records).
   */
  rejected: Map<number, number>;
}

export { headerKey, records, type RawRecord } from '../rules/csv.ts';

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

/**
 * Physical line of each requested data record (1-based ordinal after the header; blank lines, records
 * of only empty fields and records DuckDB refused are not counted, as the loader skips them). A refused
 * record is stepped over as DuckDB did (`rejected`: its first line → the further lines it spans), since
 * after a stray quote this tokeniser would read the rest of the file differently.
 */
export function linesOfRecords(text: string, ordinals: Iterable<number>, rejected: ReadonlyMap<number, number> = new Map()): Map<number, number> {
  const wanted = new Set(ordinals);
  const out = new Map<number, number>();
  if (!wanted.size) return out;
  const max = Math.max(...wanted);
  let ordinal = -1; // the header is record 0
  let from = { index: 0, line: 1 };
  resume: for (;;) {
    for (const rec of records(text, Infinity, from)) {
      const span = ordinal >= 0 ? rejected.get(rec.line) : undefined;
      if (span !== undefined) {
        // Continue on the line after the refused record.
        let index = rec.start;
        for (let k = 0; k <= span; k++) {
          const nl = text.indexOf('\n', index);
          if (nl === -1) break resume;
          index = nl + 1;
        }
        from = { index, line: rec.line + span + 1 };
        continue resume;
      }
      if (ordinal >= 0 && rec.fields.every((f) => f === '')) continue;
      ordinal++;
      if (wanted.has(ordinal)) out.set(ordinal, rec.line);
      if (ordinal >= max) break resume;
    }
    break;
  }
  return out;
}

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
  }
  const text = () => (decoded ??= body.toString('utf8'));
  if (encoding === 'windows-1252') report.warn({ file, ...encodingProblem() });
  // The header is in the first few KB; avoid decoding a big file just to read it.
  const head = inspectHead(decoded ?? body.subarray(0, HEAD_BYTES).toString('utf8'));
  for (const { severity, ...p } of head.problems) (severity === 'error' ? report.error({ file, ...p }) : report.warn({ file, ...p }));
  if (!head.header || head.headerLine === undefined) return null;
  return { file, readPath, bytes: buf.length, sha256, encoding, header: head.header, headerLine: head.headerLine, text, rejected: new Map() };
}
