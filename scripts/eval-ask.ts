/**
 * npm run eval:ask -- [--release DIR] [--json FILE]
 *
 * Runs Ask's evaluation set (src/ask/eval/questions.json: English and Spanish questions, several phrasings
 * each, unanswerable ones included) against a built release — DIR is a data folder with current.json
 * (default public/data) or one release folder — and prints the accuracy, per language, and every failure
 * with the expected figures (computed from the release by the set's own SQL). --json writes the full
 * report. Exit 0 when it ran (whatever the accuracy; the floor is a unit test), 1 on failure to run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, runEval } from '../src/ask/eval.ts';

let values: { release?: string; json?: string };
try {
  ({ values } = parseArgs({ options: { release: { type: 'string' }, json: { type: 'string' } } }));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\nusage: npm run eval:ask -- [--release DIR] [--json FILE]\n`);
  process.exit(2);
}
try {
  const report = await runEval(path.resolve(values.release ?? process.env.RELEASE_DIR ?? 'public/data'));
  process.stdout.write(`${formatReport(report)}\n`);
  if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(report, null, 1)}\n`);
} catch (e) {
  process.stderr.write(`eval-ask: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
}
