/**
 * npm run bench — pipeline throughput against a bare DuckDB `COPY … TO parquet` of the same files, in
 * the same run, on (1) the sample district and (2) a generated 5M-row SACS export. Prints rows/s, the
 * ratio (target ≤ 1.5×) and peak memory. Each measurement runs in a fresh process, best of `--runs`.
 * Then a Lighthouse mobile run on home, a school page and the budget page of the built site (`dist/`, built
 * once with `npm run build` if missing); `--skip-lighthouse` leaves it out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBigSacs } from './bench-data.ts';
import { formatLighthouse, runLighthouse } from './lighthouse.ts';
import { formatExplorerBench, runExplorerBench } from './bench-explorer.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, rows: { type: 'string', default: '5000000' }, skip5m: { type: 'boolean', default: false }, 'skip-lighthouse': { type: 'boolean', default: false }, 'skip-explorer': { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const node = process.execPath;
const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp/bench');
fs.mkdirSync(tmp, { recursive: true });

interface Run { ms: number; rows: number; maxRssMB: number }

function measure(mode: 'pipeline' | 'copy' | 'copy-text', input: string): Run {
  let best: Run | undefined;
  for (let i = 0; i < runs; i++) {
    const out = path.join(tmp, `${mode}-out`);
    fs.rmSync(out, { recursive: true, force: true });
    const line = execFileSync(node, [path.join(root, 'scripts/bench-worker.ts'), mode, input, out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    const r = JSON.parse(line.trim().split('\n').pop()!) as Run;
    if (!best || r.ms < best.ms) best = { ...r, maxRssMB: Math.max(r.maxRssMB, best?.maxRssMB ?? 0) };
  }
  return best!;
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) n += fs.statSync(path.join(e.parentPath, e.name)).size;
  return n;
}

function report(name: string, input: string): void {
  process.stderr.write(`[bench] ${name}: measuring (${runs} runs each)…\n`);
  const p = measure('pipeline', input);
  const c = measure('copy', input);
  const ct = measure('copy-text', input);
  const mb = (dirBytes(input) / 1e6).toFixed(0);
  const line = (label: string, r: Run) =>
    console.log(`  ${label.padEnd(26)} ${(r.ms / 1000).toFixed(2)} s   ${Math.round(r.rows / (r.ms / 1000)).toLocaleString('en-US').padStart(9)} rows/s   peak RSS ${r.maxRssMB} MB`);
  console.log(`\n${name}  (${p.rows.toLocaleString('en-US')} rows, ${mb} MB of CSV)`);
  line('pipeline', p);
  line('bare COPY (types sniffed)', c);
  line('bare COPY (all text)', ct);
  // Sniffing reads codes such as resource 0100 as numbers and drops their zeros, so the all-text copy is
  // the like-for-like baseline: SACS codes must stay text.
  console.log(`  ratio                      ${(p.ms / c.ms).toFixed(2)}× the sniffed copy, ${(p.ms / ct.ms).toFixed(2)}× the all-text copy (target ≤ 1.5×)`);
}

const sample = path.join(root, 'data/sample');
if (!fs.existsSync(path.join(sample, 'sacs'))) {
  process.stderr.write('[bench] generating the sample district first (npm run sample)…\n');
  execFileSync(node, [path.join(root, 'scripts/sample.ts')], { stdio: 'inherit' });
}
report('Sample district', sample);
if (!values.skip5m) {
  const big = path.join(tmp, `sacs-${values.rows}`);
  if (!fs.existsSync(path.join(big, 'done'))) {
    process.stderr.write(`[bench] writing a ${Number(values.rows).toLocaleString('en-US')}-row SACS export…\n`);
    writeBigSacs(big, Number(values.rows));
    fs.writeFileSync(path.join(big, 'done'), '');
  }
  report(`Generated SACS export`, big);
}

if (!values['skip-lighthouse']) {
  const dist = path.join(root, 'dist');
  // A stale dist/ from an older build can lack the school or budget pages: build when any page is missing.
  if (!['index.html', 'schools/index.html', 'budget/index.html'].every((f) => fs.existsSync(path.join(dist, f)))) {
    process.stderr.write('[bench] building the site first (npm run build)…\n');
    // The build's output goes to stderr so the bench report on stdout stays as it was.
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  }
  console.log(formatLighthouse(await runLighthouse(dist)));
}

// The Explorer in Chromium: bytes, time to data ready, query latency (scripts/bench-explorer.ts).
if (!values['skip-explorer']) console.log(formatExplorerBench(await runExplorerBench()));
