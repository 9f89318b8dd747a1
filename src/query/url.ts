/**
 * The view spec in the URL: `?r=<release>&m=amount&by=fund,object_group&f.fiscal_year=2024-25&f.column_code=BA`.
 * Short keys, defaults left out, keys in a fixed order, so one view has one URL. Decoding never throws:
 * anything invalid or hostile gives the default view (on the same release when `r` itself is valid) and
 * messages saying what was ignored. No Node APIs.
 */
import { DIMENSIONS, defaultSpec, parseSpec, show, type Dimension, type ViewSpec } from './spec.ts';

export const MAX_QUERY_LENGTH = 4000;
export const MAX_PARAM_LENGTH = 1000;
const RELEASE_RE = /^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/;

export interface DecodeResult {
  spec: ViewSpec;
  /** Empty when the URL described a valid view exactly. */
  messages: string[];
  /** True when the URL's view was replaced by the default view. */
  usedDefault: boolean;
}

/** Spec → search params (without `?`). */
export function encodeSpec(spec: ViewSpec): string {
  const p = new URLSearchParams();
  if (spec.release) p.set('r', spec.release);
  if (spec.table !== 'line_items') p.set('t', spec.table);
  p.set('m', spec.measure);
  if (spec.by.length) p.set('by', spec.by.join(','));
  for (const d of DIMENSIONS) {
    const v = spec.filters[d];
    if (v?.length) p.set(`f.${d}`, v.join(','));
  }
  if (!spec.latestOnly) p.set('all', '1');
  if (spec.compare !== 'none') p.set('cmp', spec.compare);
  if (spec.chart !== 'bar') p.set('c', spec.chart);
  // Commas, dots and spaces stay readable.
  return p.toString().replaceAll('%2C', ',');
}

/** Search params (a string with or without `?`, or URLSearchParams) → spec and messages. Never throws. */
export function decodeSpec(input: string | URLSearchParams): DecodeResult {
  try {
    return decode(input);
  } catch {
    return { spec: defaultSpec(), messages: ['The link could not be read; showing the default view.'], usedDefault: true };
  }
}

function decode(input: string | URLSearchParams): DecodeResult {
  const messages: string[] = [];
  // Problems with the view's own parameters replace it with the default view; unknown extra parameters
  // (tracking tags and the like) are only reported.
  let fatal = false;
  const text = typeof input === 'string' ? input.replace(/^\?/, '') : input.toString();
  if (text.length > MAX_QUERY_LENGTH) {
    return { spec: defaultSpec(), messages: [`The link's parameters are too long (${text.length} characters, at most ${MAX_QUERY_LENGTH}); showing the default view.`], usedDefault: true };
  }
  const params = typeof input === 'string' ? new URLSearchParams(text) : input;

  // The release first, so that a broken view still stays on the release the link named.
  let release: string | null = null;
  const rs = params.getAll('r');
  if (rs.length > 1) { fatal = true; messages.push('Parameter r is given more than once.'); }
  else if (rs.length === 1) {
    const r = rs[0] ?? '';
    if (RELEASE_RE.test(r)) release = r;
    else { fatal = true; messages.push(`Parameter r: expected a release id such as 2026-11-26-67e59df2, found ${show(r)}.`); }
  }

  const raw: Record<string, unknown> = { release };
  const filters: Record<string, string[]> = {};
  const seen = new Set<string>();
  const simple: Record<string, string> = { t: 'table', m: 'measure', cmp: 'compare', c: 'chart' };
  for (const [key, value] of params) {
    if (key === 'r') continue;
    const ours = key in simple || key === 'by' || key === 'all' || key.startsWith('f.');
    if (ours && seen.has(key)) { fatal = true; messages.push(`Parameter ${show(key)} is given more than once.`); continue; }
    if (ours) seen.add(key);
    if (value.length > MAX_PARAM_LENGTH) { fatal ||= ours; messages.push(`Parameter ${show(key)} is too long (${value.length} characters).`); continue; }
    const field = simple[key];
    if (field !== undefined) raw[field] = value;
    else if (key === 'by') raw.by = value === '' ? [] : value.split(',');
    else if (key === 'all') {
      if (value === '1') raw.latestOnly = false;
      else if (value === '0') raw.latestOnly = true;
      else { fatal = true; messages.push(`Parameter all: expected 1 (every submission) or 0, found ${show(value)}.`); }
    } else if (key.startsWith('f.')) {
      const d = key.slice(2);
      if (!(DIMENSIONS as readonly string[]).includes(d)) { fatal = true; messages.push(`Filter on unknown dimension ${show(d)}.`); continue; }
      filters[d as Dimension] = value.split(',');
    } else messages.push(`Unknown parameter ${show(key)} was ignored.`);
  }
  if (Object.keys(filters).length) raw.filters = filters;
  // A link that names no view (only a release, or nothing we know) shows the default view.
  if (!fatal && seen.size === 0) {
    return { spec: defaultSpec(release), messages: messages.length ? [...messages, 'Showing the default view.'] : [], usedDefault: messages.length > 0 };
  }

  const parsed = parseSpec(raw);
  if (parsed.ok && !fatal) return { spec: parsed.spec, messages, usedDefault: false };
  if (!parsed.ok) messages.push(...parsed.errors.map((e) => `${e}.`));
  messages.push('Showing the default view.');
  return { spec: defaultSpec(release), messages, usedDefault: true };
}
