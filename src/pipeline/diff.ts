/**
 * "What changed" between two releases: totals by fund, by program (resource) and by school, per fiscal year
 * and column code, in both releases; codes and schools added and removed; the largest changes.
 *
 * Both releases are opened as DuckDB views over their Parquet files (native DuckDB, as in the pipeline).
 * Line items count only the latest submission for each fiscal year and column code (`is_latest`), as every
 * page does. Fund and program totals are kept per object class (expenditure, revenue, …) so that no total
 * adds revenue to spending; school totals are the school allocations. Amounts are exact decimal strings
 * (DECIMAL sums cast to VARCHAR in SQL, differences and percentages in BigInt cents): never floats.
 *
 * The result is a plain object (JSON-ready); `formatDiffMarkdown` writes it for a pull-request comment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { centsToDecimal, decimalToCents } from '../rules/amount.ts';
import { formatDollarsAndCents } from '../site/money.ts';
import { Db, ident, lit } from './db.ts';

export interface ReleaseInfo {
  id: string;
  created: string;
  district: string;
  fiscal_years: string[];
}

export type TotalKind = 'fund' | 'program' | 'school';

/** One total (fund, program or school × fiscal year × column code) in both releases. */
export interface DiffRow {
  kind: TotalKind;
  fiscal_year: string;
  column_code: string;
  /** Fund code, resource code or school code. */
  code: string;
  /** Code title or school name (from the newer release when it has one). */
  title: string | null;
  /** Object class for fund and program totals; null for school totals (all allocations). */
  object_class: string | null;
  /** Total in the older release, or null when the older release has no such row. */
  old: string | null;
  /** Total in the newer release, or null when the newer release has no such row. */
  new: string | null;
  /** new − old (a missing side counts as 0), exact decimal string. */
  change: string;
  /** change / |old| in percent, one decimal ("4.5", "-12.0"), rounded half away from zero; null when old is missing or 0. */
  percent: string | null;
}

export interface CodeChange { fiscal_year: string; dimension: string; code: string; title: string | null }
export interface SchoolChange { school_code: string; name: string | null }

export interface ReleaseDiff {
  old: ReleaseInfo;
  new: ReleaseInfo;
  /** Every total of either release, changed or not, sorted by fiscal year, column code, code, object class. */
  funds: DiffRow[];
  programs: DiffRow[];
  schools: DiffRow[];
  codes: { added: CodeChange[]; removed: CodeChange[] };
  schoolList: { added: SchoolChange[]; removed: SchoolChange[] };
  /** The 10 program and school totals with the largest absolute change (ties: kind, year, column, code). */
  largest: DiffRow[];
  /** How many rows of each kind changed (change ≠ 0). */
  changed: Record<TotalKind, number>;
}

export const LARGEST_COUNT = 10;

interface Manifest { release: string; created: string; district?: { name?: string }; fiscal_years?: string[]; files: { path: string; table: string }[] }

function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${dir} is not a release folder: it has no manifest.json`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (typeof m.release !== 'string' || typeof m.created !== 'string' || !Array.isArray(m.files)) throw new Error(`${file} is not a release manifest`);
  return m;
}

/** Empty stand-ins (with the columns the diff reads) for optional tables a release does not have. */
const EMPTY: Record<string, string> = {
  line_items: `SELECT NULL::VARCHAR AS fiscal_year, NULL::VARCHAR AS column_code, NULL::VARCHAR AS fund, NULL::VARCHAR AS resource, NULL::VARCHAR AS object_class, NULL::DECIMAL(18,2) AS amount, NULL::BOOLEAN AS is_latest WHERE false`,
  allocations: `SELECT NULL::VARCHAR AS fiscal_year, NULL::VARCHAR AS column_code, NULL::VARCHAR AS school_code, NULL::DECIMAL(18,2) AS amount WHERE false`,
  schools: `SELECT NULL::VARCHAR AS school_code, NULL::VARCHAR AS name WHERE false`,
  codes: `SELECT NULL::VARCHAR AS fiscal_year, NULL::VARCHAR AS dimension, NULL::VARCHAR AS code, NULL::VARCHAR AS title WHERE false`,
};

async function openRelease(db: Db, prefix: 'o' | 'n', dir: string, m: Manifest): Promise<void> {
  for (const table of Object.keys(EMPTY)) {
    const files = m.files.filter((f) => f.table === table).map((f) => path.join(dir, f.path));
    for (const f of files) if (!fs.existsSync(f)) throw new Error(`release ${m.release}: ${f} is listed in manifest.json but missing`);
    const body = files.length ? `SELECT * FROM read_parquet([${files.map(lit).join(', ')}])` : EMPTY[table]!;
    await db.run(`CREATE VIEW ${ident(`${prefix}_${table}`)} AS ${body}`);
  }
}

/** Percent change, one decimal, half away from zero; null when the base is missing or zero. */
export function percentChange(oldCents: bigint | null, change: bigint): string | null {
  if (oldCents === null || oldCents === 0n) return null;
  const base = oldCents < 0n ? -oldCents : oldCents;
  const n = change < 0n ? -change : change;
  const tenths = (n * 2000n + base) / (2n * base); // round(|change| * 1000 / base)
  const s = `${tenths / 10n}.${tenths % 10n}`;
  return change < 0n && tenths !== 0n ? `-${s}` : s;
}

interface RawTotal { fiscal_year: string; column_code: string; code: string; object_class: string | null; title: string | null; old: string | null; new: string | null }

function toRow(kind: TotalKind, r: RawTotal): DiffRow {
  const o = r.old === null ? null : decimalToCents(r.old);
  const n = r.new === null ? null : decimalToCents(r.new);
  const change = (n ?? 0n) - (o ?? 0n);
  return { kind, fiscal_year: r.fiscal_year, column_code: r.column_code, code: r.code, title: r.title, object_class: r.object_class, old: r.old, new: r.new, change: centsToDecimal(change), percent: percentChange(o, change) };
}

/** Totals of one grouping in both releases, full-outer-joined on (fiscal year, column code, code[, class]). */
function totalsSql(source: (p: 'o' | 'n') => string, codeCol: string, withClass: boolean, title: string): string {
  const cls = withClass ? ', object_class' : '';
  const side = (p: 'o' | 'n') => `SELECT fiscal_year, column_code, ${codeCol} AS code${cls}, CAST(sum(amount) AS DECIMAL(38,2)) AS amount FROM ${source(p)} GROUP BY ALL`;
  const clsKey = withClass ? ' AND o.object_class = n.object_class' : '';
  return `WITH o AS (${side('o')}), n AS (${side('n')})
SELECT coalesce(n.fiscal_year, o.fiscal_year) AS fiscal_year, coalesce(n.column_code, o.column_code) AS column_code,
  coalesce(n.code, o.code) AS code, ${withClass ? 'coalesce(n.object_class, o.object_class)' : 'NULL::VARCHAR'} AS object_class,
  ${title} AS title,
  CAST(o.amount AS VARCHAR) AS old, CAST(n.amount AS VARCHAR) AS new
FROM o FULL OUTER JOIN n ON o.fiscal_year = n.fiscal_year AND o.column_code = n.column_code AND o.code = n.code${clsKey}
ORDER BY 1, 2, 3, 4`;
}

/** Title of a code in its fiscal year: the newer release's, else the older one's. */
const codeTitle = (dimension: string) => `coalesce(
    (SELECT any_value(t.title) FROM n_codes t WHERE t.fiscal_year = coalesce(n.fiscal_year, o.fiscal_year) AND t.dimension = '${dimension}' AND t.code = coalesce(n.code, o.code)),
    (SELECT any_value(t.title) FROM o_codes t WHERE t.fiscal_year = coalesce(n.fiscal_year, o.fiscal_year) AND t.dimension = '${dimension}' AND t.code = coalesce(n.code, o.code)))`;
const schoolName = `coalesce(
    (SELECT any_value(s.name) FROM n_schools s WHERE s.school_code = coalesce(n.code, o.code)),
    (SELECT any_value(s.name) FROM o_schools s WHERE s.school_code = coalesce(n.code, o.code)))`;

const byAbsChange = (a: DiffRow, b: DiffRow): number => {
  const x = decimalToCents(a.change), y = decimalToCents(b.change);
  const ax = x < 0n ? -x : x, ay = y < 0n ? -y : y;
  if (ax !== ay) return ax > ay ? -1 : 1;
  const key = (r: DiffRow) => [r.kind, r.fiscal_year, r.column_code, r.code, r.object_class ?? ''];
  const ka = key(a), kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
};

/** The diff between an older and a newer release folder (each `releases/<id>/` with its manifest.json). */
export async function diffReleases(olderDir: string, newerDir: string): Promise<ReleaseDiff> {
  const om = readManifest(olderDir);
  const nm = readManifest(newerDir);
  const db = await Db.open();
  try {
    await openRelease(db, 'o', olderDir, om);
    await openRelease(db, 'n', newerDir, nm);
    const lines = (p: 'o' | 'n') => `(SELECT * FROM ${p}_line_items WHERE is_latest)`;
    const funds = (await db.all<RawTotal>(totalsSql(lines, 'fund', true, codeTitle('fund')))).map((r) => toRow('fund', r));
    const programs = (await db.all<RawTotal>(totalsSql(lines, 'resource', true, codeTitle('resource')))).map((r) => toRow('program', r));
    const schools = (await db.all<RawTotal>(totalsSql((p) => `${p}_allocations`, 'school_code', false, schoolName))).map((r) => toRow('school', r));
    const codeDiff = (a: 'o' | 'n', b: 'o' | 'n') => db.all<CodeChange>(`SELECT fiscal_year, dimension, code, any_value(title) AS title FROM ${a}_codes x
      WHERE NOT EXISTS (SELECT 1 FROM ${b}_codes y WHERE y.fiscal_year = x.fiscal_year AND y.dimension = x.dimension AND y.code = x.code)
      GROUP BY ALL ORDER BY fiscal_year, dimension, code`);
    const schoolDiff = (a: 'o' | 'n', b: 'o' | 'n') => db.all<SchoolChange>(`SELECT school_code, any_value(name) AS name FROM ${a}_schools x
      WHERE NOT EXISTS (SELECT 1 FROM ${b}_schools y WHERE y.school_code = x.school_code) GROUP BY ALL ORDER BY school_code`);
    const nonzero = (r: DiffRow) => r.change !== '0.00';
    return {
      old: info(om),
      new: info(nm),
      funds,
      programs,
      schools,
      codes: { added: await codeDiff('n', 'o'), removed: await codeDiff('o', 'n') },
      schoolList: { added: await schoolDiff('n', 'o'), removed: await schoolDiff('o', 'n') },
      largest: [...programs, ...schools].filter(nonzero).sort(byAbsChange).slice(0, LARGEST_COUNT),
      changed: { fund: funds.filter(nonzero).length, program: programs.filter(nonzero).length, school: schools.filter(nonzero).length },
    };
  } finally {
    db.close();
  }
}

function info(m: Manifest): ReleaseInfo {
  return { id: m.release, created: m.created, district: m.district?.name ?? '', fiscal_years: m.fiscal_years ?? [] };
}

export interface ListedRelease { id: string; created: string; dir: string }

/** Every release under `<dataDir>/releases/` that has a manifest, oldest first (by `created`, then id). */
export function listReleases(dataDir: string): ListedRelease[] {
  const root = path.join(dataDir, 'releases');
  if (!fs.existsSync(root)) return [];
  const out: ListedRelease[] = [];
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const dir = path.join(root, e.name);
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) continue;
    const m = readManifest(dir);
    out.push({ id: m.release, created: m.created, dir });
  }
  return out.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The release made just before `id` (by `created`), or null when `id` is the first (or not found). */
export function previousRelease(dataDir: string, id: string): ListedRelease | null {
  const all = listReleases(dataDir);
  const i = all.findIndex((r) => r.id === id);
  return i > 0 ? all[i - 1]! : null;
}

// ---------------------------------------------------------------------------------------------- markdown

/** Changed rows shown per table in the markdown; the JSON has every row. */
export const MARKDOWN_ROWS = 50;

const money = (d: string | null): string => (d === null ? '—' : formatDollarsAndCents(decimalToCents(d)));
const signed = (d: string): string => formatDollarsAndCents(decimalToCents(d), { signed: true });
const pct = (p: string | null): string => (p === null ? '—' : `${p.startsWith('-') || p === '0.0' ? '' : '+'}${p}%`);
const cell = (s: string | null): string => (s ?? '').replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');

const KIND_LABEL: Record<TotalKind, string> = { fund: 'fund', program: 'program (resource)', school: 'school' };

function rowsTable(rows: DiffRow[], withKind: boolean): string[] {
  const head = [...(withKind ? ['total'] : []), 'fiscal year', 'column', 'code', 'name', ...(rows.some((r) => r.object_class) ? ['class'] : []), 'before', 'after', 'change', '%'];
  const withClass = head.includes('class');
  const align = head.map((h) => (['before', 'after', 'change', '%'].includes(h) ? '---:' : '---'));
  const lines = [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`];
  for (const r of rows) {
    const cells = [...(withKind ? [KIND_LABEL[r.kind]] : []), r.fiscal_year, r.column_code, `\`${r.code}\``, cell(r.title), ...(withClass ? [r.object_class ?? '—'] : []), money(r.old), money(r.new), signed(r.change), pct(r.percent)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}

function changedSection(title: string, rows: DiffRow[]): string[] {
  const changed = rows.filter((r) => r.change !== '0.00');
  const out = [`### ${title}`, ''];
  if (!changed.length) return [...out, rows.length ? `No change (${rows.length} totals compared).` : 'None in either release.', ''];
  out.push(`${changed.length} of ${rows.length} totals changed${changed.length > MARKDOWN_ROWS ? `; the first ${MARKDOWN_ROWS} are shown (every row is in the JSON diff)` : ''}.`, '');
  out.push(...rowsTable(changed.slice(0, MARKDOWN_ROWS), false), '');
  return out;
}

function listSection<T>(title: string, added: T[], removed: T[], item: (x: T) => string): string[] {
  const out = [`### ${title}`, ''];
  if (!added.length && !removed.length) return [...out, 'None added or removed.', ''];
  const list = (label: string, xs: T[]) => (xs.length ? [`**${label} (${xs.length})**`, '', ...xs.slice(0, MARKDOWN_ROWS).map((x) => `- ${item(x)}`), ...(xs.length > MARKDOWN_ROWS ? [`- … and ${xs.length - MARKDOWN_ROWS} more`] : []), ''] : [`**${label}**: none`, '']);
  return [...out, ...list('Added', added), ...list('Removed', removed)];
}

/** The diff as GitHub-flavoured markdown, for the pull-request comment. */
export function formatDiffMarkdown(d: ReleaseDiff): string {
  const out: string[] = [
    `## What changed: release \`${d.old.id}\` → \`${d.new.id}\``,
    '',
    `Compared with the published release \`${d.old.id}\` (created ${d.old.created}), the new release \`${d.new.id}\` (created ${d.new.created})${d.new.district ? ` for ${cell(d.new.district)}` : ''}:`,
    '',
    `- totals changed: ${d.changed.fund} by fund, ${d.changed.program} by program, ${d.changed.school} by school`,
    `- codes: ${d.codes.added.length} added, ${d.codes.removed.length} removed`,
    `- schools: ${d.schoolList.added.length} added, ${d.schoolList.removed.length} removed`,
    '',
    'Fund and program totals are the latest submission for each fiscal year and column code, per object class; school totals are the school allocations. Amounts are exact to the cent; % is the change relative to the old total.',
    '',
    '### Largest changes',
    '',
  ];
  if (d.largest.length) out.push(...rowsTable(d.largest, true), '');
  else out.push('No program or school total changed.', '');
  out.push(...changedSection('Totals by fund', d.funds));
  out.push(...changedSection('Totals by program (resource)', d.programs));
  out.push(...changedSection('Totals by school (allocations)', d.schools));
  out.push(...listSection('Codes', d.codes.added, d.codes.removed, (c) => `${c.fiscal_year} ${c.dimension} \`${c.code}\`${c.title ? ` ${cell(c.title)}` : ''}`));
  out.push(...listSection('Schools', d.schoolList.added, d.schoolList.removed, (s) => `\`${s.school_code}\`${s.name ? ` ${cell(s.name)}` : ''}`));
  return `${out.join('\n').trimEnd()}\n`;
}

/** Markdown for when there is nothing to compare with (the first release, or sources unchanged). */
export function formatNoDiffMarkdown(releases: ListedRelease[]): string {
  const only = releases.at(-1);
  return only
    ? `## What changed\n\nOnly one release (\`${only.id}\`, created ${only.created}) is available: there is no earlier release to compare it with.\n`
    : '## What changed\n\nNo release was found.\n';
}
