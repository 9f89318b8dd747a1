/**
 * The staff file checker against the pipeline, on the pipeline's bad-input corpus
 * (src/pipeline/corpus-cases.ts). For every case: the pipeline runs on the whole changed input folder, the
 * checker on each file the case changed, alone (its kind from its path, as the pipeline reads a folder).
 * Then, for each changed file:
 * - the checker's errors and warnings are exactly the pipeline's problems for that file whose rule needs
 *   only that file (same rule, line, column, expected, found, in the same order);
 * - every other problem the pipeline reported for it is of a rule the checker names as "checked when
 *   publishing" for that kind of file;
 * and the pipeline reports nothing but such release-wide problems for files the case did not change.
 * The checker also gives the same result when the file arrives in 7-byte chunks (stream boundaries).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_CASES, type Mutation } from '../pipeline/corpus-cases.ts';
import { runPipeline } from '../pipeline/run.ts';
import type { Problem } from '../pipeline/report.ts';
import { baseFiles, FIXED_NOW, writeFiles, type InputFiles } from '../pipeline/test-helpers.ts';
import { headerKey } from '../rules/csv.ts';
import { kindFromHeader, kindFromPath } from '../rules/inputs.ts';
import { RULES } from '../rules/messages.ts';
import { bytesSource, checkBytes, type CheckProblem, type CheckReport } from './check.ts';

const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'checker-corpus-'));
afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

const bytes = (v: string | Buffer) => (typeof v === 'string' ? Buffer.from(v) : v);

/** The files a mutation changed or added (deleted files cannot be checked on their own). */
function changedFiles(files: InputFiles): string[] {
  const base = baseFiles();
  return Object.keys(files).filter((f) => !(f in base) || !bytes(files[f]!).equals(bytes(base[f]!))).sort();
}

/** What both sides must agree on, without undefined fields. */
function comparable(p: Problem | CheckProblem) {
  return Object.fromEntries(Object.entries({ severity: p.severity, rule: p.rule, line: p.line, column: p.column, expected: p.expected, found: p.found }).filter(([, v]) => v !== undefined));
}

interface Outcome {
  title: string;
  files: string[];
  /** Problems the checker reported, and pipeline problems it deferred to publishing. */
  reported: number;
  deferred: number;
}
const outcomes: Outcome[] = [];

async function compare(title: string, mutate?: Mutation): Promise<void> {
  const files = baseFiles();
  mutate?.(files);
  const dir = fs.mkdtempSync(path.join(ROOT, 'case-'));
  writeFiles(path.join(dir, 'input'), files);
  const run = await runPipeline({ input: path.join(dir, 'input'), out: path.join(dir, 'out'), now: FIXED_NOW, log: () => {} });
  const problems = [...run.report.errors, ...run.report.warnings];
  // Every problem names its rule.
  expect(problems.filter((p) => !p.rule).map((p) => p.expected)).toEqual([]);
  const changed = changedFiles(files);
  const outcome: Outcome = { title, files: changed, reported: 0, deferred: 0 };
  for (const file of changed) {
    const report = await checkBytes(bytesSource(bytes(files[file]!)), { file });
    const mine = problems.filter((p) => p.file === file);
    const single = (sev: string) => mine.filter((p) => p.severity === sev && RULES[p.rule!].scope === 'file').map(comparable);
    expect({ file, errors: report.errors.map(comparable), warnings: report.warnings.map(comparable) }).toEqual({ file, errors: single('error'), warnings: single('warning') });
    const release = mine.filter((p) => RULES[p.rule!].scope === 'release');
    expect(release.map((p) => p.rule).filter((r) => !report.deferred.includes(r!)), `${file}: release-wide rules the checker does not name`).toEqual([]);
    // The same result when the text arrives in small pieces (not for the 10 MB line: re-reading it each time would be slow).
    const chunked: CheckReport = await checkBytes(bytesSource(bytes(files[file]!)), { file }, { chunkBytes: bytes(files[file]!).length < 1e5 ? 7 : 1 << 16 });
    expect(chunked).toEqual(report);
    outcome.reported += report.errors.length + report.warnings.length;
    outcome.deferred += release.length;
  }
  const elsewhere = problems.filter((p) => !changed.includes(p.file));
  expect(elsewhere.filter((p) => RULES[p.rule!].scope !== 'release').map((p) => `${p.file}: ${p.expected}`), 'file problems outside the changed files').toEqual([]);
  outcome.deferred += elsewhere.length;
  outcomes.push(outcome);
}

describe.concurrent('the file checker reports what the pipeline reports, on the bad-input corpus', () => {
  it('base folder (every file valid): nothing to report', async () => {
    await compare('base');
  });
  for (const [title, mutate] of Object.entries(CORPUS_CASES)) {
    it(title, async () => {
      await compare(title, mutate);
    });
  }
});

describe('summary', () => {
  it('covers every case; most problems are found by the checker alone', () => {
    const cases = outcomes.filter((o) => o.title !== 'base');
    expect(cases.length).toBe(Object.keys(CORPUS_CASES).length);
    const compared = cases.filter((o) => o.files.length > 0);
    const withProblems = compared.filter((o) => o.reported > 0);
    const deferredOnly = cases.filter((o) => o.deferred > 0 && o.reported === 0);
    console.info(
      `checker vs pipeline: ${compared.length} of ${cases.length} corpus cases changed a file the checker can read; ` +
        `the checker reported the pipeline's problems in ${withProblems.length}; ${deferredOnly.length} cases had only release-wide problems (checked when publishing): ` +
        deferredOnly.map((o) => o.title).join('; '),
    );
    expect(withProblems.length).toBeGreaterThan(40);
  });
});

describe('input kinds', () => {
  it('a base file on its own is recognised by its header as the kind its folder gives it', () => {
    for (const [file, body] of Object.entries(baseFiles())) {
      if (!file.endsWith('.csv')) continue;
      const header = bytes(body).toString('utf8').split('\n')[0]!.split(',');
      expect({ file, kind: kindFromHeader(file.replace(/^.*\//, ''), header) }).toEqual({ file, kind: kindFromPath(file) });
    }
  });

  it('recognises the real state files by header too', () => {
    const frpm = ['Academic Year', 'County Code', 'District Code', 'School Code', 'County Name', 'District Name', 'School Name', 'Enrollment (K-12)', 'FRPM Count (K-12)'];
    expect(kindFromHeader('frpm.csv', frpm)).toBe('frpm');
    expect(kindFromHeader('x.csv', ['Ccode', 'Dcode', 'SchoolCode', 'Fiscalyear', 'Period', 'Colcode', 'Account', 'Fund', 'Resource', 'Projectyear', 'Goal', 'Function', 'Object', 'Value'])).toBe('sacs');
    expect(kindFromHeader('ref_object_codes.csv', ['Code', 'Title'])).toBe('codeList');
    expect(kindFromHeader('notes.csv', ['when', 'who', 'what'].map((h) => headerKey(h)))).toBeUndefined();
  });
});
