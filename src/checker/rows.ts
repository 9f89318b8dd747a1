/**
 * CSV records from text that arrives in chunks, tokenised by papaparse, each with the physical line it
 * starts on (a quoted line break counts, as in the pipeline's messages). A stray quote is handled as
 * DuckDB handles it in the pipeline: the record ends at the end of the line holding the quote that closes
 * the field (or at the end of the file when it never closes), is refused, and reading resumes on the next
 * line. Browser-safe.
 */
import Papa from 'papaparse';

/** One record: its fields, the line it starts on, and its text (for its length and messages). */
export interface CsvRecord {
  fields: string[];
  line: number;
  raw: string;
  /** A quoted field that is never closed, or text after its closing quote: which field, and the record's text. */
  quote?: { field: number };
}

interface StepResult {
  data: string[][];
  errors: { index?: number }[];
  meta: { cursor: number };
}

function countNewlines(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The number of commas outside quotes in a well-formed start of a record: the index of the next field. */
function fieldIndexAt(prefix: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of prefix) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) n++;
  }
  return n;
}

export class RecordStream {
  /** Physical line of the next record. */
  private line = 1;
  /** Text not yet turned into records, and the absolute index of its first character. */
  private pending = '';
  private base = 0;
  private readonly onRecord: (r: CsvRecord) => void;

  constructor(onRecord: (r: CsvRecord) => void) {
    this.onRecord = onRecord;
  }

  /** Adds the next chunk of text; `last` for the final one (the file's last line may lack a newline). */
  push(chunk: string, last = false): void {
    let input = this.pending + chunk;
    let base = this.base;
    for (;;) {
      let rowStart = base;
      let resume: number | undefined;
      let wait: number | undefined;
      const parser: Papa.Parser = new Papa.Parser({
        delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"',
        step: (r: StepResult) => {
          const end = r.meta.cursor;
          const s = rowStart - base;
          if (r.errors.length) {
            // DuckDB's record: up to the end of the line of the quote that closes the field.
            const open = r.errors[0]!.index ?? s;
            let q = open;
            for (;;) {
              q = input.indexOf('"', q);
              if (q === -1 || input[q + 1] !== '"') break;
              q += 2;
            }
            const nl = q === -1 ? -1 : input.indexOf('\n', q);
            if (nl === -1 && !last) {
              wait = rowStart; // the rest of the record has not arrived yet
              parser.abort();
              return;
            }
            const stop = nl === -1 ? input.length : nl + 1;
            this.onRecord({ fields: [], line: this.line, raw: input.slice(s, stop), quote: { field: fieldIndexAt(input.slice(s, Math.max(s, open - 1))) } });
            this.line += countNewlines(input, s, stop);
            resume = base + stop;
            parser.abort();
            return;
          }
          const raw = input.slice(s, end - base);
          const fields = r.data[0] ?? [''];
          // Lines end with \r\n in files from Windows: the \r is not part of the last value.
          const lastField = fields[fields.length - 1];
          if (lastField !== undefined && lastField.endsWith('\r') && /\r\n?$/.test(raw)) fields[fields.length - 1] = lastField.slice(0, -1);
          this.onRecord({ fields, line: this.line, raw });
          this.line += countNewlines(raw);
          rowStart = end;
        },
      } as Papa.ParseConfig);
      const result = parser.parse(input, base, !last) as { meta: { cursor: number } };
      if (resume !== undefined) {
        input = input.slice(resume - base);
        base = resume;
        continue;
      }
      const keep = wait ?? (last ? base + input.length : result.meta.cursor);
      this.pending = input.slice(keep - base);
      this.base = keep;
      return;
    }
  }
}
