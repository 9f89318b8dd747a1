/**
 * The kinds of published file an input folder holds (data/README.md): where each goes, and how a file
 * is recognised by its place in the folder (what the pipeline does) or, for a file on its own, by its
 * header (what the staff file checker does when a file is dropped without its folder). No Node APIs.
 */
import { codeListDimension, type CodeDimension } from './codes.ts';
import { CDE_FRPM, CODE_LIST, LEGACY, mapColumns, USERGL, type Layout } from './layouts.ts';
import type { RuleId } from './messages.ts';
import { TABLES, type TableId } from './tables.ts';

export type InputKind = 'sacs' | 'codeList' | TableId | 'frpm' | 'district';

export const INPUT_KINDS: readonly InputKind[] = ['sacs', 'codeList', 'schools', 'allocations', 'enrollment', 'outcomes', 'frpm', 'district'];

/** Where each kind goes in the input folder. */
export const INPUT_PLACES: Record<InputKind, string> = {
  sacs: 'sacs/*.csv',
  codeList: 'code-lists/<fiscal year>/ref_*_codes.csv',
  schools: 'schools.csv',
  allocations: 'allocations/*.csv',
  enrollment: 'enrollment.csv',
  outcomes: 'outcomes.csv',
  frpm: 'state/*.csv',
  district: 'district.json',
};

/**
 * The rules that need other files of the input folder, for each kind of file: a file checked on its own
 * passes them only when it is published with the rest (the checker names them "checked when publishing").
 */
export const RELEASE_CHECKS: Record<InputKind, readonly RuleId[]> = {
  sacs: ['oneSubmissionPerPeriod', 'oneDistrict', 'duplicateKeyAcrossFiles', 'unknownCode'],
  codeList: ['codeListFolder', 'codeListMissing', 'noCodeLists'],
  schools: [],
  allocations: ['schoolsMissing', 'schoolReference', 'duplicateKeyAcrossFiles', 'unknownCode'],
  enrollment: ['schoolsMissing', 'schoolReference', 'frpmUnused'],
  outcomes: ['schoolsMissing', 'schoolReference'],
  frpm: ['frpmOtherRows', 'frpmUnused', 'schoolsMissing'],
  district: [],
};

/** The kind of a file from its path in the input folder, as the pipeline reads it; undefined elsewhere. */
export function kindFromPath(path: string): InputKind | undefined {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const csv = /\.csv$/i.test(p);
  if (p === 'district.json') return 'district';
  if (/^sacs\/[^/]+$/.test(p) && csv) return 'sacs';
  if (/^code-lists\/[^/]+\/[^/]+$/.test(p) && codeListDimension(p)) return 'codeList';
  if (/^state\/[^/]+$/.test(p) && csv) return 'frpm';
  for (const id of Object.keys(TABLES) as TableId[]) {
    const source = TABLES[id].source;
    if (p === source || (p.startsWith(`${source}/`) && csv && !p.slice(source.length + 1).includes('/'))) return id;
  }
  return undefined;
}

/**
 * A file's kind from its header alone (and its name, for district.json): the layout sharing the most
 * column names, required ones counting double and missing ones against (a score of at least two).
 */
export function kindFromHeader(name: string, header: string[]): InputKind | undefined {
  if (/\.json$/i.test(name)) return 'district';
  const candidates: [InputKind, Layout][] = [
    ['sacs', USERGL], ['sacs', LEGACY], ['codeList', CODE_LIST], ['frpm', CDE_FRPM],
    ...(Object.keys(TABLES) as TableId[]).map((id): [InputKind, Layout] => [id, TABLES[id].layout]),
  ];
  let best: InputKind | undefined;
  let bestScore = 1;
  for (const [kind, layout] of candidates) {
    const map = mapColumns(layout, header);
    const score = layout.fields.reduce((n, f) => n + (map.index.has(f.field) ? (f.required ? 2 : 1) : 0), 0) - 2 * map.missing.length;
    if (score > bestScore) { best = kind; bestScore = score; }
  }
  return best;
}

/** The code-list dimension of a file name (`ref_goal_codes.csv` → goal). */
export function dimensionOf(name: string): CodeDimension | undefined {
  return codeListDimension(name);
}
