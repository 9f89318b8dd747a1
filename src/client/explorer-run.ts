/**
 * The Explorer's engine side, loaded when the reader starts exploring (explorer-boot.ts): opens the
 * shared browser database (db.ts) on the view's release with visible progress, fetches only the files
 * the view needs, runs the compiled query, and renders the chart (Observable Plot), its text alternative,
 * the sortable table and the permalink; downloads of the view and of its underlying lines (CSV, Parquet,
 * JSON, each with a data dictionary and citation). Errors leave the pre-rendered view in place and say why.
 */
import * as Plot from '@observablehq/plot';
import { DatabaseError, getDatabase, type BrowserDb, type Progress } from './db.ts';
import { compileRowCount, compileRows, compileSpec, typedSelect, type Compiled } from '../query/compile.ts';
import { tablesFor, textAlternative, viewTitle, type Row, type T, type ValueNames } from '../query/describe.ts';
import { encodeSpec } from '../query/url.ts';
import type { ViewSpec } from '../query/spec.ts';
import { chartPoints, legendItems, viewChart } from './chart.ts';
import { esc, resultHtml, tableHtml, type ResultView, type Sort } from './result-html.ts';
import { toCsv } from './csv.ts';
import { dataPackage, permalink, type Citation, type DownloadFile } from '../query/dictionary.ts';
import { makeTranslator } from '../i18n/translate.ts';
import { formatters, type Formatters } from '../i18n/format.ts';

export interface RunContext {
  /** The release the page was built from (its pre-rendered view). */
  buildRelease: string;
}

interface State {
  key: string;
  spec: ViewSpec;
  db: BrowserDb;
  compiled: Compiled;
  rows: Row[];
  truncated: boolean;
  names: ValueNames;
  sort: Sort | null;
  ms: number;
}

const states = new WeakMap<HTMLElement, State>();
const databases = new Map<string, Promise<BrowserDb>>();
let generation = 0;

const CODE_DIMENSIONS = ['fund', 'resource', 'goal', 'function', 'object'];

function translator(root: HTMLElement): { t: T; fmt: Formatters } {
  const messages = JSON.parse(root.querySelector('script[data-explorer-messages]')?.textContent ?? '{}') as Record<string, string>;
  const locale = document.documentElement.lang || 'en';
  return { t: makeTranslator(locale, messages), fmt: formatters(locale) };
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

function ui(root: HTMLElement) {
  const status = root.querySelector<HTMLElement>('[data-explorer-status]');
  const error = root.querySelector<HTMLElement>('[data-error]');
  const bar = root.querySelector<HTMLProgressElement>('progress[data-progress]');
  return {
    say(text: string) {
      if (status) status.textContent = text;
    },
    fail(html: string) {
      if (!error) return;
      error.innerHTML = html;
      error.hidden = html === '';
    },
    progress(p: Progress | null, t: T) {
      if (!bar) return;
      if (!p) {
        bar.hidden = true;
        return;
      }
      bar.hidden = false;
      if (p.total) {
        bar.max = p.total;
        bar.value = Math.min(p.loaded, p.total);
      } else bar.removeAttribute('value');
      const vars = { done: mb(p.loaded), total: p.total ? mb(p.total) : '?' };
      if (status) status.textContent = t(p.phase === 'engine' ? 'explorer.loadingEngine' : 'explorer.loadingData', vars);
    },
    busy(on: boolean) {
      root.toggleAttribute('data-busy', on);
      root.querySelector('[data-result]')?.setAttribute('aria-busy', String(on));
    },
  };
}

function openDb(release: string | null, onProgress: (p: Progress) => void): Promise<BrowserDb> {
  const key = release ?? '';
  let p = databases.get(key);
  if (!p) {
    p = getDatabase({ release, onProgress });
    databases.set(key, p);
    p.then(
      (db) => {
        if (!release) databases.set(db.release, p!);
      },
      () => databases.delete(key),
    );
  }
  return p;
}

/** Titles of the codes and names of the schools a result shows ("fund:01" → "General Fund"). */
async function valueNames(db: BrowserDb, spec: ViewSpec): Promise<ValueNames> {
  const names = new Map<string, string>();
  const dims = spec.by.filter((d) => CODE_DIMENSIONS.includes(d));
  if (dims.length) {
    const rows = await db.query(
      `SELECT dimension, code, arg_max(title, fiscal_year) AS title FROM codes WHERE dimension IN (${dims.map(() => '?').join(', ')}) GROUP BY 1, 2`,
      dims,
    );
    for (const r of rows) names.set(`${String(r.dimension)}:${String(r.code)}`, String(r.title ?? ''));
  }
  if (spec.by.includes('school_code') || spec.compare === 'similar_schools') {
    for (const r of await db.query('SELECT school_code, name FROM schools')) names.set(`school_code:${String(r.school_code)}`, String(r.name ?? ''));
  }
  return names;
}

function explain(e: unknown, t: T, spec: ViewSpec): string {
  if (e instanceof DatabaseError) {
    switch (e.kind) {
      case 'unsupported':
        return esc(t('explorer.unsupported', { detail: e.message }));
      case 'engine':
        return esc(t('explorer.engineFailed', { detail: e.message }));
      case 'release-gone': {
        const href = `?${encodeSpec({ ...spec, release: null })}`;
        return `${esc(t('explorer.releaseGone', { release: spec.release ?? '' }))} <a href="${esc(href)}">${esc(t('explorer.openCurrent'))}</a>`;
      }
      case 'data':
        return esc(t('explorer.dataFailed', { detail: e.message }));
      case 'aborted':
        return '';
      default:
        return esc(t('explorer.queryFailed', { detail: e.message }));
    }
  }
  return esc(t('explorer.queryFailed', { detail: e instanceof Error ? e.message : String(e) }));
}

/** Computes a view and shows it. A newer call supersedes an older one still loading. */
export async function run(root: HTMLElement, spec: ViewSpec, ctx: RunContext): Promise<State | null> {
  const mine = ++generation;
  const { t, fmt } = translator(root);
  const u = ui(root);
  u.busy(true);
  u.fail('');
  const onProgress = (p: Progress) => {
    if (mine === generation) u.progress(p, t);
  };
  try {
    const db = await openDb(spec.release, onProgress);
    if (mine !== generation) return null;
    const tables = tablesFor(spec, db.manifest.fiscal_years);
    if (spec.by.some((d) => CODE_DIMENSIONS.includes(d))) tables.push({ table: 'codes' });
    if ((spec.by.includes('school_code') || spec.compare === 'similar_schools') && !tables.some((x) => x.table === 'schools')) tables.push({ table: 'schools' });
    await db.ensureTables(tables, { onProgress });
    if (mine !== generation) return null;
    u.progress(null, t);
    u.say(t('explorer.running'));
    const compiled = compileSpec(spec);
    const t0 = performance.now();
    let rows = await db.query(compiled.sql, compiled.params);
    const names = await valueNames(db, spec);
    const ms = Math.round(performance.now() - t0);
    if (mine !== generation) return null;
    const truncated = rows.length > compiled.limit;
    if (truncated) rows = rows.slice(0, compiled.limit);
    // The address names the release from now on: the link shows the same numbers years later.
    const pinned: ViewSpec = { ...spec, release: db.release };
    const query = encodeSpec(pinned);
    if (location.search.replace(/^\?/, '') !== query) history.replaceState(null, '', `${location.pathname}?${query}${location.hash}`);
    const state: State = { key: query, spec: pinned, db, compiled, rows, truncated, names, sort: null, ms };
    states.set(root, state);
    render(root, state, t, fmt);
    notes(root, state, ctx, t, fmt);
    u.say(t('explorer.ready', { title: viewTitle(spec, t), rows: fmt.count(rows.length), ms }));
    root.dispatchEvent(new CustomEvent('explorer:result', { detail: { spec: pinned, rows: rows.length, ms }, bubbles: true }));
    return state;
  } catch (e) {
    if (mine !== generation) return null;
    u.progress(null, t);
    const html = explain(e, t, spec);
    u.fail(html);
    u.say('');
    root.dispatchEvent(new CustomEvent('explorer:error', { detail: { kind: e instanceof DatabaseError ? e.kind : 'query', message: e instanceof Error ? e.message : String(e) }, bubbles: true }));
    return null;
  } finally {
    if (mine === generation) u.busy(false);
  }
}

function view(state: State, t: T, fmt: Formatters, svg: string, alt: string, chartNote: string): ResultView {
  return {
    spec: state.spec, compiled: state.compiled, rows: state.rows, truncated: state.truncated, release: state.db.release,
    t, fmt, names: state.names, svg, alt, chartNote, sort: state.sort,
    legend: legendItems(state.spec, { rows: state.rows, columns: state.compiled.columns }, t, state.names),
  };
}

function render(root: HTMLElement, state: State, t: T, fmt: Formatters): void {
  const target = root.querySelector<HTMLElement>('[data-result]');
  if (!target) return;
  const result = { rows: state.rows, columns: state.compiled.columns };
  const alt = textAlternative(state.spec, result, t, fmt, state.names);
  const width = Math.max(300, Math.min(target.clientWidth || 640, 960));
  const svg = viewChart(Plot, state.spec, result, { document, width, t, fmt, names: state.names, id: 'explorer-chart', alt });
  const { categories, shown } = chartPoints(state.spec, result, t, state.names);
  const chartNote = svg && categories > shown ? t('explorer.chartTop', { n: shown, total: categories }) : '';
  target.innerHTML = resultHtml(view(state, t, fmt, svg ? svg.outerHTML : '', alt, chartNote));
  target.dataset.view = state.key;
  target.removeAttribute('data-prerendered');
  if (!target.dataset.sortable) {
    target.dataset.sortable = '1';
    target.addEventListener('click', (ev) => {
      const button = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-sort]');
      const s = states.get(root);
      if (!button || !s) return;
      const column = button.dataset.sort ?? '';
      s.sort = s.sort?.column === column ? { column, descending: !s.sort.descending } : { column, descending: false };
      const wrap = target.querySelector('.table-scroll');
      if (wrap) wrap.outerHTML = tableHtml(view(s, t, fmt, '', '', ''));
      target.querySelector<HTMLButtonElement>(`button[data-sort="${CSS.escape(column)}"]`)?.focus();
    });
  }
}

function notes(root: HTMLElement, state: State, ctx: RunContext, t: T, fmt: Formatters): void {
  const link = root.querySelector<HTMLElement>('[data-permalink]');
  const url = permalink(location.href, state.spec, state.db.release);
  if (link) {
    const a = link.querySelector<HTMLAnchorElement>('a');
    if (a) a.href = url;
    const input = link.querySelector<HTMLInputElement>('input');
    if (input) input.value = url;
    link.hidden = false;
  }
  const older = root.querySelector<HTMLElement>('[data-release-note]');
  if (older) {
    const current = ctx.buildRelease;
    if (current && state.db.release !== current) {
      const href = `?${encodeSpec({ ...state.spec, release: null })}`;
      older.innerHTML = `${esc(t('explorer.releaseOlder', { release: state.db.release, date: fmt.date(state.db.manifest.created), current }))} <a href="${esc(href)}">${esc(t('explorer.openCurrent'))}</a>`;
      older.hidden = false;
    } else older.hidden = true;
  }
}

// ------------------------------------------------------------------------------------------------
// Downloads.

function save(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function citation(state: State): Citation {
  const m = state.db.manifest;
  return {
    district: m.district.name,
    sample: Boolean(m.district.sample),
    release: state.db.release,
    published: m.created,
    url: permalink(location.href, state.spec, state.db.release),
    retrieved: new Date().toISOString(),
  };
}

/**
 * One download: `view.csv`, `view.excel.csv` (with a byte-order mark), `view.parquet`, `view.json`,
 * `view.datapackage.json`, and the same for `rows.*` (the underlying lines, at most MAX_UNDERLYING_ROWS).
 */
export async function download(root: HTMLElement, spec: ViewSpec, what: string, ctx: RunContext): Promise<void> {
  const { t, fmt } = translator(root);
  const u = ui(root);
  let state = states.get(root);
  if (!state || encodeSpec({ ...state.spec, release: null }) !== encodeSpec({ ...spec, release: null })) {
    state = (await run(root, spec, ctx)) ?? undefined;
    if (!state) return;
  }
  const m = /^(view|rows)\.(csv|excel\.csv|parquet|json|datapackage\.json)$/.exec(what);
  if (!m) return;
  const [, kind, format] = m as unknown as [string, 'view' | 'rows', string];
  u.say(t('explorer.downloadPreparing'));
  u.busy(true);
  try {
    const base = `school-budget-${state.db.release}-${kind === 'view' ? 'view' : 'lines'}`;
    let compiled: Compiled = state.compiled;
    let rows = state.rows;
    let truncated = state.truncated;
    if (kind === 'rows') {
      compiled = compileRows(state.spec);
      if (format !== 'parquet') {
        rows = await state.db.query(compiled.sql, compiled.params);
        truncated = rows.length > compiled.limit;
        if (truncated) rows = rows.slice(0, compiled.limit);
      } else {
        const count = compileRowCount(state.spec);
        const [n] = await state.db.query(count.sql, count.params);
        truncated = Number(n?.n ?? 0) > compiled.limit;
        rows = [];
      }
      if (truncated) {
        const count = compileRowCount(state.spec);
        const [n] = await state.db.query(count.sql, count.params);
        u.say(t('explorer.downloadRowsCapped', { count: fmt.count(Number(n?.n ?? 0)), limit: fmt.count(compiled.limit) }));
      }
    }
    const columns = compiled.columns.map((c) => c.name);
    const files: DownloadFile[] = [
      { name: `${base}.csv`, format: 'csv' },
      { name: `${base}.parquet`, format: 'parquet' },
      { name: `${base}.json`, format: 'json' },
    ];
    const pkg = () =>
      dataPackage({ spec: state!.spec, compiled, kind, files, rows: rows.length || compiled.limit, truncated, citation: citation(state!) });
    if (format === 'csv' || format === 'excel.csv') {
      save(format === 'csv' ? `${base}.csv` : `${base}-excel.csv`, toCsv(columns, rows, { bom: format === 'excel.csv' }), 'text/csv;charset=utf-8');
    } else if (format === 'json') {
      const p = pkg();
      save(`${base}.json`, JSON.stringify({ citation: p.citation, release: state.db.release, view: p.explorer, dictionary: (p.resources as { schema: unknown }[])[0]?.schema, rows }, null, 1), 'application/json');
    } else if (format === 'parquet') {
      const limited = { ...compiled, sql: compiled.sql.replace(/\nLIMIT \d+$/, `\nLIMIT ${compiled.limit}`) };
      const bytes = await state.db.queryToParquet(typedSelect(limited), compiled.params);
      save(`${base}.parquet`, new Uint8Array(bytes) as Uint8Array<ArrayBuffer>, 'application/vnd.apache.parquet');
    } else {
      save(`${base}.datapackage.json`, JSON.stringify(pkg(), null, 2), 'application/json');
    }
    if (!truncated) u.say('');
  } catch (e) {
    u.fail(explain(e, t, spec));
  } finally {
    u.busy(false);
  }
}
