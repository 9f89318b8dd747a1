/**
 * npm run ask -- [--json] [--release DIR] [--locale es] "question"
 *
 * Answers a question about a built release with the same engine as the Ask page (src/ask/), offline, on
 * native DuckDB. DIR is a data folder with current.json (default public/data) or one release folder.
 * Prints the answer sentence, what was understood, the view spec, the SQL with its parameters and the
 * numbers; --json prints the whole answer as JSON instead. With --llm URL (or ASK_LLM_ENDPOINT set) a
 * district's own language model may answer through the same query tools (src/ask/llm.ts); off by default.
 * Exit 0 when an answer was printed (its status says whether Ask answered, was unsure, or found no such figures), 2 on bad
 * arguments, 1 on any other failure.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ask, type Answer } from '../src/ask/engine.ts';
import { openAsk } from '../src/ask/node.ts';
import { askWithModel, llmConfigFromEnv } from '../src/ask/llm.ts';

const usage = 'usage: npm run ask -- [--json] [--release DIR] [--locale LOCALE] [--llm URL] "question"';
let values: { json?: boolean; release?: string; locale?: string; llm?: string; help?: boolean };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean' }, release: { type: 'string' }, locale: { type: 'string' }, llm: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n${usage}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const question = positionals.join(' ').trim();
if (!question) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

function print(a: Answer): void {
  const lines = [a.sentence, ''];
  if (a.understood.length) lines.push(`Understood: ${a.understood.join(', ')}`);
  if (a.spec) lines.push(`View spec: ${JSON.stringify(a.spec)}`);
  if (a.explorer) lines.push(`Explorer: explore/?${a.explorer}`);
  if (a.sql) lines.push('', 'SQL:', a.sql, `Parameters: ${JSON.stringify(a.params)}`);
  if (Object.keys(a.numbers).length) lines.push('', `Numbers: ${JSON.stringify(a.numbers)}`);
  if (a.table) {
    lines.push('', a.table.caption);
    for (const r of a.table.rows) lines.push(`  ${r.join('  |  ')}`);
  }
  if (a.suggestions.length) lines.push('', 'Questions I can answer:', ...a.suggestions.map((s) => `  - ${s}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

const dir = path.resolve(values.release ?? process.env.RELEASE_DIR ?? 'public/data');
const locale = values.locale ?? 'en';
try {
  const opened = await openAsk(dir, locale);
  try {
    const llm = llmConfigFromEnv({ ...process.env, ...(values.llm ? { ASK_LLM_ENDPOINT: values.llm } : {}) });
    const answer = llm ? await askWithModel(question, opened.options, llm) : await ask(question, opened.options);
    if (values.json) process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    else print(answer);
    process.exitCode = 0;
  } finally {
    opened.close();
  }
} catch (e) {
  process.stderr.write(`ask: ${(e as Error).message}\n`);
  process.exit(1);
}
