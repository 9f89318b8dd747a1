/**
 * The staff file checker's core (browser-safe): checks one published file on its own with the pipeline's
 * rules (src/rules/: the same header checks, the JS twins of the pipeline's SQL row rules, the same
 * message templates) and reports the same problems, with the same file, line, column, expected and found,
 * in the same order as the pipeline's validation report. Rules that need the rest of the input folder
 * (school references, code lists, one submission per period) are not checked here: `deferred` names them.
 *
 * Differences from the pipeline, on purpose: every problem is listed (the validation report lists the
 * first 200 lines per file), and FRPM rows are all checked (the pipeline reads only the district's own).
 */
import { encodingProblem, HEAD_BYTES, inspectHead, lineFaultProblem, MAX_LINE_BYTES, type LineFault } from '../rules/csv.ts';
import { CODE_LISTS, type CodeDimension } from '../rules/codes.ts';
import { checkDistrictJson } from '../rules/district.ts';
import { parseFiscalYear } from '../rules/fiscal-year.ts';
import { dimensionOf, kindFromHeader, kindFromPath, RELEASE_CHECKS, type InputKind } from '../rules/inputs.ts';
import { CDE_FRPM, CODE_LIST, ENROLLMENT, type ColumnMap, type Layout } from '../rules/layouts.ts';
import { msg, shown, type ProblemText, type RuleId } from '../rules/messages.ts';
import { headerOf, SACS_KEY, SACS_KEY_WHAT, SACS_LINE_RULES, SACS_VALUE_RULES, sacsHeader, stageSacsLine, type SacsLayoutId, type SacsLine } from '../rules/sacs.ts';
import { sqlTrim } from '../rules/sql.ts';
import {
  CODE_LIST_RULES, checkField, codeListHeader, fieldRules, FRPM_AS_ENROLLMENT, frpmHeader, stageCodeListRow, tableHeader, TABLES, type RawRow, type TableSpec,
} from '../rules/tables.ts';
import { foundText, type HeaderProblem } from '../rules/twin.ts';
import { RecordStream, type CsvRecord } from './rows.ts';

export type Encoding = 'utf-8' | 'utf-8 with BOM' | 'windows-1252';

export interface CheckInput {
  /** The file's name, or its path in the input folder (`sacs/x.csv`): problems name it. */
  file: string;
  /** What the file is; by default from its path (as the pipeline reads a folder), else from its header. */
  kind?: InputKind;
  /** For a code list: which codes it lists; by default from its file name. */
  dimension?: CodeDimension;
}

export interface CheckProblem extends ProblemText {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
}

export interface CheckReport {
  file: string;
  kind?: InputKind;
  /** How the kind was decided. */
  kindFrom?: 'chosen' | 'path' | 'header';
  /** The layout read (usergl, legacy, schools, …, code_list, cde_frpm). */
  layout?: string;
  dimension?: CodeDimension;
  encoding: Encoding;
  bytes: number;
  /** Data rows read (blank lines and refused lines not counted). */
  rows: number;
  errors: CheckProblem[];
  warnings: CheckProblem[];
  /** Rules of the whole release that apply to this kind of file, checked when publishing. */
  deferred: RuleId[];
}

/** A line's rows after the header, with what the kind's checks need. */
interface KindChecker {
  row(get: (field: string) => string | undefined, line: number): void;
  /** After the last row: problems that need the whole file. */
  end(): void;
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

// The SACS duplicate key is spelled out in sacsChecker for speed; it must be SACS_KEY, in its order.
if (SACS_KEY.join() !== 'submission_id,fiscal_year,column_code,fund,resource,project_year,goal,function,object') {
  throw new Error('sacsChecker spells out the SACS key: update it with SACS_KEY');
}

/**
 * Checks one file's text, fed in chunks after `begin`. Usually driven by checkBytes (below), which
 * decodes the bytes the way the pipeline does.
 */
export class FileChecker {
  readonly report: CheckReport;
  private readonly input: CheckInput;
  private headProblems: CheckProblem[] = [];
  private structural: CheckProblem[] = [];
  private fileErrors: CheckProblem[] = [];
  private rowErrors: CheckProblem[] = [];
  private rowWarnings: CheckProblem[] = [];
  private headerWarnings: CheckProblem[] = [];
  /** The header's cells as written (a refused line names its column by them, as the pipeline does). */
  private header: string[] = [];
  private fields = 0;
  private headerLine = 1;
  private map?: ColumnMap;
  private kindChecker?: KindChecker;
  private stream?: RecordStream;

  constructor(input: CheckInput, encoding: Encoding, bytes: number) {
    this.input = input;
    this.report = { file: input.file, encoding, bytes, rows: 0, errors: [], warnings: [], deferred: [] };
    if (encoding === 'windows-1252') this.headerWarnings.push({ severity: 'warning', file: input.file, ...encodingProblem() });
  }

  private add(list: CheckProblem[], severity: 'error' | 'warning', p: ProblemText & { line?: number }): void {
    list.push({ severity, file: this.input.file, ...p });
  }

  /** The whole text of a non-CSV input (district.json). */
  json(text: string): void {
    this.setKind('district', this.input.kind ? 'chosen' : 'path');
    for (const p of checkDistrictJson(text).problems) this.add(this.fileErrors, 'error', p);
  }

  private setKind(kind: InputKind, from: CheckReport['kindFrom']): void {
    this.report.kind = kind;
    this.report.kindFrom = from;
    this.report.deferred = [...RELEASE_CHECKS[kind]];
  }

  /**
   * The head of the file (its first HEAD_BYTES, decoded): checks the header and decides the kind. Returns
   * false when the file is refused before its lines are read (then `push` need not be called).
   */
  begin(head: string): boolean {
    const h = inspectHead(head);
    for (const { severity, ...p } of h.problems) this.add(severity === 'error' ? this.headProblems : this.headerWarnings, severity, p);
    const chosen = this.input.kind;
    const byPath = kindFromPath(this.input.file);
    if (!h.header || h.headerLine === undefined) {
      const kind = chosen ?? byPath;
      if (kind) this.setKind(kind, chosen ? 'chosen' : 'path');
      return false;
    }
    const header = h.header;
    this.header = header;
    this.fields = header.length;
    this.headerLine = h.headerLine;
    const kind = chosen ?? byPath ?? kindFromHeader(this.input.file, header);
    if (!kind) {
      this.add(this.headProblems, 'error', { rule: 'unknownLayout', line: h.headerLine, expected: msg('unknownLayout.expected'), found: shown(header.join(',')) });
      return false;
    }
    this.setKind(kind, chosen ? 'chosen' : byPath ? 'path' : 'header');
    const headerProblem = (p: HeaderProblem) => {
      const { severity, ...rest } = p;
      this.add(severity === 'error' ? this.headProblems : this.headerWarnings, severity, { line: 1, ...rest });
    };
    if (kind === 'sacs') {
      const s = sacsHeader(header);
      s.problems.forEach(headerProblem);
      if (!s.layout || !s.map || s.map.missing.length) return false;
      this.map = s.map;
      this.report.layout = s.layout.id;
      this.kindChecker = this.sacsChecker(s.layout);
    } else if (kind === 'codeList') {
      const dimension = this.input.dimension ?? dimensionOf(this.input.file);
      if (!dimension) {
        this.add(this.headProblems, 'error', { rule: 'codeListName', expected: msg('codeListName.expected', { names: Object.values(CODE_LISTS).join(', ') }), found: shown(this.input.file.replace(/^.*\//, '')) });
        return false;
      }
      this.report.dimension = dimension;
      const c = codeListHeader(header);
      c.problems.forEach(headerProblem);
      if (c.map.missing.length) return false;
      this.map = c.map;
      this.report.layout = CODE_LIST.id;
      this.kindChecker = this.codeListChecker(dimension);
    } else if (kind === 'frpm') {
      const f = frpmHeader(header);
      f.problems.forEach(headerProblem);
      if (f.map.missing.length) return false;
      this.map = f.map;
      this.report.layout = CDE_FRPM.id;
      this.kindChecker = this.tableChecker(TABLES.enrollment, (get) => {
        const row: RawRow = Object.fromEntries(ENROLLMENT.fields.map((x) => [x.field, null]));
        for (const [to, from] of Object.entries(FRPM_AS_ENROLLMENT)) row[to] = get(from) || null;
        return row;
      });
    } else if (kind === 'district') {
      return false;
    } else {
      const spec = TABLES[kind];
      const t = tableHeader(spec, header);
      t.problems.forEach(headerProblem);
      if (t.map.missing.length) return false;
      this.map = t.map;
      this.report.layout = spec.layout.id;
      this.kindChecker = this.tableChecker(spec, (get) => Object.fromEntries(spec.layout.fields.map((x) => [x.field, get(x.field) || null])));
    }
    this.stream = new RecordStream((r) => this.record(r));
    return true;
  }

  /** The next chunk of decoded text, from the start of the file (after any byte-order mark). */
  push(text: string, last = false): void {
    this.stream?.push(text, last);
  }

  private record(r: CsvRecord): void {
    if (r.line <= this.headerLine) return; // blank lines before the header, and the header
    const fault = this.fault(r);
    if (fault) {
      const p = lineFaultProblem(fault, this.fields);
      this.add(this.structural, 'error', { line: r.line, ...p });
      return;
    }
    if (r.fields.every((f) => f === '')) return; // a blank line, or one of only commas
    this.report.rows++;
    const map = this.map!;
    const fields = r.fields;
    this.kindChecker!.row((field) => {
      const i = map.index.get(field);
      return i === undefined ? undefined : fields[i];
    }, r.line);
  }

  /** Why DuckDB would refuse the record, if it would. */
  private fault(r: CsvRecord): LineFault | undefined {
    if (r.quote) {
      const column = this.header[r.quote.field];
      return { kind: 'quote', ...(column ? { column } : {}), text: r.raw };
    }
    if (r.raw.length * 3 > MAX_LINE_BYTES && utf8Length(r.raw) > MAX_LINE_BYTES) return { kind: 'tooLong' };
    const n = r.fields.length;
    if (n === 1 && r.fields[0] === '') return undefined; // a blank line
    if (n < this.fields) return { kind: 'tooFew', found: n };
    // Empty fields after the last column are tolerated (a trailing comma).
    if (n > this.fields && r.fields.slice(this.fields).some((f) => f !== '')) return { kind: 'tooMany', found: n };
    return undefined;
  }

  /** Ends the file: the checks that need all of it, and the report. */
  finish(): CheckReport {
    this.stream?.push('', true);
    if (this.kindChecker) this.kindChecker.end();
    const r = this.report;
    r.errors = [...this.headProblems, ...this.structural, ...this.fileErrors, ...this.rowErrors];
    r.warnings = [...this.headerWarnings, ...this.rowWarnings];
    return r;
  }

  private hasErrors(): boolean {
    return this.headProblems.length + this.structural.length + this.fileErrors.length + this.rowErrors.length > 0;
  }

  // ── SACS exports ────────────────────────────────────────────────────────────────────────────────────

  private sacsChecker(layout: Layout): KindChecker {
    const id = layout.id as SacsLayoutId;
    const periods = new Map<string, Set<string>>();
    const keys = new Map<string, number>();
    const duplicates: CheckProblem[] = [];
    // The value rules depend on five low-cardinality columns: judged once per distinct combination.
    const judged = new Map<string, { bad: (typeof SACS_VALUE_RULES)[number][]; fy: string }>();
    return {
      row: (get, line) => {
        const row: SacsLine = stageSacsLine(id, get, this.input.file);
        for (const rule of SACS_LINE_RULES) {
          const r = rule.check(row);
          if (r) this.add(this.rowErrors, 'error', { rule: rule.rule, line, column: headerOf(layout, rule.field), expected: r.expected ?? rule.expected, found: foundText(rule, r.found) });
        }
        const tuple = `${row.submission_id}\u0000${row.cds_code}\u0000${row.fiscal_year_text}\u0000${row.reporting_period}\u0000${row.column_code}`;
        let values = judged.get(tuple);
        if (!values) {
          const fy = parseFiscalYear(row.fiscal_year_text ?? '', id === 'legacy');
          judged.set(tuple, (values = { bad: SACS_VALUE_RULES.filter((r) => r.isBad(row)), fy: fy.ok ? fy.value : '' }));
          const sub = row.submission_id ?? '';
          if (!periods.has(sub)) periods.set(sub, new Set());
          periods.get(sub)!.add(row.reporting_period ?? '');
        }
        for (const rule of values.bad) {
          this.add(this.rowErrors, 'error', { rule: rule.rule, line, column: headerOf(layout, rule.field), expected: rule.expected(id), found: foundText(rule, rule.foundOf(row)) });
        }
        if (this.rowErrors.length) return; // duplicates are looked for only in a file without errors
        const key = `${row.submission_id ?? ''} / ${values.fy} / ${row.column_code ?? ''} / ${row.fund ?? ''} / ${row.resource ?? ''} / ${row.project_year ?? ''} / ${row.goal ?? ''} / ${row.function ?? ''} / ${row.object ?? ''}`;
        const first = keys.get(key);
        if (first === undefined) keys.set(key, line);
        else duplicates.push({ severity: 'error', rule: 'duplicateKey', file: this.input.file, line, expected: msg('duplicateKey.expected', { what: SACS_KEY_WHAT }), found: msg('duplicateKey.found', { key, line: first }) });
      },
      end: () => {
        if (this.report.rows === 0) {
          if (!this.hasErrors()) this.add(this.fileErrors, 'error', { rule: 'noDataRows', line: 2, expected: msg('noDataRows.expected'), found: msg('noDataRows.found') });
          return;
        }
        if (this.hasErrors()) return;
        for (const [sub, ps] of periods) {
          if (ps.size > 1) this.add(this.fileErrors, 'error', { rule: 'onePeriodPerSubmission', column: 'ReportingPeriod', expected: msg('onePeriodPerSubmission.expected', { submission: sub }), found: [...ps].sort().join(' and ') });
        }
        if (!this.hasErrors()) this.rowErrors.push(...duplicates);
      },
    };
  }

  // ── schools, allocations, enrollment, outcomes, FRPM ───────────────────────────────────────────────

  private tableChecker(spec: TableSpec, rowOf: (get: (field: string) => string | undefined) => RawRow): KindChecker {
    const { perLine, perValue } = fieldRules(spec);
    const valueOk = new Map<string, boolean>();
    const keys = new Map<string, number>();
    const duplicates: CheckProblem[] = [];
    return {
      row: (get, line) => {
        const row = rowOf(get);
        let clean = true;
        for (const rule of perLine) {
          const r = checkField(rule, row[rule.field]);
          if (!r) continue;
          clean = false;
          this.add(this.rowErrors, 'error', { rule: rule.rule, line, column: rule.field, expected: rule.type.expected, found: foundText({}, r.found) });
        }
        for (const rule of spec.rules ?? []) {
          const r = rule.check(row);
          if (!r) continue;
          clean = false;
          this.add(this.rowErrors, 'error', { rule: rule.rule, line, column: rule.column, expected: rule.expected, found: foundText(rule, r.found) });
        }
        for (const rule of perValue) {
          // Checked once per distinct (trimmed) value, as the pipeline does.
          const raw = row[rule.field];
          const text = raw === null || raw === undefined ? '' : sqlTrim(raw);
          if (text === '') continue;
          let ok = valueOk.get(`${rule.field} ${text}`);
          if (ok === undefined) valueOk.set(`${rule.field} ${text}`, (ok = rule.type.dictionary!(text) !== null));
          if (ok) continue;
          clean = false;
          this.add(this.rowErrors, 'error', { rule: rule.rule, line, column: rule.field, expected: rule.type.expected, found: shown(text) });
        }
        if (!clean) return;
        const key = spec.key.map((k) => {
          const raw = row[k];
          const t = raw === null || raw === undefined ? '' : sqlTrim(raw);
          return t === '' ? '' : spec.types[k]!.norm(t);
        }).join(' / ');
        const first = keys.get(key);
        if (first === undefined) keys.set(key, line);
        else duplicates.push({ severity: 'error', rule: 'duplicateKey', file: this.input.file, line, expected: msg('duplicateKey.expected', { what: spec.keyWhat }), found: msg('duplicateKey.found', { key, line: first }) });
      },
      end: () => {
        if (this.report.rows === 0) this.add(this.headerWarnings, 'warning', { rule: 'noRows', line: 1, expected: msg('noRows.expected'), found: msg('noRows.found') });
        if (!this.hasErrors()) this.rowErrors.push(...duplicates);
      },
    };
  }

  // ── code lists ───────────────────────────────────────────────────────────────────────────────────────

  private codeListChecker(dimension: CodeDimension): KindChecker {
    const seen = new Set<string>();
    const repeats: CheckProblem[] = [];
    return {
      row: (get, line) => {
        const row = stageCodeListRow(dimension, get);
        for (const rule of CODE_LIST_RULES) {
          const r = rule.check(row);
          if (r) this.add(this.rowErrors, 'error', { rule: rule.rule, line, column: rule.column, expected: rule.expected, found: foundText(rule, r.found) });
        }
        const code = row.code ?? '';
        if (seen.has(code)) repeats.push({ severity: 'warning', rule: 'codeListDuplicate', file: this.input.file, line, column: 'Code', expected: msg('codeListDuplicate.expected'), found: msg('codeListDuplicate.found', { code: JSON.stringify(code) }) });
        seen.add(code);
      },
      end: () => {
        if (!this.hasErrors()) this.rowWarnings.push(...repeats);
      },
    };
  }
}

// ── from bytes ─────────────────────────────────────────────────────────────────────────────────────────

/** Random access to a file's bytes (a browser File, or a Node Buffer in tests). */
export interface ByteSource {
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface CheckOptions {
  /** Bytes read at a time. */
  chunkBytes?: number;
  /** Called after each chunk with the bytes done so far (of the current pass). */
  onProgress?: (done: number, total: number) => void;
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Checks a file's bytes as the pipeline reads them: UTF-8 (a byte-order mark is dropped), and when any
 * byte is not UTF-8, the whole file again as Windows-1252 with a warning. Reads in chunks, so a SACS
 * export of any size is checked in bounded memory (beyond the keys kept to find duplicates).
 */
export async function checkBytes(source: ByteSource, input: CheckInput, opts: CheckOptions = {}): Promise<CheckReport> {
  const chunk = opts.chunkBytes ?? 1 << 20;
  const first = await source.read(0, Math.min(3, source.size));
  const bom = first.length === 3 && BOM.every((b, i) => first[i] === b) ? 3 : 0;
  const kind = input.kind ?? kindFromPath(input.file) ?? (/\.json$/i.test(input.file) ? 'district' : undefined);
  const pass = async (encoding: Encoding): Promise<CheckReport | undefined> => {
    const fatal = encoding !== 'windows-1252';
    const decoder = new TextDecoder(fatal ? 'utf-8' : 'windows-1252', { fatal, ignoreBOM: true });
    const checker = new FileChecker(input, encoding, source.size);
    if (kind === 'district') {
      let text = '';
      try {
        text = decoder.decode(await source.read(bom, source.size));
      } catch {
        return undefined;
      }
      checker.json(text);
      return checker.finish();
    }
    const head = encoding === 'windows-1252'
      ? new TextDecoder('windows-1252').decode(await source.read(bom, Math.min(source.size, bom + HEAD_BYTES)))
      : new TextDecoder('utf-8').decode(await source.read(bom, Math.min(source.size, bom + HEAD_BYTES)));
    const reading = checker.begin(head);
    for (let at = bom; at < source.size; at += chunk) {
      const bytes = await source.read(at, Math.min(source.size, at + chunk));
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        return undefined; // not UTF-8
      }
      if (reading) checker.push(text);
      opts.onProgress?.(Math.min(source.size, at + chunk), source.size);
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      return undefined;
    }
    if (reading) checker.push(rest, true);
    return checker.finish();
  };
  return (await pass(bom ? 'utf-8 with BOM' : 'utf-8')) ?? (await pass('windows-1252'))!;
}

/** A ByteSource over bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (start, end) => bytes.subarray(start, end) };
}

export type { InputKind };
