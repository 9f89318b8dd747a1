/**
 * The validation report: every problem names the file, the line, the column, what was expected and
 * what was found. Errors refuse the run; warnings are published with the release.
 */

import type { RuleId } from '../rules/messages.ts';

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Which rule (src/rules/messages.ts): the problem's code, shared with the staff file checker. */
  rule?: RuleId;
  /** Path relative to the input folder, with forward slashes. */
  file: string;
  /** Physical line in the file, 1 = the header; absent for whole-file problems. */
  line?: number;
  column?: string;
  expected: string;
  found: string;
  /** For aggregated warnings: how many lines share this problem (line is the first one). */
  count?: number;
}

export interface FileSummary {
  file: string;
  kind: string;
  layout?: string;
  encoding: string;
  rows: number;
  bytes: number;
  sha256: string;
}

/** Lists longer than this are cut in the report; the count of what was cut is kept. */
export const MAX_LISTED = 200;

export class Report {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  readonly files: FileSummary[] = [];
  omittedErrors = 0;
  omittedWarnings = 0;

  error(p: Omit<Problem, 'severity'>): void {
    if (this.errors.length >= MAX_LISTED) this.omittedErrors++;
    else this.errors.push({ severity: 'error', ...p });
  }

  warn(p: Omit<Problem, 'severity'>): void {
    if (this.warnings.length >= MAX_LISTED) this.omittedWarnings++;
    else this.warnings.push({ severity: 'warning', ...p });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  toJSON() {
    return {
      ok: this.ok,
      errors: this.errors.length + this.omittedErrors,
      warnings: this.warnings.length + this.omittedWarnings,
      files: this.files,
      problems: [...this.errors, ...this.warnings],
      omitted: { errors: this.omittedErrors, warnings: this.omittedWarnings },
    };
  }
}

/** `sacs/x.csv, line 12, column Amount: expected …, found "…"`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : '', p.column ? `column ${p.column}` : '']
    .filter(Boolean)
    .join(', ');
  const times = p.count && p.count > 1 ? ` (${p.count} lines)` : '';
  return `${where}: expected ${p.expected}, found ${p.found}${times}`;
}

export { shown } from '../rules/messages.ts';

/** The readable text report. */
export function formatReport(r: Report, title: string): string {
  const lines = [title, ''];
  lines.push(r.ok ? 'Result: accepted' : 'Result: REFUSED — nothing was published; the previous release is unchanged.');
  lines.push(`Errors: ${r.errors.length + r.omittedErrors}   Warnings: ${r.warnings.length + r.omittedWarnings}`, '');
  if (r.files.length) {
    lines.push('Files read:');
    for (const f of r.files) lines.push(`  ${f.file}  ${f.kind}${f.layout ? ` (${f.layout})` : ''}  ${f.rows} rows  ${f.encoding}  sha256 ${f.sha256.slice(0, 16)}…`);
    lines.push('');
  }
  if (r.errors.length) {
    lines.push('Errors:');
    for (const p of r.errors) lines.push(`  ${formatProblem(p)}`);
    if (r.omittedErrors) lines.push(`  … and ${r.omittedErrors} more errors`);
    lines.push('');
  }
  if (r.warnings.length) {
    lines.push('Warnings:');
    for (const p of r.warnings) lines.push(`  ${formatProblem(p)}`);
    if (r.omittedWarnings) lines.push(`  … and ${r.omittedWarnings} more warnings`);
    lines.push('');
  }
  return lines.join('\n');
}
