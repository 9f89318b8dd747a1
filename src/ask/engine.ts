/**
 * Ask's engine: question → intent (parse.ts) → view spec (plan.ts) → SQL (the query layer's compiler) →
 * rows from `run` → one plain sentence with the number, a small table, what it understood, the query,
 * and the Explorer permalink. It never makes a number up: every figure in an answer is a value of the
 * query's result, formatted; when the question is not understood, or the release cannot answer it, the
 * answer says so and offers the closest questions it can answer (each checked by parsing it again).
 * Engine-agnostic: `run` is native DuckDB in Node (scripts/ask.ts) and DuckDB-WASM in the browser.
 * No Node APIs.
 */
import { compileSpec } from '../query/compile.ts';
import { encodeSpec } from '../query/url.ts';
import { previousFiscalYear, type Dimension, type ViewSpec } from '../query/spec.ts';
import { formatters, type Formatters } from '../i18n/format.ts';
import { makeTranslator, type Messages, type Vars } from '../i18n/translate.ts';
import { parseCents, divRound } from '../site/money.ts';
import { GLOSSARY_ALIASES } from './concepts.ts';
import type { Lexicon, Run } from './lexicon.ts';
import { parseQuestion, type Column, type Intent, type Subject } from './parse.ts';
import { planQuestion, type Plan, type Problem, type ResolvedSubject } from './plan.ts';
import { normalize } from './text.ts';

export type AnswerStatus = 'answered' | 'definition' | 'no_data' | 'unsure';

export interface AnswerTable {
  caption: string;
  columns: { key: string; label: string; numeric: boolean }[];
  rows: string[][];
  /** Bar lengths for a small chart (approximate numbers, never shown as text), one per row; null: no chart. */
  bars: number[] | null;
  /** 'line' when the rows are years in order. */
  chart: 'bar' | 'line' | 'none';
}

export interface Answer {
  question: string;
  locale: string;
  status: AnswerStatus;
  kind: Intent['kind'];
  /** One plain sentence (with the number when there is one). */
  sentence: string;
  /** What Ask understood, item by item ("Special education = goals 5000–5999", "2024-25", "unaudited actuals"). */
  understood: string[];
  spec: ViewSpec | null;
  sql: string | null;
  params: (string | boolean)[];
  /** The figures of the answer as exact strings (decimals as the query returned them). */
  numbers: Record<string, string>;
  table: AnswerTable | null;
  /** The Explorer's query string for the same view (without "?"); null when there is no view. */
  explorer: string | null;
  /** Closest questions Ask can answer (when unsure, or to go further). */
  suggestions: string[];
  /** Where a definition came from (a glossary key or ask.define.*). */
  source?: string;
  /** The glossary entry a definition came from (its id, for a link to the glossary page). */
  glossary?: string | null;
}

export interface AskOptions {
  /** Locale of the answer ("en", "es", …). */
  locale: string;
  /** Messages of the answer's locale (flat, `ask.`-prefixed keys; glossary keys too when present). */
  messages: Messages;
  /** English messages, the fallback for any key the locale lacks. */
  fallback: Messages;
  lexicon: Lexicon;
  run: Run;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

interface Ctx {
  t: (key: string, vars?: Vars) => string;
  has: (key: string) => boolean;
  f: Formatters;
  lex: Lexicon;
  locale: string;
}

function context(o: AskOptions): Ctx {
  const t = makeTranslator(o.locale, o.messages, o.fallback);
  return {
    t,
    has: (key) => key in o.messages || key in o.fallback,
    f: formatters(o.locale),
    lex: o.lexicon,
    locale: o.locale,
  };
}

function listJoin(ctx: Ctx, items: string[]): string {
  try {
    return new Intl.ListFormat(ctx.locale, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

const cents = (v: unknown): bigint | null => (v === null || v === undefined || v === '' ? null : parseCents(String(v)));

// ---------------------------------------------------------------------------------------------------
// Labels

function displayPhrase(title: string, phrase: string): string {
  const want = phrase.split(' ');
  const original = title.split(/[\s(),:;/]+/).filter(Boolean);
  const out: string[] = [];
  let from = 0;
  for (const w of want) {
    const at = original.findIndex((o, i) => i >= from && normalize(o) === w);
    if (at < 0) return phrase;
    out.push(original[at]!);
    from = at + 1;
  }
  return out.join(' ');
}

function subjectLabel(ctx: Ctx, s: Subject): string {
  if (s.kind === 'concept') return ctx.t(`ask.label.${s.id}`);
  if (s.codes.length === 1) return ctx.lex.title(s.dimension, s.codes[0]!) ?? s.codes[0]!;
  const first = ctx.lex.title(s.dimension, s.codes[0]!) ?? '';
  return displayPhrase(first, s.phrase);
}

function subjectsLabel(ctx: Ctx, subjects: Subject[]): string | null {
  if (!subjects.length) return null;
  return listJoin(ctx, subjects.map((s) => subjectLabel(ctx, s)));
}

function groupLabel(ctx: Ctx, group: string): string {
  const key = `ask.group.${camel(group)}`;
  return ctx.has(key) ? ctx.t(key) : group.replace(/_/g, ' ');
}

function codesDescription(ctx: Ctx, r: ResolvedSubject): string {
  if (r.dimension === 'restricted') return ctx.t(r.codes[0] === 'true' ? 'ask.codes.restricted' : 'ask.codes.unrestricted');
  if (r.dimension === 'object_group') return ctx.t('ask.codes.groups', { groups: listJoin(ctx, r.codes.map((g) => groupLabel(ctx, g))) });
  const n = r.range ? 2 : r.codes.length;
  const dim = ctx.t(`ask.dim.${camel(r.dimension)}`, { count: n });
  if (r.range) return ctx.t('ask.codes.range', { dim, lo: r.range[0], hi: r.range[1] });
  return ctx.t('ask.codes.list', { dim, codes: r.codes.join(', ') });
}

function valueLabel(ctx: Ctx, dim: Dimension, value: unknown): string {
  const v = value === null || value === undefined ? '' : String(value);
  if (v === '') return ctx.t('ask.table.none');
  switch (dim) {
    case 'fiscal_year': return ctx.f.fiscalYear(v);
    case 'school_code': return ctx.lex.school(v)?.name ?? v;
    case 'school_type': return ctx.has(`ask.schoolType.${camel(v)}`) ? ctx.t(`ask.schoolType.${camel(v)}`) : v;
    case 'object_group': return groupLabel(ctx, v);
    case 'resource': case 'goal': case 'function': case 'fund': case 'object': {
      const title = ctx.lex.title(dim, v);
      return title ? `${v} ${title}` : v;
    }
    default: return v;
  }
}

function phaseLabel(ctx: Ctx, column: Column | null): string {
  return ctx.t(`ask.phase.${column ?? 'BA'}`);
}

function placeOf(ctx: Ctx, intent: Intent): string | null {
  if (intent.school) return ctx.lex.school(intent.school)?.name ?? intent.school;
  const parts: string[] = [];
  if (intent.schoolType) parts.push(ctx.t(`ask.schoolTypes.${camel(intent.schoolType)}`));
  if (intent.needBand) parts.unshift(ctx.t(intent.needBand === '4' ? 'ask.place.highNeed' : 'ask.place.lowNeed'));
  if (intent.region) parts.push(intent.region);
  if (!parts.length) return null;
  return parts.length === 2 ? ctx.t('ask.placeTypeInRegion', { type: parts[0]!, region: parts[1]! }) : parts[0]!;
}

// ---------------------------------------------------------------------------------------------------
// What I understood

function understood(ctx: Ctx, plan: Plan): string[] {
  const { intent } = plan;
  const out: string[] = [];
  for (const s of intent.subjects) {
    const parts = plan.subjects.filter((r) => r.subject === s).map((r) => codesDescription(ctx, r));
    out.push(ctx.t('ask.understood.subject', { label: subjectLabel(ctx, s), codes: parts.join(' + ') }));
  }
  if (intent.school) out.push(ctx.t('ask.understood.school', { name: ctx.lex.school(intent.school)?.name ?? intent.school, code: intent.school }));
  if (intent.region) out.push(ctx.t('ask.understood.region', { region: intent.region }));
  if (intent.schoolType) out.push(ctx.t(`ask.schoolTypes.${camel(intent.schoolType)}`));
  if (intent.needBand) out.push(ctx.t('ask.understood.needBand', { band: intent.needBand }));
  if (intent.kind === 'similar') out.push(ctx.t('ask.understood.similar'));
  if (plan.table === 'line_items') out.push(ctx.t(intent.flow === 'revenue' ? 'ask.understood.revenue' : 'ask.understood.spending'));
  else out.push(ctx.t('ask.understood.allocations'));
  for (const c of intent.calendarYears) {
    const fy = `${c}-${String((Number(c) + 1) % 100).padStart(2, '0')}`;
    out.push(ctx.t('ask.understood.calendarYear', { calendar: c, year: ctx.f.fiscalYear(fy) }));
  }
  if (plan.relativeYear && intent.relative) out.push(ctx.t(`ask.understood.${intent.relative}Year`, { year: ctx.f.fiscalYear(plan.relativeYear) }));
  if (plan.intent.kind === 'trend') out.push(ctx.t('ask.understood.years', { first: ctx.f.fiscalYear(plan.years[0]!), last: ctx.f.fiscalYear(plan.years.at(-1)!) }));
  else if (plan.intent.kind === 'year_vs_year' && plan.year) out.push(ctx.t('ask.understood.yearVsYear', { year: ctx.f.fiscalYear(plan.year), previous: ctx.f.fiscalYear(previousFiscalYear(plan.year) ?? '') }));
  else if (plan.year) out.push(plan.yearDefaulted ? ctx.t('ask.understood.latestYear', { year: ctx.f.fiscalYear(plan.year) }) : ctx.f.fiscalYear(plan.year));
  out.push(plan.column ? phaseLabel(ctx, plan.column) : ctx.t('ask.understood.budgetVsActual'));
  if (plan.perPupil) out.push(ctx.t('ask.understood.perPupil'));
  if (intent.kind === 'rank') out.push(ctx.t(intent.rankOrder === 'asc' ? 'ask.understood.rankLeast' : 'ask.understood.rankMost', { things: ctx.t(`ask.things.${camel(intent.rankBy ?? 'school_code')}`) }));
  if (intent.kind === 'share') out.push(ctx.t('ask.understood.share'));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Suggestions: the closest questions Ask can answer, each checked by parsing it.

function suggestions(ctx: Ctx, intent: Intent | null, _latestYear: string | null, limit = 4, first: string[] = []): string[] {
  const out: string[] = [];
  // A year whose spending is known: the latest with unaudited actuals (else the latest budget).
  const spentYear = ctx.lex.yearsWith('line_items', 'BA').at(-1) ?? ctx.lex.years.at(-1);
  const year = spentYear ? ctx.f.fiscalYear(spentYear) : '';
  const vars: Vars = { year };
  const label = intent?.subjects.length ? subjectsLabel(ctx, intent.subjects) : null;
  const school = intent?.school ? ctx.lex.school(intent.school)?.name : null;
  const candidates: string[] = [...first];
  for (const code of intent?.ambiguousSchools ?? []) {
    const name = ctx.lex.school(code)?.name;
    if (name) candidates.push(ctx.t('ask.suggest.schoolPerPupil', { school: name }));
  }
  if (school) candidates.push(ctx.t('ask.suggest.schoolPerPupil', { school }), ctx.t('ask.suggest.schoolTotal', { school }), ctx.t('ask.suggest.similar', { school }));
  if (label) candidates.push(ctx.t('ask.suggest.spendOn', { subject: label }), ctx.t('ask.suggest.trendOf', { subject: label }), ctx.t('ask.suggest.budgetVsActual', { subject: label }));
  const firstSchool = ctx.lex.data.schools[0]?.name;
  candidates.push(
    ctx.t('ask.suggest.total', vars),
    ctx.t('ask.suggest.perPupil'),
    ctx.t('ask.suggest.rankSchools'),
    ...(firstSchool ? [ctx.t('ask.suggest.schoolPerPupil', { school: firstSchool })] : []),
    ctx.t('ask.suggest.spendOn', { subject: ctx.t('ask.label.specialEducation') }),
    ctx.t('ask.suggest.teacherPay'),
    ctx.t('ask.suggest.define'),
  );
  for (const c of candidates) {
    if (out.length >= limit || out.includes(c)) continue;
    // Offer only questions Ask can answer from this release: parsed, and planned to a view (or defined).
    const check = parseQuestion(c, ctx.lex);
    if (check.kind === 'unknown' || check.unknown.length || check.ambiguousSchools.length || check.unsupported) continue;
    if (check.kind !== 'definition' && !planQuestion(check, ctx.lex).ok) continue;
    out.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Sentences

type Row = Record<string, unknown>;

function who(ctx: Ctx, intent: Intent): { who: string; place: boolean } {
  const place = placeOf(ctx, intent);
  return place ? { who: place, place: true } : { who: ctx.t('ask.who.district'), place: false };
}

/** A group of schools ("the highest-need schools", "elementary schools") takes a plural verb. */
const isGroup = (intent: Intent) => !intent.school && !intent.region && !!(intent.schoolType || intent.needBand);

function verb(ctx: Ctx, plan: Plan, place: boolean): string {
  if (plan.intent.flow === 'revenue') return ctx.t('ask.verb.received');
  const budget = plan.column === 'BB' || plan.column === 'IB';
  if (place && isGroup(plan.intent)) return ctx.t(budget ? 'ask.verb.groupBudget' : 'ask.verb.groupActual');
  if (place) return ctx.t(budget ? 'ask.verb.placeBudget' : 'ask.verb.placeActual');
  return ctx.t(budget ? 'ask.verb.budgeted' : 'ask.verb.spent');
}

function what(ctx: Ctx, plan: Plan): string {
  const label = subjectsLabel(ctx, plan.intent.subjects);
  if (!label) return ctx.t('ask.what.all');
  return ctx.t(plan.intent.flow === 'revenue' ? 'ask.what.from' : 'ask.what.on', { subject: label });
}

function noun(ctx: Ctx, plan: Plan): string {
  const label = subjectsLabel(ctx, plan.intent.subjects);
  const w = who(ctx, plan.intent);
  const kind = plan.perPupil ? 'perPupil' : plan.intent.flow === 'revenue' ? 'revenue' : plan.column === 'BB' || plan.column === 'IB' ? 'budget' : 'spending';
  const key = `ask.noun.${w.place ? 'place' : 'district'}.${kind}${label ? 'Of' : ''}`;
  return ctx.t(key, { subject: label ?? '', place: w.who });
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
/** A sentence built from parts: one space between words, none before punctuation, a capital first letter. */
const tidy = (s: string) => capitalize(s.replace(/\s+/g, ' ').replace(/\s+([,.:;)])/g, '$1').replace(/\(\s+/g, '(').trim());

function pctOf(ctx: Ctx, part: bigint, whole: bigint): string {
  if (whole === 0n) return '—';
  const tenths = divRound(part * 1000n, whole);
  return ctx.f.percent(Number(tenths) / 1000, 1);
}

function exactPct(part: bigint, whole: bigint): string {
  if (whole === 0n) return '';
  const tenths = divRound(part * 1000n, whole);
  const neg = tenths < 0n;
  const a = neg ? -tenths : tenths;
  return `${neg ? '-' : ''}${a / 10n}.${a % 10n}`;
}

// ---------------------------------------------------------------------------------------------------
// The answer

function base(question: string, ctx: Ctx, kind: Intent['kind']): Answer {
  return { question, locale: ctx.locale, status: 'unsure', kind, sentence: '', understood: [], spec: null, sql: null, params: [], numbers: {}, table: null, explorer: null, suggestions: [] };
}

function problemSentence(ctx: Ctx, p: Problem, intent: Intent): string {
  const years = ctx.lex.years;
  const first = years[0] ? ctx.f.fiscalYear(years[0]) : '';
  const last = years.at(-1) ? ctx.f.fiscalYear(years.at(-1)!) : '';
  switch (p.kind) {
    case 'noYear': return ctx.t('ask.problem.noYear', { year: ctx.f.fiscalYear(p.year), first, last });
    case 'noColumn': return ctx.t(p.available.length ? 'ask.problem.noColumn' : 'ask.problem.noYear', {
      year: ctx.f.fiscalYear(p.year), phase: phaseLabel(ctx, p.column), available: listJoin(ctx, p.available.map((c) => phaseLabel(ctx, c as Column))), first, last,
    });
    case 'noEnrollment': return ctx.t('ask.problem.noEnrollment', { year: ctx.f.fiscalYear(p.year) });
    case 'noAllocations': return ctx.t('ask.problem.noAllocations');
    case 'noShareDimension': return ctx.t('ask.problem.noShareDimension');
    case 'revenueAtSchool': return ctx.t('ask.problem.revenueAtSchool');
    case 'tooFewYears': return ctx.t('ask.problem.tooFewYears');
    case 'noCodes': return ctx.t('ask.problem.noCodes', { subject: subjectLabel(ctx, p.subject) });
  }
  void intent;
  return ctx.t('ask.unsure.generic');
}

/** The glossary id of a topic ("actuals" → "unauditedActuals", "glossary.audit" → "audit"). */
function glossaryId(topic: string): string {
  if (topic.startsWith('glossary.')) return topic.slice('glossary.'.length);
  return Object.entries(GLOSSARY_ALIASES).find(([, own]) => own === topic)?.[0] ?? topic;
}

/** The glossary's definition of a topic (the answer's locale, else English), else Ask's own. */
function definition(ctx: Ctx, topic: string, messages: Messages): { text: string; source: string; term: string; glossary: string | null } | null {
  const id = glossaryId(topic);
  const key = `glossary.${id}.definition`;
  const term = messages[`glossary.${id}.term`] ?? (ctx.has(`ask.topic.${topic}`) ? ctx.t(`ask.topic.${topic}`) : id);
  if (typeof messages[key] === 'string') return { text: messages[key]!, source: key, term, glossary: id };
  const own = `ask.define.${topic}`;
  if (ctx.has(own)) return { text: ctx.t(own), source: own, term, glossary: null };
  return null;
}

/** Answers one question. Never throws for a question; a failing query is reported as an error answer. */
export async function ask(question: string, o: AskOptions): Promise<Answer> {
  const ctx = context(o);
  const lex = o.lexicon;
  const latest = lex.years.at(-1) ?? null;
  const trimmed = question.trim().slice(0, 300);
  const intent = parseQuestion(trimmed, lex);
  const answer = base(trimmed, ctx, intent.kind);

  const unsure = (sentence: string): Answer => ({ ...answer, status: 'unsure', sentence, suggestions: suggestions(ctx, intent, latest) });

  if (!trimmed) return unsure(ctx.t('ask.unsure.empty'));
  if (intent.ambiguousSchools.length) {
    const names = intent.ambiguousSchools.map((c) => lex.school(c)?.name ?? c);
    return { ...unsure(ctx.t('ask.unsure.ambiguousSchool', { names: listJoin(ctx, names.slice(0, 5)) })), suggestions: suggestions(ctx, intent, latest, 5) };
  }
  if (intent.unsupported) return unsure(ctx.t(`ask.unsure.${intent.unsupported}`));
  if (intent.unknown.length) {
    return unsure(ctx.t('ask.unsure.words', { words: intent.unknown.slice(0, 4).join(' ') }));
  }
  if (intent.kind === 'definition' && intent.topic) {
    const d = definition(ctx, intent.topic, { ...o.fallback, ...o.messages });
    if (d) return { ...answer, status: 'definition', sentence: d.text, understood: [ctx.t('ask.understood.definition', { topic: d.term })], source: d.source, glossary: d.glossary, suggestions: [] };
  }
  if (intent.kind === 'unknown' || intent.kind === 'definition') return unsure(ctx.t('ask.unsure.generic'));

  const planned = planQuestion(intent, lex);
  if (!planned.ok) {
    const p = planned.problem;
    const first = p.kind === 'noColumn' && p.available.includes('BB') ? [ctx.t('ask.suggest.budgetYear', { year: ctx.f.fiscalYear(p.year) })] : [];
    return { ...answer, status: 'no_data', sentence: problemSentence(ctx, p, intent), suggestions: suggestions(ctx, intent, latest, 4, first) };
  }
  const plan = planned.plan;
  const compiled = compileSpec(plan.spec);
  const rows = await o.run(compiled.sql, compiled.params);
  const out: Answer = {
    ...answer,
    status: 'answered',
    understood: understood(ctx, plan),
    spec: plan.spec,
    sql: compiled.sql,
    params: compiled.params,
    explorer: encodeSpec(plan.spec),
  };
  return finish(ctx, plan, rows, out);
}

function finish(ctx: Ctx, plan: Plan, rows: Row[], out: Answer): Answer {
  const { intent } = plan;
  const w = who(ctx, intent);
  const year = plan.year ? ctx.f.fiscalYear(plan.year) : '';
  const phase = plan.column ? phaseLabel(ctx, plan.column) : '';
  const money = (c: bigint) => ctx.f.moneyLong(c);
  const noLines = () => ({ ...out, status: 'no_data' as const, sentence: ctx.t('ask.problem.noLines', { what: what(ctx, plan), who: w.who, year, phase }), table: null });

  if (intent.kind === 'budget_vs_actual') {
    const r = rows[0];
    const budget = cents(r?.budget) ?? 0n;
    const actual = cents(r?.actual) ?? 0n;
    if (!r || (r.budget == null && r.actual == null)) return noLines();
    const diff = actual - budget;
    const key = budget === 0n ? 'ask.answer.bvaNoBudget' : diff === 0n ? 'ask.answer.bvaExact' : diff < 0n ? 'ask.answer.bvaUnder' : 'ask.answer.bvaOver';
    const sentence = ctx.t(key, { year, who: w.who, what: what(ctx, plan), actual: money(actual), budget: money(budget), pct: pctOf(ctx, actual, budget), diff: money(diff < 0n ? -diff : diff) });
    return {
      ...out, sentence: tidy(sentence),
      numbers: { budget: String(r.budget ?? '0'), actual: String(r.actual ?? '0'), difference: String(r.difference ?? '0'), year: plan.year! },
      table: {
        caption: ctx.t('ask.table.caption', { year, what: capitalize(noun(ctx, plan)) }),
        columns: [{ key: 'phase', label: ctx.t('ask.table.phase'), numeric: false }, { key: 'amount', label: ctx.t('ask.table.amount'), numeric: true }],
        rows: [[phaseLabel(ctx, 'BB'), ctx.f.dollars(budget)], [phaseLabel(ctx, 'BA'), ctx.f.dollars(actual)], [ctx.t('ask.table.difference'), ctx.f.dollars(diff, { signed: true })]],
        bars: [Number(budget) / 100, Number(actual) / 100, 0],
        chart: 'bar',
      },
    };
  }

  if (intent.kind === 'year_vs_year') {
    const r = rows[0];
    if (!r || (r.current == null && r.previous == null)) return noLines();
    const cur = cents(r.current) ?? 0n;
    const prev = cents(r.previous) ?? 0n;
    const change = cur - prev;
    const prevYear = ctx.f.fiscalYear(previousFiscalYear(plan.year!) ?? '');
    const pct = ctx.f.percentChange(cur, prev) ?? '—';
    const sentence = ctx.t(change === 0n ? 'ask.answer.yoySame' : change > 0n ? 'ask.answer.yoyUp' : 'ask.answer.yoyDown', {
      year, previousYear: prevYear, who: w.who, verb: verb(ctx, plan, w.place), what: what(ctx, plan), current: money(cur), previous: money(prev), change: money(change < 0n ? -change : change), pct, phase,
    });
    return {
      ...out, sentence: tidy(sentence),
      numbers: { current: String(r.current ?? '0'), previous: String(r.previous ?? '0'), change: String(r.change ?? '0'), year: plan.year! },
      table: {
        caption: ctx.t('ask.table.caption', { year: `${prevYear} → ${year}`, what: capitalize(noun(ctx, plan)) }),
        columns: [{ key: 'year', label: ctx.t('ask.table.year'), numeric: false }, { key: 'amount', label: ctx.t('ask.table.amount'), numeric: true }],
        rows: [[prevYear, ctx.f.dollars(prev)], [year, ctx.f.dollars(cur)], [ctx.t('ask.table.change'), ctx.f.dollars(change, { signed: true })]],
        bars: [Number(prev) / 100, Number(cur) / 100, 0],
        chart: 'bar',
      },
    };
  }

  if (intent.kind === 'trend') {
    const valueKey = plan.perPupil ? 'per_pupil' : 'amount';
    const series = rows.filter((r) => r[valueKey] !== null && r[valueKey] !== undefined).map((r) => ({ year: String(r.fiscal_year), value: String(r[valueKey]) }));
    if (series.length < 2) return noLines();
    const first = series[0]!;
    const last = series.at(-1)!;
    const a = parseCents(first.value);
    const b = parseCents(last.value);
    const fmt = plan.perPupil ? (c: bigint) => ctx.f.dollars(c) : money;
    const sentence = ctx.t(b > a ? 'ask.answer.trendUp' : b < a ? 'ask.answer.trendDown' : 'ask.answer.trendSame', {
      noun: noun(ctx, plan), first: fmt(a), last: fmt(b), firstYear: ctx.f.fiscalYear(first.year), lastYear: ctx.f.fiscalYear(last.year), pct: ctx.f.percentChange(b, a) ?? '—', phase,
    });
    return {
      ...out, sentence: tidy(sentence),
      numbers: { first: first.value, last: last.value, firstYear: first.year, lastYear: last.year, series: series.map((s) => `${s.year}=${s.value}`).join(';') },
      table: {
        caption: capitalize(noun(ctx, plan)),
        columns: [{ key: 'year', label: ctx.t('ask.table.year'), numeric: false }, { key: 'value', label: ctx.t(plan.perPupil ? 'ask.table.perPupil' : 'ask.table.amount'), numeric: true }],
        rows: series.map((s) => [ctx.f.fiscalYear(s.year), ctx.f.dollars(parseCents(s.value))]),
        bars: series.map((s) => Number(parseCents(s.value)) / 100),
        chart: 'line',
      },
    };
  }

  if (intent.kind === 'rank') {
    const dim = plan.spec.by[0]!;
    const valueKey = plan.perPupil ? 'per_pupil' : 'amount';
    const ranked = rows
      .filter((r) => r[valueKey] !== null && r[valueKey] !== undefined && r[dim] !== null)
      .map((r) => ({ key: String(r[dim]), value: parseCents(String(r[valueKey])), raw: String(r[valueKey]) }))
      .sort((x, y) => (x.value === y.value ? (x.key < y.key ? -1 : 1) : (intent.rankOrder === 'asc' ? (x.value < y.value ? -1 : 1) : (x.value > y.value ? -1 : 1))));
    if (!ranked.length) return noLines();
    const n = Math.min(intent.limit ?? (ranked.length > 3 ? 3 : ranked.length), ranked.length, 10);
    const fmt = (c: bigint) => (plan.perPupil ? ctx.f.dollars(c) : money(c));
    const top = ranked.slice(0, n);
    const list = listJoin(ctx, top.map((r) => ctx.t('ask.answer.rankItem', { name: valueLabel(ctx, dim, r.key), value: fmt(r.value) })));
    const key = `ask.answer.${intent.rankOrder === 'asc' ? 'rankLeast' : 'rankMost'}${plan.perPupil ? 'PerPupil' : ''}`;
    const things = ctx.t(`ask.things.${camel(dim)}`);
    const sentence = ctx.t(key, { year, things, list, phase, count: n, total: ranked.length, where: placeOf(ctx, intent) ?? '' });
    const shown = ranked.slice(0, Math.max(n, Math.min(10, ranked.length)));
    return {
      ...out, sentence: tidy(sentence),
      numbers: { top: top.map((r) => r.key).join(','), topValues: top.map((r) => r.raw).join(','), ranked: String(ranked.length), year: plan.year! },
      table: {
        caption: capitalize(ctx.t('ask.table.rankCaption', { things, year, shown: shown.length, total: ranked.length })),
        columns: [{ key: 'rank', label: '#', numeric: true }, { key: 'name', label: ctx.t(`ask.table.dim.${camel(dim)}`), numeric: false }, { key: 'value', label: ctx.t(plan.perPupil ? 'ask.table.perPupil' : 'ask.table.amount'), numeric: true }],
        rows: shown.map((r, i) => [ctx.f.count(i + 1), valueLabel(ctx, dim, r.key), ctx.f.dollars(r.value)]),
        bars: shown.map((r) => Number(r.value) / 100),
        chart: 'bar',
      },
    };
  }

  if (intent.kind === 'share') {
    const dim = plan.spec.by[0]!;
    const wanted = new Set(plan.subjects.filter((s) => s.dimension === dim).flatMap((s) => s.codes));
    let part = 0n;
    let total = 0n;
    for (const r of rows) {
      const c = cents(r.amount) ?? 0n;
      total += c;
      if (wanted.has(String(r[dim]))) part += c;
    }
    if (total === 0n) return noLines();
    const whole = noun(ctx, { ...plan, intent: { ...intent, subjects: [] } });
    const sentence = ctx.t('ask.answer.share', { year, subject: subjectsLabel(ctx, intent.subjects) ?? '', pct: pctOf(ctx, part, total), whole, part: money(part), total: money(total), phase });
    return {
      ...out, sentence: tidy(sentence),
      numbers: { part: centsString(part), total: centsString(total), share: exactPct(part, total), year: plan.year! },
      table: {
        caption: ctx.t('ask.table.caption', { year, what: capitalize(whole) }),
        columns: [{ key: 'what', label: ctx.t('ask.table.what'), numeric: false }, { key: 'amount', label: ctx.t('ask.table.amount'), numeric: true }, { key: 'share', label: ctx.t('ask.table.share'), numeric: true }],
        rows: [[capitalize(subjectsLabel(ctx, intent.subjects) ?? ''), ctx.f.dollars(part), pctOf(ctx, part, total)], [ctx.t('ask.table.everythingElse'), ctx.f.dollars(total - part), pctOf(ctx, total - part, total)], [ctx.t('ask.table.total'), ctx.f.dollars(total), pctOf(ctx, total, total)]],
        bars: [Number(part) / 100, Number(total - part) / 100, 0],
        chart: 'bar',
      },
    };
  }

  if (intent.kind === 'similar') {
    const r = rows[0];
    if (!r || r.school_per_pupil == null) return noLines();
    if (r.similar_per_pupil == null) return { ...out, status: 'no_data', table: null, numbers: {}, sentence: ctx.t('ask.problem.noSimilar', { who: w.who, year }) };
    const mine = parseCents(String(r.school_per_pupil));
    const theirs = parseCents(String(r.similar_per_pupil));
    const diff = mine - theirs;
    const count = Number(r.similar_schools ?? 0);
    const sentence = ctx.t(diff === 0n ? 'ask.answer.similarSame' : diff > 0n ? 'ask.answer.similarMore' : 'ask.answer.similarLess', {
      year, who: w.who, verb: verb(ctx, plan, true), mine: ctx.f.dollars(mine), theirs: ctx.f.dollars(theirs), diff: ctx.f.dollars(diff < 0n ? -diff : diff), count: ctx.f.count(count), phase,
    });
    return {
      ...out, sentence: tidy(sentence),
      numbers: { school: String(r.school_per_pupil), similar: String(r.similar_per_pupil), difference: String(r.difference ?? ''), similarSchools: String(r.similar_schools ?? ''), year: plan.year! },
      table: {
        caption: ctx.t('ask.table.caption', { year, what: capitalize(ctx.t('ask.table.similarCaption', { school: w.who })) }),
        columns: [{ key: 'who', label: ctx.t('ask.table.what'), numeric: false }, { key: 'pp', label: ctx.t('ask.table.perPupil'), numeric: true }],
        rows: [[w.who, ctx.f.dollars(mine)], [ctx.t('ask.table.similarSchools', { count }), ctx.f.dollars(theirs)]],
        bars: [Number(mine) / 100, Number(theirs) / 100],
        chart: 'bar',
      },
    };
  }

  // Amount, per pupil, enrollment: one row.
  const r = rows[0];
  if (!r || r.line_count === '0' || r.amount === null || r.amount === undefined) return noLines();
  const amount = parseCents(String(r.amount));
  if (intent.kind === 'enrollment' || plan.perPupil) {
    const students = r.enrollment === null || r.enrollment === undefined ? null : Number(r.enrollment);
    if (students === null || !students) return { ...out, status: 'no_data', sentence: ctx.t('ask.problem.noEnrollment', { year }) };
    if (intent.kind === 'enrollment') {
      const sentence = ctx.t(w.place ? 'ask.answer.enrollmentPlace' : 'ask.answer.enrollmentDistrict', { year, who: w.who, students: ctx.f.count(students) });
      return {
        ...out, sentence: tidy(sentence), numbers: { value: String(r.enrollment), year: plan.year! },
        table: singleTable(ctx, plan, [[ctx.t('ask.table.students'), ctx.f.count(students)]]),
      };
    }
    const pp = parseCents(String(r.per_pupil));
    const sentence = ctx.t('ask.answer.perPupil', { year, who: w.who, verb: verb(ctx, plan, w.place), what: intent.subjects.length ? what(ctx, plan) : '', perPupil: ctx.f.dollars(pp), amount: money(amount), students: ctx.f.count(students), phase });
    return {
      ...out, sentence: tidy(sentence),
      numbers: { value: String(r.per_pupil), amount: String(r.amount), enrollment: String(r.enrollment), year: plan.year! },
      table: singleTable(ctx, plan, [[ctx.t('ask.table.amount'), ctx.f.dollars(amount)], [ctx.t('ask.table.students'), ctx.f.count(students)], [ctx.t('ask.table.perPupil'), ctx.f.dollars(pp)]]),
    };
  }
  const sentence = ctx.t('ask.answer.amount', { year, who: w.who, verb: verb(ctx, plan, w.place), what: what(ctx, plan), amount: money(amount), phase });
  return {
    ...out, sentence: tidy(sentence),
    numbers: { value: String(r.amount), lines: String(r.line_count), year: plan.year! },
    table: singleTable(ctx, plan, [[ctx.t('ask.table.amount'), ctx.f.dollars(amount)], [ctx.t('ask.table.lines'), ctx.f.count(Number(r.line_count))]]),
  };
}

function centsString(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

function singleTable(ctx: Ctx, plan: Plan, rows: string[][]): AnswerTable {
  return {
    caption: ctx.t('ask.table.caption', { year: plan.year ? ctx.f.fiscalYear(plan.year) : '', what: capitalize(noun(ctx, plan)) }),
    columns: [{ key: 'what', label: ctx.t('ask.table.what'), numeric: false }, { key: 'value', label: ctx.t('ask.table.value'), numeric: true }],
    rows,
    bars: null,
    chart: 'none',
  };
}

/** Example questions for a page or a help text, in the locale, checked by parsing (as suggestions are). */
export function exampleQuestions(o: Pick<AskOptions, 'locale' | 'messages' | 'fallback' | 'lexicon'>, limit = 6): string[] {
  const ctx = context({ ...o, run: async () => [] });
  return suggestions(ctx, null, o.lexicon.years.at(-1) ?? null, limit);
}

