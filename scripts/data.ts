/**
 * npm run data [-- --input DIR --out DIR]
 * Published files → validated release. Exit 1 (and nothing published) on any error.
 */
import { parseArgs } from 'node:util';
import { runPipeline } from '../src/pipeline/run.ts';
import { formatProblem } from '../src/pipeline/report.ts';

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: 'data/sample' },
    out: { type: 'string', default: 'public/data' },
    quiet: { type: 'boolean', default: false },
  },
});
const log = values.quiet ? () => {} : (m: string) => process.stderr.write(`[data] ${m}\n`);
const started = performance.now();
const result = await runPipeline({ input: values.input!, out: values.out!, log });
const r = result.report;
for (const p of r.errors) process.stderr.write(`error: ${formatProblem(p)}\n`);
if (r.omittedErrors) process.stderr.write(`error: … and ${r.omittedErrors} more errors\n`);
const shownWarnings = r.warnings.slice(0, 20);
for (const p of shownWarnings) process.stderr.write(`warning: ${formatProblem(p)}\n`);
if (r.warnings.length + r.omittedWarnings > shownWarnings.length) process.stderr.write(`warning: … ${r.warnings.length + r.omittedWarnings - shownWarnings.length} more in the validation report\n`);
const secs = ((performance.now() - started) / 1000).toFixed(1);
if (!result.ok) {
  process.stderr.write(`[data] REFUSED: ${r.errors.length + r.omittedErrors} error(s); nothing was published and the previous release is unchanged (${secs} s). Report: ${values.out}/last-run.txt\n`);
  process.exit(1);
}
const rows = r.files.reduce((n, f) => n + f.rows, 0);
process.stderr.write(`[data] release ${result.release!.id}${result.release!.reused ? ' (already published, unchanged)' : ''}: ${rows.toLocaleString('en-US')} source rows, ${r.warnings.length + r.omittedWarnings} warning(s), ${secs} s → ${result.release!.dir}\n`);
