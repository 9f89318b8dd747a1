/**
 * Optional extension point: a district's own language model answers through Ask's query tools.
 *
 * OFF BY DEFAULT. The site and the CLI are complete without it; nothing is sent anywhere unless a district
 * configures an endpoint (build-time environment `ASK_LLM_ENDPOINT`, optionally `ASK_LLM_MODEL`; the CLI
 * also takes `--llm URL`). The endpoint must speak the OpenAI-compatible chat-completions protocol with
 * tool calls (vLLM, llama.cpp's server, Ollama's /v1 and most gateways do); it should be the district's
 * own server or proxy, which holds any credentials: the static site never carries a key.
 *
 * The model gets three tools, the same ones the rule-based engine uses:
 * - `ask_engine(question)`: Ask's own answer to a (rephrased) question, with its view spec and numbers;
 * - `find(name)`: schools, regions and SACS codes whose names match, with their codes;
 * - `query_view(spec)`: runs a view spec of the query layer (src/query/spec.ts) and returns its rows.
 * Every answer still shows each query that ran and its numbers. And it cannot invent a figure: every
 * number in the model's text must be one of the tool results' numbers (as written, or formatted the way
 * Ask formats money, counts and percentages); otherwise its text is discarded and Ask answers itself,
 * saying so. No Node APIs (fetch is injectable for tests).
 */
import { compileSpec } from '../query/compile.ts';
import { parseSpec, type ViewSpec } from '../query/spec.ts';
import { encodeSpec } from '../query/url.ts';
import { formatters } from '../i18n/format.ts';
import { parseCents } from '../site/money.ts';
import { ask, type Answer, type AskOptions } from './engine.ts';
import { normalize, sameWord, words } from './text.ts';

export interface LlmConfig {
  endpoint: string;
  model?: string;
  /** Tool rounds before giving up (default 4). */
  maxRounds?: number;
  fetch?: typeof fetch;
}

/** The configuration from environment variables, or null (the default: no model). */
export function llmConfigFromEnv(env: Record<string, string | undefined>): LlmConfig | null {
  const endpoint = env.ASK_LLM_ENDPOINT?.trim();
  if (!endpoint) return null;
  return { endpoint, ...(env.ASK_LLM_MODEL ? { model: env.ASK_LLM_MODEL } : {}) };
}

export interface ModelQuery {
  spec: ViewSpec;
  sql: string;
  params: (string | boolean)[];
  rows: Record<string, unknown>[];
}

export interface ModelAnswer extends Answer {
  /** Every query the model ran, with its rows. */
  queries: ModelQuery[];
  /** 'model' when the model's text was kept; 'engine' when Ask answered itself. */
  answeredBy: 'model' | 'engine';
}

const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'ask_engine',
      description: "Ask the portal's rule-based engine a plain question about the district's budget; returns its answer sentence, view spec and exact numbers.",
      parameters: { type: 'object', properties: { question: { type: 'string' } }, required: ['question'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'find',
      description: 'Find schools, regions and SACS codes (fund, resource, goal, function, object) by name; returns their codes.',
      parameters: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'query_view',
      description: 'Run a view spec: {table: line_items|allocations, measure: amount|per_pupil|share|change, by: [dimension], filters: {dimension: [values]}, compare: none|budget_vs_actual|year_vs_year}. Amounts are exact decimal strings. Spending on line_items = filters.object_class ["expenditure","other_outgo"]; column_code BB adopted budget, BA unaudited actuals.',
      parameters: { type: 'object', properties: { spec: { type: 'object' } }, required: ['spec'] },
    },
  },
] as const;

interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

/** Every way a figure from the tool results may be written in an answer. */
function acceptedNumbers(values: string[], locale: string): Set<string> {
  const f = formatters(locale);
  const en = formatters('en');
  const out = new Set<string>();
  const add = (s: string | null) => {
    if (!s) return;
    for (const n of s.match(/\d[\d,.\s]*\d|\d/g) ?? []) out.add(n.replace(/[,\s]/g, ''));
  };
  for (const v of values) {
    add(v);
    if (/^-?\d+(\.\d+)?$/.test(v)) {
      try {
        const c = parseCents(v.includes('.') && v.split('.')[1]!.length > 2 ? Number(v).toFixed(2) : v);
        for (const fm of [f, en]) { add(fm.moneyLong(c)); add(fm.dollars(c)); add(fm.moneyShort(c)); }
      } catch { /* not money */ }
      const n = Number(v);
      if (Number.isFinite(n)) { add(f.count(Math.round(n))); add(f.number(n, 1)); add(String(Math.round(n))); }
    }
  }
  return out;
}

/** Numbers written in a text, without separators ("$1.23 billion" → "1.23"). */
function numbersIn(text: string): string[] {
  return (text.match(/\d[\d,.\s]*\d|\d/g) ?? []).map((n) => n.replace(/[,\s]/g, '').replace(/\.$/, ''));
}

function findNames(query: string, o: AskOptions): { kind: string; code: string; name: string }[] {
  const want = words(normalize(query));
  const hit = (name: string) => {
    const have = words(normalize(name));
    return want.length > 0 && want.every((w) => have.some((h) => sameWord(w, h)));
  };
  const out: { kind: string; code: string; name: string }[] = [];
  for (const s of o.lexicon.data.schools) if (hit(s.name)) out.push({ kind: 'school_code', code: s.code, name: s.name });
  for (const r of o.lexicon.regions) if (hit(r.name)) out.push({ kind: 'region', code: r.key, name: r.name });
  for (const c of o.lexicon.data.codes) if (hit(c.title)) out.push({ kind: c.dimension, code: c.code, name: c.title });
  return out.slice(0, 25);
}

/**
 * Answers with the district's model when one is configured; Ask's own answer otherwise or whenever the
 * model fails, cannot be reached, or writes a number no query returned.
 */
export async function askWithModel(question: string, o: AskOptions, config: LlmConfig): Promise<ModelAnswer> {
  const doFetch = config.fetch ?? fetch;
  const queries: ModelQuery[] = [];
  const figures: string[] = [];
  const engineAnswers: Answer[] = [];
  const fallback = async (): Promise<ModelAnswer> => ({ ...(engineAnswers[0] ?? (await ask(question, o))), queries, answeredBy: 'engine' });

  const runTool = async (name: string, args: Record<string, unknown>): Promise<unknown> => {
    if (name === 'ask_engine') {
      const a = await ask(String(args.question ?? question), o);
      engineAnswers.push(a);
      if (a.spec && a.sql) queries.push({ spec: a.spec, sql: a.sql, params: a.params, rows: [] });
      figures.push(...Object.values(a.numbers));
      return { status: a.status, sentence: a.sentence, understood: a.understood, spec: a.spec, numbers: a.numbers };
    }
    if (name === 'find') return findNames(String(args.name ?? ''), o);
    if (name === 'query_view') {
      const parsed = parseSpec({ ...(args.spec as object), release: o.lexicon.data.release });
      if (!parsed.ok) return { error: parsed.errors };
      const compiled = compileSpec(parsed.spec);
      const rows = (await o.run(compiled.sql, compiled.params)).slice(0, 50);
      queries.push({ spec: parsed.spec, sql: compiled.sql, params: compiled.params, rows });
      for (const r of rows) for (const v of Object.values(r)) if (v !== null && v !== undefined) figures.push(String(v));
      return { rows, columns: compiled.columns };
    }
    return { error: `unknown tool ${name}` };
  };

  const messages: ChatMessage[] = [
    { role: 'system', content: `You answer questions about a school district's budget in ${o.locale}, in one or two plain sentences. Use the tools for every figure; never state a number the tools did not return. Fiscal years are written 2024-25.` },
    { role: 'user', content: question },
  ];
  try {
    for (let round = 0; round < (config.maxRounds ?? 4); round++) {
      const res = await doFetch(config.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(config.model ? { model: config.model } : {}), messages, tools: TOOLS, tool_choice: 'auto' }),
      });
      if (!res.ok) return fallback();
      const body = (await res.json()) as { choices?: { message?: ChatMessage }[] };
      const msg = body.choices?.[0]?.message;
      if (!msg) return fallback();
      messages.push({ role: 'assistant', content: msg.content ?? null, ...(msg.tool_calls ? { tool_calls: msg.tool_calls } : {}) });
      if (msg.tool_calls?.length) {
        for (const call of msg.tool_calls) {
          let args: Record<string, unknown> = {};
          try { args = JSON.parse(call.function.arguments || '{}') as Record<string, unknown>; } catch { /* empty args */ }
          const result = await runTool(call.function.name, args);
          messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
        }
        continue;
      }
      const text = (msg.content ?? '').trim();
      if (!text || !queries.length) return fallback();
      const accepted = acceptedNumbers(figures, o.locale);
      // Fiscal years and calendar years of the release are not figures.
      const years = new Set(o.lexicon.years.flatMap((y) => [y.slice(0, 4), String(Number(y.slice(0, 4)) + 1)]));
      const prose = text.replace(/\b(19|20)\d{2}[-–](\d{2}|\d{4})\b/g, ' ');
      const invented = numbersIn(prose).filter((n) => !accepted.has(n) && !years.has(n));
      if (invented.length) return fallback();
      const first = queries[0]!;
      const numbers: Record<string, string> = {};
      queries.forEach((q, i) => q.rows.slice(0, 10).forEach((r, j) => Object.entries(r).forEach(([k, v]) => { if (v !== null && v !== undefined) numbers[`q${i + 1}.r${j + 1}.${k}`] = String(v); })));
      const base = engineAnswers[0];
      return {
        question, locale: o.locale, status: 'answered', kind: base?.kind ?? 'amount', sentence: text,
        understood: base?.understood ?? [], spec: first.spec, sql: first.sql, params: first.params,
        numbers: Object.keys(numbers).length ? numbers : (base?.numbers ?? {}), table: base?.table ?? null,
        explorer: encodeSpec(first.spec), suggestions: [], queries, answeredBy: 'model',
      };
    }
  } catch {
    return fallback();
  }
  return fallback();
}
