/**
 * Vitest global setup: one small sample district → pipeline → `astro build`, made once per test run and
 * shared by every test that checks built pages against the release (tests read it with
 * `inject('sampleSite')`). One build, because concurrent `astro build`s in one project collide on
 * `.astro/` (seen: ERR_MODULE_NOT_FOUND), and because it is the slowest fixture.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { generate } from '../sample/generate.ts';
import { runPipeline } from '../pipeline/run.ts';
import { formatProblem } from '../pipeline/report.ts';
import { buildSearchIndex } from '../../scripts/search-index.ts';

export interface SampleSite {
  /** The generated published files. */
  input: string;
  /** The pipeline's output folder (current.json, releases/). */
  out: string;
  /** The release folder. */
  releaseDir: string;
  releaseId: string;
  /** The built site. */
  dist: string;
  errors: string[];
  warnings: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    sampleSite: SampleSite;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject): Promise<() => void> {
  // For quick runs of unit tests only: `NO_SAMPLE_SITE=1 vitest run src/rules` (page tests then fail).
  if (process.env.NO_SAMPLE_SITE) {
    project.provide('sampleSite', { input: '', out: '', dist: '', releaseDir: '', releaseId: '', errors: ['NO_SAMPLE_SITE is set: no sample site was built'], warnings: [] });
    return () => {};
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-site-'));
  const input = path.join(tmp, 'in');
  const out = path.join(tmp, 'out');
  const dist = path.join(tmp, 'dist');
  generate(input, { schools: 24, firstYear: 2021, lastYear: 2024 });
  const result = await runPipeline({ input, out, now: new Date('2026-03-01T00:00:00Z') });
  if (result.ok) {
    await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', dist], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', RELEASE_DIR: out },
      maxBuffer: 64 << 20,
    });
    await buildSearchIndex(dist, () => {});
  }
  project.provide('sampleSite', {
    input, out, dist,
    releaseDir: result.release?.dir ?? '',
    releaseId: result.release?.id ?? '',
    errors: result.report.errors.map(formatProblem),
    warnings: result.report.warnings.map(formatProblem),
  });
  return () => fs.rmSync(tmp, { recursive: true, force: true });
}
