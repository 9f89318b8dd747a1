/**
 * Run before `astro build` by `npm start` and `npm run build`: makes sure there is a release to build
 * from. Generates the sample district when the input is the sample and it is missing, then runs the
 * pipeline (which returns at once when the current release already has exactly these sources).
 * Input: $DATA_INPUT or data/sample. Output: public/data.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const input = process.env.DATA_INPUT ?? 'data/sample';
const sample = path.resolve(root, 'data/sample');
if (path.resolve(root, input) === sample && !fs.existsSync(path.join(sample, 'sacs'))) {
  process.stderr.write('[prepare] no sample district yet: generating it (npm run sample)…\n');
  execFileSync(process.execPath, [path.join(root, 'scripts/sample.ts')], { stdio: 'inherit', cwd: root });
}
try {
  execFileSync(process.execPath, [path.join(root, 'scripts/data.ts'), '--input', input, '--out', 'public/data'], { stdio: 'inherit', cwd: root });
} catch {
  process.exit(1);
}
