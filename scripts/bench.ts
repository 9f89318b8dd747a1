/**
 * npm run bench — pipeline throughput against a bare DuckDB `COPY … TO parquet` of the same files, in
 * the same run, on (1) the sample district and (2) a generated 5M-row SACS export. Prints rows/s, the
 * ratio (target ≤ 1.5×) and peak memory. Each measurement runs in a fresh process, best of `--runs`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBigSacs } from './bench-data.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, rows: { type: 'string', default: '5000000' }, skip5m: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const node = process.execPath;
const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.tmp/bench');
fs.mkdirSync(tmp, { recursive: true });

interface Run { ms: number; rows: number; maxRssMB: number }

function measure(mode: 'pipeline' | 'copy', input: string): Run {
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
  const mb = (dirBytes(input) / 1e6).toFixed(0);
  console.log(`\n${name}  (${p.rows.toLocaleString('en-US')} rows, ${mb} MB of CSV)`);
  console.log(`  pipeline      ${(p.ms / 1000).toFixed(2)} s   ${Math.round(p.rows / (p.ms / 1000)).toLocaleString('en-US')} rows/s   peak RSS ${p.maxRssMB} MB`);
  console.log(`  bare COPY     ${(c.ms / 1000).toFixed(2)} s   ${Math.round(c.rows / (c.ms / 1000)).toLocaleString('en-US')} rows/s   peak RSS ${c.maxRssMB} MB`);
  console.log(`  ratio         ${(p.ms / c.ms).toFixed(2)}× (target ≤ 1.5×)`);
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
