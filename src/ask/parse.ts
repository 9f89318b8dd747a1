/**
 * Question → intent: which kind of question it is (an amount, per pupil, budget vs. actual, a ranking, a
 * trend, a comparison of years, a share, a definition), about what (concepts, codes, a school, a region, a
 * school type), for which years and which phase (adopted budget, actuals). Rule-based over the lexicon, in
 * any language the messages cover; every word of the question is either recognised or reported as not
 * understood, so the engine can say when it is unsure instead of guessing. No Node APIs.
 */
import { CONCEPTS, GLOSSARY_ALIASES, GLOSSARY_CONTEXT, TOPICS, conceptById } from './concepts.ts';
import type { Lexicon, NameEntry, PhraseEntry } from './lexicon.ts';
import { normalize, sameWord, words } from './text.ts';
import type { Dimension } from '../query/spec.ts';

export type IntentKind = 'amount' | 'per_pupil' | 'budget_vs_actual' | 'year_vs_year' | 'rank' | 'trend' | 'share' | 'similar' | 'definition' | 'enrollment' | 'unknown';
export type Column = 'BA' | 'BB' | 'IB' | 'BE';

export type Subject =
  | { kind: 'concept'; id: string }
  | { kind: 'codes'; dimension: Dimension; codes: string[]; explicit: boolean; phrase: string };

export interface Intent {
  kind: IntentKind;
  subjects: Subject[];
  /** School code, when the question names one school. */
  school: string | null;
  /** Several schools fit the name equally well (codes): ask which. */
  ambiguousSchools: string[];
  region: string | null;
  schoolType: string | null;
  /** Need band "1" (lowest need) … "4" (highest need), for "high-need schools". */
  needBand: string | null;
  /** Fiscal years named in the question, ascending. */
  years: string[];
  /** Calendar years read as fiscal years ("2023" → "2023-24"), to say so. */
  calendarYears: string[];
  relative: 'last' | 'this' | 'next' | null;
  /** "since 2020": the first fiscal year of a trend. */
  since: string | null;
  column: Column | null;
  flow: 'spending' | 'revenue';
  rankBy: Dimension | null;
  rankOrder: 'desc' | 'asc';
  limit: number | null;
  /** The word or phrase to define (definition questions). */
  topic: string | null;
  /** Words of the question that were not understood (normalized). */
  unknown: string[];
  /** Cue ids recognised (for tests and "what I understood"). */
  cues: string[];
  /** A question about something Ask cannot count (how many teachers, …). */
  unsupported: string | null;
}

interface Span {
  start: number;
  end: number;
}

const COLUMN_TOPICS: Record<string, Column> = { adoptedBudget: 'BB', actuals: 'BA', revisedBudget: 'IB' };
const TOPIC_CUES: Record<string, string> = { budgetVsActual: 'budgetVsActual', perPupil: 'perPupil' };
const SCHOOL_TYPE_TERMS: Record<string, string> = {
  typeElementary: 'elementary', typeMiddle: 'middle', typeHigh: 'high', typeSpan: 'span', typeOption: 'option', typeEarly: 'early_education', typeAdult: 'adult',
};
const NEED_BAND_TERMS: Record<string, string> = { highNeed: '4', lowNeed: '1' };
const RANK_DIMENSIONS: Record<string, Dimension> = {
  schools: 'school_code', regions: 'region', programs: 'resource', funds: 'fund', categories: 'object_group', activities: 'function', schoolTypes: 'school_type', goals: 'goal',
};
const DIMENSION_PRIORITY = ['resource', 'function', 'goal', 'fund', 'object'];
/** Topics that are also amounts: "what is the district's revenue?" asks for a number, not a definition. */
const MONEY_TOPICS = new Set(['actuals', 'adoptedBudget', 'revisedBudget', 'budgetVsActual', 'perPupil', 'generalFund', 'glossary.revenue', 'glossary.estimatedActuals']);

/** Reads `2023-24`, `2023-2024`, `FY2024`/`FY24` (ending year) and bare `2023` (the year it starts). */
function readYear(token: string, next: string | undefined): { fy: string; calendar: boolean; consumedNext: boolean } | null {
  let m = /^((?:19|20)\d{2})-(\d{2}|\d{4})$/.exec(token);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]!.length === 4 ? m[2] : `${String(a + 1).slice(0, 2)}${m[2]}`);
    if (b === a + 1) return { fy: `${a}-${String(b % 100).padStart(2, '0')}`, calendar: false, consumedNext: false };
    return null;
  }
  m = /^fy((?:19|20)?\d{2})$/.exec(token);
  const fyWord = token === 'fy' && next !== undefined && /^((?:19|20)?\d{2})$/.test(next) ? next : null;
  if (m || fyWord) {
    const digits = (m ? m[1] : fyWord)!;
    const end = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
    const start = end - 1;
    return { fy: `${start}-${String(end % 100).padStart(2, '0')}`, calendar: false, consumedNext: !!fyWord };
  }
  m = /^((?:19|20)\d{2})$/.exec(token);
  if (m) {
    const a = Number(m[1]);
    return { fy: `${a}-${String((a + 1) % 100).padStart(2, '0')}`, calendar: true, consumedNext: false };
  }
  return null;
}

interface PhraseMatch extends Span {
  kind: PhraseEntry['kind'];
  ids: string[];
  typos: number;
}

/** Longest phrases first, then fewest typos; phrases with the same span are kept together. */
function matchPhrases(tokens: string[], free: boolean[], entries: readonly PhraseEntry[]): PhraseMatch[] {
  const candidates: PhraseMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!free[i]) continue;
    for (const e of entries) {
      const n = e.words.length;
      if (n === 0 || i + n > tokens.length) continue;
      let typos = 0;
      let ok = true;
      for (let j = 0; j < n; j++) {
        const t = tokens[i + j]!;
        const w = e.words[j]!;
        if (!free[i + j]) { ok = false; break; }
        if (t === w) continue;
        // A single title word ("grades") must be exact: one typo away is too often another word ("grandes").
        if (!(e.kind === 'code' && n === 1) && sameWord(t, w)) { typos++; continue; }
        ok = false;
        break;
      }
      if (ok) candidates.push({ start: i, end: i + n, kind: e.kind, ids: [e.id], typos });
    }
  }
  // Longest first; at equal length the messages' own phrases beat runs of code titles, then fewer typos.
  const rank = (m: PhraseMatch) => (m.kind === 'code' ? 1 : 0);
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || a.typos - b.typos || a.start - b.start);
  const chosen: PhraseMatch[] = [];
  const taken = new Array<boolean>(tokens.length).fill(false);
  for (const c of candidates) {
    const same = chosen.find((m) => m.start === c.start && m.end === c.end);
    if (same) {
      // The same words may be a cue and a term at once ("per pupil"); a code run only when nothing else is.
      if (c.kind === 'code' || same.kind === 'code' || c.typos !== same.typos) continue;
      const sameKind = chosen.find((m) => m.start === c.start && m.end === c.end && m.kind === c.kind);
      if (sameKind) { if (!sameKind.ids.includes(c.ids[0]!)) sameKind.ids.push(c.ids[0]!); } else chosen.push(c);
      continue;
    }
    let clash = false;
    for (let k = c.start; k < c.end; k++) if (taken[k]) clash = true;
    if (clash) continue;
    for (let k = c.start; k < c.end; k++) taken[k] = true;
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

interface NameMatch {
  entry: NameEntry;
  score: number;
  missing: number;
  unmatched: number;
  positions: number[];
}

/** Scores each name against the question; returns the best matches (several when tied). */
function matchNames(tokens: string[], free: boolean[], names: readonly NameEntry[], opts: { isLexiconWord: (w: string) => boolean; contextCue: boolean; generic: Set<string>; requireGeneric: boolean }): NameMatch[] {
  const found: NameMatch[] = [];
  for (const e of names) {
    if (e.distinct.length === 0) continue;
    const positions: number[] = [];
    let md = 0;
    for (const d of e.distinct) {
      const at = tokens.findIndex((t, i) => free[i] && !positions.includes(i) && sameWord(t, d));
      if (at >= 0) { md++; positions.push(at); }
    }
    if (md === 0) continue;
    let mg = 0;
    // Generic words ("High", "School") count only next to the name's own words, not anywhere in the question.
    const near = (i: number) => positions.some((p) => Math.abs(p - i) <= e.words.length);
    for (const g of e.words.filter((w) => !e.distinct.includes(w))) {
      const at = tokens.findIndex((t, i) => free[i] && !positions.includes(i) && near(i) && sameWord(t, g));
      if (at >= 0) { mg++; positions.push(at); }
    }
    const all = md === e.distinct.length;
    const partial = md >= 2 && md * 2 >= e.distinct.length;
    if (!all && !partial) continue;
    if (opts.requireGeneric && mg === 0 && !opts.contextCue) continue;
    // One common word ("central", "pico"?) names a school only with a generic word or a "school" cue nearby.
    if (e.distinct.length === 1 && mg === 0 && !opts.contextCue && opts.isLexiconWord(e.distinct[0]!)) continue;
    found.push({ entry: e, score: md + 0.5 * mg + (all ? 0.25 : 0), missing: e.distinct.length - md, unmatched: e.words.length - md - mg, positions });
  }
  if (!found.length) return [];
  // Best: most words matched, then fewest distinct words missing, then fewest words of the name left over
  // ("Sequoyah High" is Sequoyah High, not Sequoyah Senior High).
  // Leftover words only tell names apart when the question gave some of the generic ones ("High"): "Maple"
  // alone still fits Maple Middle and Maple Street Elementary equally.
  found.sort((a, b) => b.score - a.score || a.missing - b.missing || a.unmatched - b.unmatched);
  const best = found[0]!;
  const gaveGeneric = best.positions.length > best.entry.distinct.length - best.missing;
  return found.filter((f) => f.score === best.score && f.missing === best.missing && (!gaveGeneric || f.unmatched === best.unmatched));
}

/** Parses a question with the lexicon. `latestYear` anchors "last year" and "this year". */
export function parseQuestion(question: string, lex: Lexicon): Intent {
  const raw = words(normalize(question));
  const tokens = raw.map((w) => lex.synonyms.get(w) ?? w);
  const free = tokens.map(() => true);
  const consume = (i: number, j = i + 1) => { for (let k = i; k < j; k++) free[k] = false; };

  const intent: Intent = {
    kind: 'unknown', subjects: [], school: null, ambiguousSchools: [], region: null, schoolType: null, needBand: null, years: [], calendarYears: [], relative: null,
    since: null, column: null, flow: 'spending', rankBy: null, rankOrder: 'desc', limit: null, topic: null, unknown: [], cues: [], unsupported: null,
  };

  // 1. Years.
  const yearAt: { i: number; fy: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const y = readYear(tokens[i]!, tokens[i + 1]);
    if (!y) continue;
    yearAt.push({ i, fy: y.fy });
    if (y.calendar) intent.calendarYears.push(tokens[i]!);
    consume(i, y.consumedNext ? i + 2 : i + 1);
    if (y.consumedNext) i++;
  }

  // 2. Explicit codes: "resource 3010", "objeto 1100", "fund 01"; school codes.
  const codeTitle = (dim: string, code: string) => lex.title(dim, code);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const dim = lex.dimensionWords.get(raw[i]!) ?? lex.dimensionWords.get(tokens[i]!);
    if (!dim || !free[i + 1]) continue;
    let code = raw[i + 1]!.toUpperCase();
    if (dim === 'fund' && /^\d$/.test(code)) code = code.padStart(2, '0');
    if (codeTitle(dim, code) !== undefined) {
      intent.subjects.push({ kind: 'codes', dimension: dim as Dimension, codes: [code], explicit: true, phrase: `${raw[i]} ${raw[i + 1]}` });
      consume(i, i + 2);
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    if (free[i] && /^\d{7}$/.test(tokens[i]!) && lex.school(tokens[i]!)) {
      intent.school = tokens[i]!;
      consume(i);
    }
  }

  // 3. Phrases (cues and terms), then school and region names among the words left.
  //    Names go first when they are a strong match, so "Arts, Media & Technology Magnet" is a school, not arts.
  const phraseWords = new Set(lex.phrases.flatMap((p) => p.words));
  const isLexiconWord = (w: string) => phraseWords.has(w) || lex.stopwords.has(w);
  const schoolCue = lex.phrases.filter((p) => p.kind === 'cue' && p.id === 'school');
  const hasSchoolCue = tokens.some((t) => schoolCue.some((p) => p.words.length === 1 && p.words[0] === t));
  if (!intent.school) {
    const schools = matchNames(tokens, free, lex.schools, { isLexiconWord, contextCue: hasSchoolCue, generic: lex.schoolWords, requireGeneric: false });
    // A strong school match must cover at least two words or be the school's whole distinct name.
    if (schools.length === 1) {
      intent.school = schools[0]!.entry.key;
      for (const p of schools[0]!.positions) consume(p);
    } else if (schools.length > 1) {
      intent.ambiguousSchools = schools.map((s) => s.entry.key);
      for (const p of schools.flatMap((s) => s.positions)) consume(p);
    }
  }
  const regionWord = tokens.some((t) => t === 'region' || t === 'regions');
  const regions = matchNames(tokens, free, lex.regions, { isLexiconWord, contextCue: regionWord, generic: new Set(['region']), requireGeneric: true });
  if (regions.length === 1) {
    intent.region = regions[0]!.entry.key;
    for (const p of regions[0]!.positions) consume(p);
  }

  // Cues, concept and topic names, and runs of code titles ("pupil transportation", "ESSER III") compete
  // for the words left: longest first.
  const matches = matchPhrases(tokens, free, lex.phrases);
  const cues = new Set<string>();
  const terms: string[] = [];
  const definitionOnly: string[] = [];
  const glossaryTopics: string[] = [];
  for (const m of matches) if (m.kind === 'cue') for (const id of m.ids) cues.add(id);
  // Where a subject's name ends, so "special education services" is special education.
  const subjectEnds = new Set<number>();
  for (const m of matches) if (m.kind !== 'cue' || m.ids.some((id) => id === 'school')) subjectEnds.add(m.end);
  for (const m of matches) {
    if (m.kind === 'code') {
      const refs = lex.codeGrams.get(m.ids[0]!) ?? [];
      const usable = refs.filter((r) => r.dimension !== 'object' || cues.has('revenue') || !/^[89]/.test(r.code));
      const dim = DIMENSION_PRIORITY.find((d) => usable.some((r) => r.dimension === d));
      if (!dim) continue; // left free: reported as not understood
      intent.subjects.push({ kind: 'codes', dimension: dim as Dimension, codes: [...new Set(usable.filter((r) => r.dimension === dim).map((r) => r.code))].sort(), explicit: false, phrase: m.ids[0]! });
      consume(m.start, m.end);
      continue;
    }
    consume(m.start, m.end);
    for (const id of m.ids) {
      if (m.kind === 'cue') continue;
      const g = /^glossary\.(.+)$/.exec(id);
      if (!g) { terms.push(id); continue; }
      // A glossary term names a topic to define, never a subject to count: glossary names are short and
      // general ("Schools"), Ask's own terms say what a concept counts.
      const own = GLOSSARY_ALIASES[g[1]!] ?? g[1]!;
      if (TOPICS.includes(own) || conceptById(own)) glossaryTopics.push(own);
      else if (!GLOSSARY_CONTEXT.has(g[1]!)) {
        glossaryTopics.push(id);
        const alsoCue = matches.some((c) => c.kind === 'cue' && c.start === m.start && c.end === m.end);
        if (!alsoCue && m.ids.every((x) => x.startsWith('glossary.'))) definitionOnly.push(raw.slice(m.start, m.end).join(' '));
      }
    }
  }
  // Topics that are also kinds of question ("budget vs. actual", "per pupil").
  for (const id of [...terms, ...glossaryTopics]) if (TOPIC_CUES[id]) cues.add(TOPIC_CUES[id]!);
  intent.cues = [...cues].sort();

  // 5. Numbers ("top 10") and words left over.
  for (let i = 0; i < tokens.length; i++) {
    if (!free[i]) continue;
    const t = tokens[i]!;
    if (/^\d{1,2}$/.test(t) && Number(t) > 0) {
      intent.limit = Number(t);
      consume(i);
      continue;
    }
    if (lex.stopwords.has(t) || lex.stopwords.has(raw[i]!)) continue;
    if (t.length <= 1) continue;
    if (lex.afterSubject.has(t) && i > 0 && subjectEnds.has(i)) continue;
    intent.unknown.push(raw[i]!);
  }

  // 6. Terms → concepts, topics, school types, columns.
  for (const id of terms) {
    if (SCHOOL_TYPE_TERMS[id]) intent.schoolType = SCHOOL_TYPE_TERMS[id]!;
    else if (NEED_BAND_TERMS[id]) intent.needBand = NEED_BAND_TERMS[id]!;
    else if (conceptById(id)) {
      if (!intent.subjects.some((s) => s.kind === 'concept' && s.id === id)) intent.subjects.push({ kind: 'concept', id });
    }
    if (TOPICS.includes(id)) intent.topic ??= id;
    if (COLUMN_TOPICS[id]) intent.column = COLUMN_TOPICS[id]!;
  }
  for (const id of glossaryTopics) {
    intent.topic ??= id;
    if (COLUMN_TOPICS[id]) intent.column ??= COLUMN_TOPICS[id]!;
  }
  // Cues that are also topics ("per pupil", "budget vs actual") can be defined too.
  for (const c of ['perPupil', 'budgetVsActual'] as const) if (cues.has(c) && TOPICS.includes(c)) intent.topic ??= c;
  if (intent.subjects.some((s) => s.kind === 'concept' && conceptById(s.id)?.flow === 'revenue') || cues.has('revenue')) intent.flow = 'revenue';

  // 7. Years, relative years, ranges.
  const years = yearAt.map((y) => y.fy);
  if (cues.has('lastYear')) intent.relative = 'last';
  else if (cues.has('nextYear')) intent.relative = 'next';
  else if (cues.has('thisYear')) intent.relative = 'this';
  const since = yearAt.find((y) => y.i > 0 && sinceBefore(tokens, y.i, lex));
  if (since && years.length === 1) intent.since = since.fy;
  else if (years.length >= 2) intent.years = [...new Set(years)].sort();
  else intent.years = years;
  if (intent.since) intent.years = [];

  // 8. Columns.
  if (!intent.column) {
    if (cues.has('revised')) intent.column = 'IB';
    else if (cues.has('estimated')) intent.column = 'BE';
  }
  const budgetWord = cues.has('budget') || intent.column === 'BB';
  const actualWord = cues.has('actual') || intent.column === 'BA';
  const moneyCue = ['howMuch', 'spend', 'didSpend', 'receive', 'budget', 'actual', 'perPupil', 'revenue', 'share', 'rankMost', 'rankLeast', 'trend', 'eachYear', 'enrollment'].some((c) => cues.has(c));

  // 9. The kind of question.
  const rankCue = cues.has('rankMost') || cues.has('rankLeast');
  const rankDim = Object.entries(RANK_DIMENSIONS).find(([cue]) => cues.has(cue))?.[1] ?? null;
  if (cues.has('rankLeast')) intent.rankOrder = 'asc';
  // "How many teachers?" counts people, which Ask cannot; "how many dollars of revenue" is still money.
  if (cues.has('who')) intent.unsupported = 'who';
  // "Students per teacher" is not enrollment.
  if (cues.has('enrollment') && intent.subjects.length) intent.unsupported = 'howMany';
  if (cues.has('howMany') && !cues.has('enrollment') && !['spend', 'didSpend', 'receive', 'budget', 'actual', 'revenue', 'perPupil', 'howMuch'].some((c) => cues.has(c))) intent.unsupported = 'howMany';

  const moneyTopic = intent.topic !== null && (MONEY_TOPICS.has(intent.topic) || conceptById(intent.topic) !== undefined);
  if (intent.topic && cues.has('define') && !intent.school && !intent.region && !intent.years.length && !intent.relative && !intent.since
    && !(moneyTopic && cues.has('district'))
    && !['howMuch', 'spend', 'didSpend', 'receive', 'budget', 'actual', 'rankMost', 'rankLeast', 'trend', 'share', 'enrollment'].some((c) => cues.has(c))) {
    intent.kind = 'definition';
  } else if (cues.has('enrollment')) {
    intent.kind = 'enrollment';
  } else if (cues.has('similar') && intent.school) {
    intent.kind = 'similar';
  } else if (cues.has('budgetVsActual') || (cues.has('didSpend') && budgetWord && !rankCue) || (actualWord && budgetWord && !rankCue)) {
    intent.kind = 'budget_vs_actual';
  } else if (rankCue && (rankDim || cues.has('which') || cues.has('define') || intent.limit !== null || intent.schoolType !== null)) {
    intent.kind = 'rank';
    intent.rankBy = rankDim ?? (intent.schoolType || intent.region || intent.needBand || cues.has('receive') && cues.has('perPupil') ? 'school_code' : 'object_group');
  } else if (cues.has('trend') || cues.has('eachYear') || intent.since || intent.years.length >= 2) {
    // "changed since 2020", "by year": a trend; "went up last year", "changed from the year before": two years.
    const overYears = cues.has('eachYear') || intent.since !== null || intent.years.length >= 2;
    const oneYear = intent.years.length === 1 || intent.relative !== null || cues.has('compareYears');
    intent.kind = oneYear && !overYears ? 'year_vs_year' : 'trend';
  } else if (cues.has('compareYears')) {
    intent.kind = 'year_vs_year';
  } else if (cues.has('share')) {
    intent.kind = 'share';
  } else if (cues.has('perPupil')) {
    intent.kind = 'per_pupil';
  } else if (moneyCue || intent.subjects.length || intent.school || intent.region) {
    intent.kind = 'amount';
  } else if (intent.topic) {
    intent.kind = 'definition';
  }
  // "budget" and "actual" choose the phase when the question is not comparing them.
  if (!intent.column && intent.kind !== 'budget_vs_actual') {
    if (cues.has('budget')) intent.column = 'BB';
    else if (cues.has('actual')) intent.column = 'BA';
  }
  // A glossary word that is not a budget concept ("audits") cannot be counted: only defined.
  if (intent.kind !== 'definition') intent.unknown.push(...definitionOnly);
  // Rank questions without a "which" ("the 5 schools with the most per pupil") still name what to rank.
  if (intent.kind === 'rank' && !intent.rankBy) intent.rankBy = 'school_code';
  return intent;
}

/** Whether the year at token i is preceded by a "since"/"from" cue (within two words). */
function sinceBefore(tokens: string[], i: number, lex: Lexicon): boolean {
  const since = lex.phrases.filter((p) => p.kind === 'cue' && p.id === 'since');
  for (const p of since) {
    const n = p.words.length;
    for (let gap = 0; gap <= 1; gap++) {
      const s = i - n - gap;
      if (s < 0) continue;
      if (p.words.every((w, k) => tokens[s + k] === w)) return true;
    }
  }
  return false;
}

/** Every concept id (for tests that check each has terms and a label). */
export const CONCEPT_IDS: readonly string[] = CONCEPTS.map((c) => c.id);
