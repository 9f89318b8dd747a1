/**
 * Lighthouse mobile run (issue 3, "Quality"): serves a built site folder on 127.0.0.1 and runs Lighthouse
 * with its default mobile settings (moto g-like emulation, simulated throttling) on the home page, one
 * school page and the budget page. Targets: performance ≥ 98, accessibility 100, best practices 100,
 * SEO 100. Offline: Lighthouse only audits the local page; any request that leaves 127.0.0.1 is reported.
 *
 *   node scripts/lighthouse.ts [--dist dist] [--runs 1]
 *
 * Each page gets a fresh Chromium (/usr/bin/chromium) with a fresh user-data-dir. With `--runs N` the run
 * with the median performance score is kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result as Lhr } from 'lighthouse';
import { startStaticServer } from '../src/test-support/static-server.ts';

export const CHROME_PATH = '/usr/bin/chromium';
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
/** Issue 3 targets, 0–100. */
export const TARGETS: Record<Category, number> = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 };

export interface FailedAudit {
  id: string;
  /** 0–1, as Lighthouse scores audits. */
  score: number;
  title: string;
  displayValue?: string;
}

export interface Result {
  page: 'home' | 'school' | 'budget';
  /** Path on the site, e.g. `/schools/1966225/`. */
  path: string;
  /** 0–100 per category; null when Lighthouse could not score it. */
  scores: Record<Category, number | null>;
  metrics: {
    fcpMs: number | null;
    lcpMs: number | null;
    tbtMs: number | null;
    cls: number | null;
    totalByteWeight: number | null;
  };
  /** For every category below 100: the audits in it that scored below 1. */
  failed: Partial<Record<Category, FailedAudit[]>>;
  /** Audits Lighthouse could not run (e.g. ones that need the network). */
  errored: { id: string; message: string }[];
  /** Requests that left the local server (there should be none). */
  externalRequests: string[];
  runWarnings: string[];
  runtimeError?: string;
  lighthouseVersion: string;
  formFactor: string;
  throttlingMethod: string;
}

export interface LighthouseOptions {
  /** Runs per page; the median by performance score is kept. Default 1. */
  runs?: number;
  /** Progress lines (default: to stderr). */
  log?: (line: string) => void;
}

/** The three pages audited: home, the first school page linked from /schools/, and /budget/. */
export function pagesOf(distDir: string): { page: Result['page']; path: string }[] {
  const schoolsIndex = path.join(distDir, 'schools/index.html');
  const html = fs.existsSync(schoolsIndex) ? fs.readFileSync(schoolsIndex, 'utf8') : '';
  const school = /\/schools\/\d{7}\//.exec(html)?.[0];
  if (!school) throw new Error(`no link matching /schools/<7 digits>/ in ${schoolsIndex} — build the site first (npm run build)`);
  if (!fs.existsSync(path.join(distDir, 'budget/index.html'))) throw new Error(`${distDir}/budget/index.html is missing — build the site first (npm run build)`);
  return [
    { page: 'home', path: '/' },
    { page: 'school', path: school },
    { page: 'budget', path: '/budget/' },
  ];
}

const num = (lhr: Lhr, id: string): number | null => lhr.audits[id]?.numericValue ?? null;

function summarise(lhr: Lhr, page: Result['page'], pagePath: string, origin: string): Result {
  const scores = {} as Record<Category, number | null>;
  const failed: Result['failed'] = {};
  for (const c of CATEGORIES) {
    const cat = lhr.categories[c];
    const score = cat?.score == null ? null : Math.round(cat.score * 100);
    scores[c] = score;
    if (!cat || score === 100) continue;
    const below: FailedAudit[] = [];
    for (const ref of cat.auditRefs) {
      const a = lhr.audits[ref.id];
      if (!a || a.score === null || a.score >= 1) continue;
      if (a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'informative' || a.scoreDisplayMode === 'manual') continue;
      below.push({ id: a.id, score: a.score, title: a.title, ...(a.displayValue ? { displayValue: a.displayValue } : {}) });
    }
    failed[c] = below;
  }
  const errored = Object.values(lhr.audits)
    .filter((a) => a.scoreDisplayMode === 'error')
    .map((a) => ({ id: a.id, message: a.errorMessage ?? '' }));
  const items = (lhr.audits['network-requests']?.details as { items?: { url?: string }[] } | undefined)?.items ?? [];
  const externalRequests = items
    .map((i) => i.url ?? '')
    .filter((u) => u && !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  return {
    page,
    path: pagePath,
    scores,
    metrics: {
      fcpMs: num(lhr, 'first-contentful-paint'),
      lcpMs: num(lhr, 'largest-contentful-paint'),
      tbtMs: num(lhr, 'total-blocking-time'),
      cls: num(lhr, 'cumulative-layout-shift'),
      totalByteWeight: num(lhr, 'total-byte-weight'),
    },
    failed,
    errored,
    externalRequests,
    runWarnings: lhr.runWarnings.map(String),
    ...(lhr.runtimeError ? { runtimeError: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` } : {}),
    lighthouseVersion: lhr.lighthouseVersion,
    formFactor: lhr.configSettings.formFactor,
    throttlingMethod: lhr.configSettings.throttlingMethod,
  };
}

async function auditOnce(url: string): Promise<Lhr> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-profile-'));
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, userDataDir, logLevel: 'silent' });
  try {
    // No config: Lighthouse's default (mobile) settings.
    const out = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!out) throw new Error(`Lighthouse returned no result for ${url}`);
    return out.lhr;
  } finally {
    chrome.kill();
    fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

export async function runLighthouse(distDir: string, options: LighthouseOptions = {}): Promise<Result[]> {
  const runs = Math.max(1, options.runs ?? 1);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = path.resolve(distDir);
  const pages = pagesOf(dir);
  const server = await startStaticServer(dir);
  const results: Result[] = [];
  try {
    for (const p of pages) {
      const all: Result[] = [];
      for (let i = 0; i < runs; i++) {
        log(`[lighthouse] ${p.page} ${p.path}${runs > 1 ? ` (run ${i + 1}/${runs})` : ''}…`);
        all.push(summarise(await auditOnce(server.origin + p.path), p.page, p.path, server.origin));
      }
      all.sort((a, b) => (a.scores.performance ?? -1) - (b.scores.performance ?? -1));
      results.push(all[Math.floor((all.length - 1) / 2)]!);
    }
  } finally {
    await server.close();
  }
  return results;
}

const fmt = (v: number | null, f: (n: number) => string): string => (v === null ? '—' : f(v));

/** A plain-text table of the scores and metrics, then the failed audits and anything unexpected. */
export function formatLighthouse(results: Result[]): string {
  const first = results[0];
  const lines: string[] = [];
  lines.push(
    `\nLighthouse ${first?.lighthouseVersion ?? ''} (${first?.formFactor ?? 'mobile'}, ${first?.throttlingMethod ?? 'simulate'} throttling)` +
      `  targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, best practices ${TARGETS['best-practices']}, SEO ${TARGETS.seo}`,
  );
  const header = ['page', 'perf', 'a11y', 'best pr.', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'bytes'];
  const rows = results.map((r) => {
    const s = (c: Category) => fmt(r.scores[c], (n) => `${n}${n >= TARGETS[c] ? '' : ' ✗'}`);
    return [
      `${r.page} ${r.path}`,
      s('performance'),
      s('accessibility'),
      s('best-practices'),
      s('seo'),
      fmt(r.metrics.fcpMs, (n) => `${(n / 1000).toFixed(2)} s`),
      fmt(r.metrics.lcpMs, (n) => `${(n / 1000).toFixed(2)} s`),
      fmt(r.metrics.tbtMs, (n) => `${Math.round(n)} ms`),
      fmt(r.metrics.cls, (n) => n.toFixed(3)),
      fmt(r.metrics.totalByteWeight, (n) => `${(n / 1024).toFixed(1)} KiB`),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  lines.push(line(header));
  for (const r of rows) lines.push(line(r));
  for (const r of results) {
    for (const c of CATEGORIES) {
      const f = r.failed[c];
      if (f && f.length) {
        lines.push(`  ${r.page} ${c} < 100: ${f.map((a) => `${a.id} (${a.score.toFixed(2)}${a.displayValue ? `, ${a.displayValue}` : ''})`).join(', ')}`);
      }
    }
    if (r.errored.length) lines.push(`  ${r.page} audits that errored: ${r.errored.map((e) => `${e.id} (${e.message})`).join('; ')}`);
    if (r.externalRequests.length) lines.push(`  ${r.page} requests off 127.0.0.1: ${r.externalRequests.join(', ')}`);
    if (r.runtimeError) lines.push(`  ${r.page} runtime error: ${r.runtimeError}`);
    for (const w of r.runWarnings) lines.push(`  ${r.page} warning: ${w}`);
  }
  const missed = results.flatMap((r) => CATEGORIES.filter((c) => (r.scores[c] ?? -1) < TARGETS[c]).map((c) => `${r.page} ${c}`));
  lines.push(missed.length ? `  below target: ${missed.join(', ')}` : '  all targets met');
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, runs: { type: 'string', default: '1' }, json: { type: 'boolean', default: false } } });
  const results = await runLighthouse(values.dist, { runs: Number(values.runs) });
  console.log(values.json ? JSON.stringify(results, null, 2) : formatLighthouse(results));
}
