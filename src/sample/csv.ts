/**
 * CSV writing: RFC 4180 quoting, `\n` line endings, UTF-8 without a byte-order mark.
 * Lines are buffered in memory and flushed to the file descriptor in ~1 MB chunks.
 */
import fs from 'node:fs';

const NEEDS_QUOTES = /[",\r\n]/;

/** Quote a field only when it must be quoted. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Quote every field (the state's raw exports quote everything). */
export function quoted(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

export interface FileStats {
  path: string;
  rows: number;
  bytes: number;
}

const FLUSH_AT = 1 << 20;

/** Buffered writer for one CSV file; `rows` counts data lines (not the header). */
export class CsvWriter {
  path: string;
  rows = 0;
  bytes = 0;
  fd: number;
  parts: string[] = [];
  pending = 0;

  constructor(path: string, headerLine: string) {
    this.path = path;
    this.fd = fs.openSync(path, 'w');
    this.raw(headerLine.endsWith('\n') ? headerLine : `${headerLine}\n`);
  }

  /** Append one complete data line (must end with `\n`). */
  line(text: string): void {
    this.rows++;
    this.raw(text);
  }

  /** Append a data line made of fields, quoted only where needed. */
  fields(values: readonly string[]): void {
    this.line(csvLine(values));
  }

  raw(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
    this.bytes += buf.length;
    this.parts = [];
    this.pending = 0;
  }

  close(): FileStats {
    this.flush();
    fs.closeSync(this.fd);
    return { path: this.path, rows: this.rows, bytes: this.bytes };
  }
}

/** Write a small text file in one go and report it. */
export function writeText(path: string, text: string): FileStats {
  fs.writeFileSync(path, text, 'utf8');
  return { path, rows: 0, bytes: Buffer.byteLength(text, 'utf8') };
}
