/**
 * The optional language-model extension point, with a fake model (no network): off unless configured;
 * the model's tool calls run real view specs on the sample release and every query is kept in the answer;
 * a sentence with a number no query returned is discarded for Ask's own answer; a failing endpoint falls
 * back to Ask's own answer.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { askWithModel, llmConfigFromEnv } from './llm.ts';
import { openAsk, type NodeAsk } from './node.ts';

const releaseDir = process.env.ASK_TEST_RELEASE || inject('sampleSite').out;

/** A fake chat-completions endpoint: first a tool call, then the given final text. */
function fakeModel(finalText: (toolResult: unknown) => string, calls: unknown[]): typeof fetch {
  let round = 0;
  return (async (_url: string, init: { body: string }) => {
    const body = JSON.parse(init.body) as { messages: { role: string; content: string | null }[]; tools: unknown[] };
    calls.push(body);
    round++;
    const message = round === 1
      ? { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'query_view', arguments: JSON.stringify({ spec: { table: 'line_items', measure: 'amount', by: [], filters: { column_code: ['BA'], fiscal_year: ['2022-23'], object_class: ['expenditure', 'other_outgo'] }, chart: 'table' } }) } }] }
      : { role: 'assistant', content: finalText(JSON.parse(body.messages.at(-1)!.content!)) };
    return new Response(JSON.stringify({ choices: [{ message }] }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
}

describe('language-model extension point', () => {
  let o: NodeAsk;
  beforeAll(async () => { o = await openAsk(releaseDir, 'en'); });
  afterAll(() => o?.close());

  it('is off unless an endpoint is configured', () => {
    expect(llmConfigFromEnv({})).toBeNull();
    expect(llmConfigFromEnv({ ASK_LLM_ENDPOINT: '  ' })).toBeNull();
    expect(llmConfigFromEnv({ ASK_LLM_ENDPOINT: 'http://127.0.0.1:8080/v1/chat/completions', ASK_LLM_MODEL: 'm' })).toEqual({ endpoint: 'http://127.0.0.1:8080/v1/chat/completions', model: 'm' });
  });

  it('keeps the model\'s sentence when its figures are the query\'s, and shows the query and numbers', async () => {
    const calls: unknown[] = [];
    const a = await askWithModel('How much did the district spend in 2022-23?', o.options, {
      endpoint: 'http://model.invalid/v1', fetch: fakeModel((r) => `The district spent $${(r as { rows: { amount: string }[] }).rows[0]!.amount} in 2022-23.`, calls),
    });
    expect(a.answeredBy).toBe('model');
    expect(a.queries).toHaveLength(1);
    expect(a.sql).toContain('FROM line_items AS t');
    expect(Object.values(a.numbers)).toContain(a.queries[0]!.rows[0]!.amount);
    expect(a.explorer).toContain('f.fiscal_year=2022-23');
    expect(calls).toHaveLength(2);
  });

  it('discards a sentence with a number no query returned', async () => {
    const a = await askWithModel('How much did the district spend in 2022-23?', o.options, {
      endpoint: 'http://model.invalid/v1', fetch: fakeModel(() => 'The district spent $123,456,789 in 2022-23.', []),
    });
    expect(a.answeredBy).toBe('engine');
    expect(a.sentence).not.toContain('123,456,789');
    expect(a.status).toBe('answered');
  });

  it('falls back to Ask when the endpoint fails', async () => {
    const a = await askWithModel('How much does the district spend on special education?', o.options, {
      endpoint: 'http://model.invalid/v1', fetch: (async () => { throw new TypeError('fetch failed'); }) as unknown as typeof fetch,
    });
    expect(a.answeredBy).toBe('engine');
    expect(a.numbers.value).toMatch(/^\d+\.\d{2}$/);
  });
});
