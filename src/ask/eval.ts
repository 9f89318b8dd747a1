/**
 * Ask's evaluation (Node): every question of src/ask/eval/questions.json against a built release, each
 * answer checked against figures computed from the same release by the case's own hand-written SQL (never
 * through the engine or the query compiler). A question passes when the answer has the expected status
 * and, for answers, every expected figure exactly (decimals compared as numbers: "12.30" = "12.3");
 * definitions must come from the expected glossary entry or Ask's own definition; "declined" means Ask
 * said it was unsure or that the release has no such figures, and gave no number.
 * Used by scripts/eval-ask.ts and by the accuracy floor test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ask, type Answer } from './engine.ts';
import { buildLexicon, loadLexiconData } from './lexicon.ts';
import { openRelease, readMessages, termSources } from './node.ts';


export const QUESTIONS_FILE = path.resolve(import.meta.dirname, 'eval/questions.json');

export interface EvalQuestion {
  locale: string;
  q: string;
}

export interface EvalCase {
  id: string;
  expect: { status: 'answered' | 'definition' | 'declined'; sql?: string; topic?: string };
  questions: EvalQuestion[];
}

export interface EvalSet {
  fragments: Record<string, string>;
  bindings: Record<string, string>;
  cases: EvalCase[];
}

export interface EvalResult {
  caseId: string;
  locale: string;
  question: string;
  pass: boolean;
  /** Why it failed (empty when it passed). */
  reasons: string[];
  answer: Pick<Answer, 'status' | 'kind' | 'sentence' | 'numbers' | 'understood'>;
  expected: Record<string, string | null>;
}

export interface EvalReport {
  release: string;
  total: number;
  passed: number;
  accuracy: number;
  byLocale: Record<string, { total: number; passed: number }>;
  skippedCases: string[];
  results: EvalResult[];
}

export function readEvalSet(file = QUESTIONS_FILE): EvalSet {
  return JSON.parse(readFileSync(file, 'utf8')) as EvalSet;
}

/** "12.30" → "12.3", "-0.50" → "-0.5", "7.00" → "7": decimals compared by value. */
export function canonicalDecimal(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
  let [whole = '0', frac = ''] = s.replace(/^-/, '').split('.');
  whole = whole.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const neg = s.startsWith('-') && (whole !== '0' || frac !== '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Two letters swapped in the longest word of 6+ letters (deterministic), for misspelling questions. */
export function misspell(name: string): string {
  const ws = name.split(' ');
  let best = -1;
  for (let i = 0; i < ws.length; i++) if (/^\p{L}{6,}$/u.test(ws[i]!) && (best < 0 || ws[i]!.length > ws[best]!.length)) best = i;
  if (best < 0) return name;
  const w = ws[best]!;
  ws[best] = w.slice(0, 3) + w[4] + w[3] + w.slice(5);
  return ws.join(' ');
}

function fill(text: string, values: Record<string, string>, fragments: Record<string, string>): string | null {
  let out = text.replace(/\$\{([A-Z_0-9]+)\}/g, (m, k: string) => fragments[k] ?? m);
  let missing = false;
  out = out.replace(/\{\{([A-Za-z0-9]+)\}\}/g, (m, k: string) => {
    const v = values[k];
    if (v === undefined) { missing = true; return m; }
    return v;
  });
  return missing ? null : out;
}

const sqlText = (v: string) => v.replaceAll("'", "''");

/** Runs the evaluation on a release folder (data folder with current.json, or a release folder). */
export async function runEval(dir: string, set: EvalSet = readEvalSet()): Promise<EvalReport> {
  const release = await openRelease(dir);
  try {
    const data = await loadLexiconData(release.run, release.release);
    const locales = [...new Set(set.cases.flatMap((c) => c.questions.map((q) => q.locale)))];
    const options = new Map(locales.map((locale) => [locale, {
      locale, messages: readMessages(locale), fallback: readMessages('en'), lexicon: buildLexicon(data, termSources(locale)), run: release.run,
    }]));

    // Bindings: values for questions (as written) and for SQL (quotes doubled).
    const plain: Record<string, string> = {};
    for (const [name, sql] of Object.entries(set.bindings)) {
      const q = fill(sql, {}, set.fragments);
      if (!q) continue;
      const rows = await release.run(q);
      const v = rows[0]?.v;
      if (v === null || v === undefined) continue;
      plain[name] = String(v);
      plain[`${name}Typo`] = misspell(String(v));
    }
    const forSql = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, sqlText(v)]));

    const results: EvalResult[] = [];
    const skippedCases: string[] = [];
    for (const c of set.cases) {
      let expected: Record<string, string | null> = {};
      if (c.expect.sql) {
        const sql = fill(c.expect.sql, forSql, set.fragments);
        if (!sql) { skippedCases.push(c.id); continue; }
        const rows = await release.run(sql);
        const row = rows[0] ?? {};
        expected = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]));
      }
      const questions = c.questions.map((q) => ({ ...q, filled: fill(q.q, plain, set.fragments) }));
      if (questions.some((q) => q.filled === null)) { skippedCases.push(c.id); continue; }
      for (const q of questions) {
        const a = await ask(q.filled!, options.get(q.locale)!);
        const reasons = check(c, a, expected);
        results.push({
          caseId: c.id, locale: q.locale, question: q.filled!, pass: reasons.length === 0, reasons,
          answer: { status: a.status, kind: a.kind, sentence: a.sentence, numbers: a.numbers, understood: a.understood }, expected,
        });
      }
    }
    const passed = results.filter((r) => r.pass).length;
    const byLocale: EvalReport['byLocale'] = {};
    for (const r of results) {
      const b = (byLocale[r.locale] ??= { total: 0, passed: 0 });
      b.total++;
      if (r.pass) b.passed++;
    }
    return { release: release.release, total: results.length, passed, accuracy: results.length ? passed / results.length : 0, byLocale, skippedCases, results };
  } finally {
    release.close();
  }
}

function check(c: EvalCase, a: Answer, expected: Record<string, string | null>): string[] {
  const reasons: string[] = [];
  const want = c.expect.status;
  if (want === 'declined') {
    if (a.status !== 'unsure' && a.status !== 'no_data') reasons.push(`expected Ask to decline, got ${a.status}`);
    if (Object.keys(a.numbers).length) reasons.push('a declined answer must carry no numbers');
    return reasons;
  }
  if (a.status !== want) {
    reasons.push(`expected status ${want}, got ${a.status}`);
    return reasons;
  }
  if (want === 'definition') {
    const topics = (c.expect.topic ?? '').split('|');
    if (!topics.some((t) => a.source === `glossary.${t}.definition` || a.source === `ask.define.${t}`)) reasons.push(`expected a definition of ${c.expect.topic}, got ${a.source}`);
    return reasons;
  }
  for (const [k, v] of Object.entries(expected)) {
    const got = a.numbers[k];
    if (v === null) { reasons.push(`expected SQL returned no ${k}`); continue; }
    if (k === 'top') {
      if ((got ?? '') !== v) reasons.push(`${k}: expected ${v}, got ${got ?? '(none)'}`);
      continue;
    }
    if (canonicalDecimal(got) !== canonicalDecimal(v)) reasons.push(`${k}: expected ${v}, got ${got ?? '(none)'}`);
  }
  return reasons;
}

/** A plain-text report: accuracy, per locale, and every failure with what was expected. */
export function formatReport(r: EvalReport): string {
  const pct = (p: number, t: number) => (t ? `${((100 * p) / t).toFixed(1)}%` : '—');
  const lines = [
    `Ask evaluation on release ${r.release}`,
    `Accuracy: ${r.passed}/${r.total} = ${pct(r.passed, r.total)}`,
    ...Object.entries(r.byLocale).map(([l, b]) => `  ${l}: ${b.passed}/${b.total} = ${pct(b.passed, b.total)}`),
  ];
  if (r.skippedCases.length) lines.push(`Skipped (bindings empty on this release): ${r.skippedCases.join(', ')}`);
  const failures = r.results.filter((x) => !x.pass);
  if (failures.length) {
    lines.push('', `Failures (${failures.length}):`);
    for (const f of failures) {
      lines.push(`- [${f.caseId}] (${f.locale}) ${f.question}`);
      for (const reason of f.reasons) lines.push(`    ${reason}`);
      lines.push(`    answer (${f.answer.status}/${f.answer.kind}): ${f.answer.sentence}`);
    }
  }
  return lines.join('\n');
}


