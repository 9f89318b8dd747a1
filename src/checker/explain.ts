/**
 * What the checker (and the pipeline) check, for people: the rules' own descriptions (src/rules/messages.ts)
 * and each layout's columns with the wording of their types, so the checker page explains the checks from
 * the same definitions that run them, pre-rendered (useful without JavaScript).
 */
import { INPUT_KINDS, INPUT_PLACES, RELEASE_CHECKS, type InputKind } from '../rules/inputs.ts';
import { CDE_FRPM, CODE_LIST, LEGACY, USERGL, type Layout } from '../rules/layouts.ts';
import { msg, RULES, type RuleId } from '../rules/messages.ts';
import { SACS_LINE_RULES, SACS_VALUE_RULES } from '../rules/sacs.ts';
import { CODE_LIST_RULES, FRPM_AS_ENROLLMENT, TABLES } from '../rules/tables.ts';

export interface RuleDoc {
  rule: RuleId;
  about: string;
}

export interface ColumnDoc {
  /** The column's header (its first accepted name). */
  column: string;
  required: boolean;
  /** What a value must be; empty when the column is read but not checked. */
  expected: string;
}

export interface LayoutDoc {
  id: string;
  title: string;
  columns: ColumnDoc[];
}

export interface KindDoc {
  kind: InputKind;
  /** Where the file goes in the input folder. */
  place: string;
  layouts: LayoutDoc[];
  /** The rules of this kind beyond the common ones. */
  rules: RuleDoc[];
  /** The rules that need the rest of the release. */
  release: RuleDoc[];
}

const doc = (rule: RuleId): RuleDoc => ({ rule, about: RULES[rule].about });

/** Rules of every CSV file, whatever its kind. */
export const COMMON_RULES: readonly RuleId[] = [
  'encoding', 'emptyFile', 'noHeader', 'separator', 'duplicateColumn', 'headerNotFirst', 'tooFewFields', 'tooManyFields', 'unclosedQuote',
  'lineTooLong', 'unknownLayout', 'missingColumn', 'extraColumns', 'emptyValue', 'invalidValue', 'duplicateKey',
];

const KIND_RULES: Record<InputKind, readonly RuleId[]> = {
  sacs: ['sacsHeader', 'sacsCode', 'amount', 'accountString', 'submissionId', 'cdsCode', 'fiscalYear', 'reportingPeriod', 'columnCode', 'periodColumn', 'onePeriodPerSubmission', 'noDataRows'],
  codeList: ['codeListName', 'codeListCode', 'codeListTitle', 'codeListDuplicate'],
  schools: ['fiscalYear', 'noRows'],
  allocations: ['fiscalYear', 'amount', 'noRows'],
  enrollment: ['fiscalYear', 'countOverEnrollment', 'noRows'],
  outcomes: ['fiscalYear', 'noRows'],
  frpm: ['frpmHeader', 'fiscalYear', 'countOverEnrollment'],
  district: ['districtJson', 'districtName'],
};

/** The rules only the pipeline reports (reading errors of its own CSV reader, and the report's length cap). */
export const PIPELINE_ONLY: readonly RuleId[] = ['invalidBytes', 'malformedLine', 'readError', 'tooManyProblems'];

function sacsColumns(layout: Layout): ColumnDoc[] {
  const expected = new Map<string, string>();
  for (const r of SACS_LINE_RULES) expected.set(r.field, r.expected);
  for (const r of SACS_VALUE_RULES) if (!expected.has(r.field)) expected.set(r.field, r.expected(layout.id === 'legacy' ? 'legacy' : 'usergl'));
  // The older layout's CDS code comes in three parts.
  for (const f of ['ccode', 'dcode', 'school_code']) expected.set(f, msg('cdsCode.expected'));
  if (layout.id === 'legacy') expected.delete('submission_id');
  return layout.fields.map((f) => ({ column: f.headers[0]!, required: f.required, expected: expected.get(f.field) ?? '' }));
}

/** Every kind of file, its layouts' columns and its rules. */
export function kindDocs(): KindDoc[] {
  return INPUT_KINDS.map((kind): KindDoc => {
    let layouts: LayoutDoc[] = [];
    if (kind === 'sacs') layouts = [USERGL, LEGACY].map((l) => ({ id: l.id, title: l.title, columns: sacsColumns(l) }));
    else if (kind === 'codeList') {
      layouts = [{ id: CODE_LIST.id, title: CODE_LIST.title, columns: CODE_LIST_RULES.map((r) => ({ column: r.column, required: true, expected: r.expected })) }];
    } else if (kind === 'frpm') {
      const types = TABLES.enrollment.types;
      const asField = new Map(Object.entries(FRPM_AS_ENROLLMENT).map(([to, from]) => [from, to]));
      layouts = [{
        id: CDE_FRPM.id, title: CDE_FRPM.title,
        columns: CDE_FRPM.fields.map((f) => ({ column: f.headers[0]!, required: f.required, expected: asField.has(f.field) ? types[asField.get(f.field)!]!.expected : '' })),
      }];
    } else if (kind !== 'district') {
      const spec = TABLES[kind];
      layouts = [{ id: spec.layout.id, title: spec.layout.title, columns: spec.layout.fields.map((f) => ({ column: f.field, required: f.required, expected: spec.types[f.field]!.expected })) }];
    }
    return { kind, place: INPUT_PLACES[kind], layouts, rules: KIND_RULES[kind].map(doc), release: RELEASE_CHECKS[kind].map(doc) };
  });
}

/** The common rules, described. */
export function commonDocs(): RuleDoc[] {
  return COMMON_RULES.map(doc);
}

/** Every rule that needs the whole release, described. */
export function releaseDocs(): RuleDoc[] {
  return (Object.keys(RULES) as RuleId[]).filter((r) => RULES[r].scope === 'release').map(doc);
}
