/**
 * The publishing workflow (.github/workflows/publish.yml): read with a small strict YAML reader (no YAML
 * library is installed), its triggers and steps checked, then its data, report and diff steps RUN, exactly
 * as written, on a fixture change in a temporary workspace: a refused change must put the validation report
 * in the job summary and leave the published release untouched; a valid change must produce the diff.
 * (Install, build and deploy steps are checked by their commands, not run.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree, tempDir } from './test-helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKFLOW = path.join(ROOT, '.github/workflows/publish.yml');
const TINY = path.join(import.meta.dirname, '__fixtures__/tiny');

// ------------------------------------------------------------------------------ a strict YAML subset reader

export type Yaml = string | null | Yaml[] | { [key: string]: Yaml };

/**
 * Reads the YAML subset the workflow is written in: block mappings and sequences indented by exactly two
 * spaces per level, `- key: value` items, plain / "double" / 'single' quoted scalars, `|` literal blocks,
 * full-line and ` #` trailing comments. Anything else (tabs, flow collections, anchors, odd indentation,
 * duplicate keys) throws with the line number: the test fails rather than guessing.
 */
export function readYaml(src: string): Yaml {
  const lines = src.split('\n');
  let i = 0;
  const fail = (msg: string, n = i + 1): never => {
    throw new Error(`workflow line ${n}: ${msg}: ${JSON.stringify(lines[n - 1] ?? '')}`);
  };
  const blank = (s: string) => /^\s*(#.*)?$/.test(s);
  const peek = (): { indent: number; text: string } | null => {
    while (i < lines.length && blank(lines[i]!)) i++;
    if (i >= lines.length) return null;
    const raw = lines[i]!;
    if (raw.includes('\t')) fail('tab');
    const indent = raw.length - raw.trimStart().length;
    if (indent % 2) fail('indentation is not a multiple of two spaces');
    return { indent, text: stripComment(raw.trim()) };
  };
  const stripComment = (s: string): string => {
    let q: string | null = null;
    for (let k = 0; k < s.length; k++) {
      const c = s[k]!;
      if (q) { if (c === q) q = null; continue; }
      if (c === '"' || c === "'") { if (k === 0 || /[\s:-]/.test(s[k - 1]!)) q = c; continue; }
      if (c === '#' && (k === 0 || s[k - 1] === ' ')) return s.slice(0, k).trimEnd();
    }
    return s;
  };
  const scalar = (s: string): string => {
    if (s.startsWith('"')) {
      if (!/^"(?:[^"\\]|\\.)*"$/.test(s)) fail('bad double-quoted string');
      return JSON.parse(s) as string;
    }
    if (s.startsWith("'")) {
      if (!/^'(?:[^']|'')*'$/.test(s)) fail('bad single-quoted string');
      return s.slice(1, -1).replaceAll("''", "'");
    }
    if (/^[[\]{}&*!%@`>|]/.test(s)) fail('unsupported YAML (flow collection, anchor, tag or folded block)');
    if (/: /.test(s) && !s.includes('${{')) fail('": " inside a plain scalar');
    return s;
  };
  const literal = (parent: number): string => {
    const body: string[] = [];
    let indent = -1;
    while (i < lines.length) {
      const raw = lines[i]!;
      if (/^\s*$/.test(raw)) { body.push(''); i++; continue; }
      const ind = raw.length - raw.trimStart().length;
      if (indent < 0) { if (ind <= parent) fail('empty | block'); indent = ind; }
      if (ind < indent) break;
      body.push(raw.slice(indent));
      i++;
    }
    while (body.length && body.at(-1) === '') body.pop();
    return `${body.join('\n')}\n`;
  };
  const KEY = /^([A-Za-z0-9_][A-Za-z0-9_.\-/]*):(?:\s+(.*))?$/;
  const value = (rest: string | undefined, keyIndent: number): Yaml => {
    if (rest === undefined || rest === '') {
      const next = peek();
      return next && next.indent > keyIndent ? block(keyIndent + 2) : null;
    }
    if (rest === '|') { i++; return literal(keyIndent); }
    i++;
    return scalar(rest);
  };
  const entry = (obj: Record<string, Yaml>, text: string, indent: number): void => {
    const m = KEY.exec(text) ?? fail('expected "key: value"');
    const key = m[1]!;
    if (Object.hasOwn(obj, key)) fail(`duplicate key ${key}`);
    if (m[2] === undefined || m[2] === '') i++;
    obj[key] = m[2] === '|' ? value('|', indent) : value(m[2], indent);
  };
  const mapping = (indent: number, obj: Record<string, Yaml> = {}): Record<string, Yaml> => {
    for (let l = peek(); l && l.indent >= indent; l = peek()) {
      if (l.indent > indent) fail('unexpected indentation');
      if (l.text.startsWith('- ')) fail('a sequence item where a key was expected');
      entry(obj, l.text, indent);
    }
    return obj;
  };
  const sequence = (indent: number): Yaml[] => {
    const out: Yaml[] = [];
    for (let l = peek(); l && l.indent >= indent; l = peek()) {
      if (l.indent > indent) fail('unexpected indentation');
      if (!l.text.startsWith('- ')) break;
      const item = l.text.slice(2).trim();
      if (KEY.test(item)) {
        const obj: Record<string, Yaml> = {};
        entry(obj, item, indent + 2);
        out.push(mapping(indent + 2, obj));
      } else {
        i++;
        out.push(scalar(item));
      }
    }
    return out;
  };
  const block = (indent: number): Yaml => {
    const l = peek();
    if (!l) return null;
    if (l.indent !== indent) fail(`expected indentation ${indent}`);
    return l.text.startsWith('- ') ? sequence(indent) : mapping(indent);
  };
  const doc = block(0);
  if (peek()) fail('unexpected content');
  return doc;
}

// --------------------------------------------------------------------------------------- the workflow file

type Obj = { [key: string]: Yaml };
const obj = (v: Yaml | undefined): Obj => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`expected a mapping, found ${JSON.stringify(v)}`);
  return v;
};
interface Step { name?: string; uses?: string; run?: string; id?: string; if?: string; with?: Obj; env?: Obj; 'continue-on-error'?: string }
const steps = (job: Obj): Step[] => (job['steps'] as Yaml[]).map((s) => obj(s) as unknown as Step);
const named = (job: Obj, name: string): Step => steps(job).find((s) => s.name === name) ?? (() => { throw new Error(`no step named ${name}`); })();

let wf: Obj;

describe('publish.yml', () => {
  beforeAll(() => {
    wf = obj(readYaml(fs.readFileSync(WORKFLOW, 'utf8')));
  });

  it('the reader is strict', () => {
    expect(readYaml('a:\n  b: "x"\n  c:\n    - d\n    - e: f\n      g: |\n        one\n        two\n')).toEqual({ a: { b: 'x', c: ['d', { e: 'f', g: 'one\ntwo\n' }] } });
    expect(() => readYaml('a:\n   b: c\n')).toThrow(/indentation/);
    expect(() => readYaml('a: [b, c]\n')).toThrow(/flow/);
    expect(() => readYaml('a: b\na: c\n')).toThrow(/duplicate/);
    expect(() => readYaml('a:\n\tb: c\n')).toThrow(/tab/);
  });

  it('runs on pull requests that change data/ and on pushes to main', () => {
    expect(wf['on']).toEqual({ pull_request: { paths: ['data/**'] }, push: { branches: ['main'] } });
    expect(obj(wf['env'])['DATA_INPUT']).toBe('data/district');
    expect(Object.keys(obj(wf['jobs']))).toEqual(['check', 'deploy']);
  });

  it('pull requests: install, validate, report a refusal, post what changed, build, upload the site', () => {
    const check = obj(obj(wf['jobs'])['check']);
    expect(check['if']).toBe("github.event_name == 'pull_request'");
    expect(obj(check['permissions'])).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const s = steps(check);
    expect(s[0]!.uses).toBe('actions/checkout@v4');
    expect(s[1]).toEqual({ uses: 'actions/setup-node@v4', with: { 'node-version': '20' } });
    expect(s.map((x) => x.run?.trim().split('\n')[0] ?? x.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm install --no-audit --no-fund',
      'mkdir -p public/data',
      'npm run data -- --input data/district --out public/data',
      '{',
      'npm run diff -- --data public/data --published published-current.json --markdown changes.md',
      'cat changes.md >> "$GITHUB_STEP_SUMMARY"',
      'gh pr comment "$PR_NUMBER" --body-file changes.md',
      'npm run build',
      'actions/upload-artifact@v4',
    ]);
    expect(named(check, 'Validate the files and build the release').id).toBe('data');
    const report = named(check, 'Validation report');
    expect(report.if).toBe("failure() && steps.data.outcome == 'failure'");
    expect(report.run).toContain('cat public/data/last-run.txt');
    expect(report.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(named(check, 'Comment on the pull request').env).toEqual({ GH_TOKEN: '${{ github.token }}', PR_NUMBER: '${{ github.event.pull_request.number }}' });
    expect(s.at(-1)!.with).toEqual({ name: 'site', path: 'dist/', 'retention-days': '14' });
  });

  it('main: the same release and build, the releases kept, then deployed to GitHub Pages', () => {
    const jobs = obj(wf['jobs']);
    const deploy = obj(jobs['deploy']);
    expect(deploy['if']).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(obj(deploy['permissions'])).toEqual({ contents: 'write', pages: 'write', 'id-token': 'write' });
    expect(obj(deploy['environment'])['name']).toBe('github-pages');
    const s = steps(deploy);
    const check = steps(obj(jobs['check']));
    // The validation and diff steps are the pull request's, word for word.
    for (const name of ['Install', 'Restore the published releases', 'Validate the files and build the release', 'Validation report', 'What changed']) {
      expect(named(deploy, name)).toEqual(named(obj(jobs['check']), name));
    }
    expect(check.length).toBeGreaterThan(0);
    expect(s.map((x) => x.uses ?? x.name)).toEqual([
      'actions/checkout@v4', 'actions/setup-node@v4', 'Install', 'Restore the published releases', 'Validate the files and build the release',
      'Validation report', 'What changed', 'Show what changed in the job summary', 'actions/configure-pages@v5', 'Build the site', 'Keep the releases',
      'actions/upload-pages-artifact@v3', 'actions/deploy-pages@v4',
    ]);
    expect(named(deploy, 'Build the site').run).toBe('npm run build');
    expect(named(deploy, 'Keep the releases').run).toContain('git add current.json releases');
    expect(s.find((x) => x.uses === 'actions/upload-pages-artifact@v3')!.with).toEqual({ path: 'dist/' });
    expect(s.at(-1)!.id).toBe('deployment');
  });

  it('every npm script the workflow runs exists in package.json', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const used = new Set([...fs.readFileSync(WORKFLOW, 'utf8').matchAll(/npm run (\w+)/g)].map((m) => m[1]!));
    expect([...used].sort()).toEqual(['build', 'data', 'diff']);
    for (const name of used) expect(scripts, `npm run ${name}`).toHaveProperty(name);
    expect(scripts['diff']).toBe('node scripts/diff-releases.ts');
  });
});

// ----------------------------------------------------------------- running the workflow's steps on a change

describe("the workflow's data and diff steps on a fixture change", () => {
  let ws: string;
  let check: Obj;
  const SACS = 'data/district/sacs/19-99999-0000000_BS1_2023-24_TESTSUB001_UserGL.csv';
  const LINE = 'TESTSUB001,19999990000000,2023-24,BS1,BB,0130100111010001100,01,3010,0,1110,1000,1100,120000.25,I';

  /** Runs a step's `run` as GitHub does (bash -eo pipefail) in the workspace. */
  const run = (step: Step, summary: string) => {
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: ws,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_STEP_SUMMARY: summary, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const setLine = (text: string) => {
    const f = path.join(ws, SACS);
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    const k = lines.findIndex((l) => l.includes(',0130100111010001100,'));
    lines[k] = text;
    fs.writeFileSync(f, lines.join('\n'));
  };
  /** What the "Restore the published releases" step leaves behind: the published current.json, copied. */
  const published = () => fs.copyFileSync(path.join(ws, 'public/data/current.json'), path.join(ws, 'published-current.json'));

  beforeAll(() => {
    check = obj(obj(obj(readYaml(fs.readFileSync(WORKFLOW, 'utf8')))['jobs'])['check']);
    // A checkout of the project (its scripts and sources, its installed packages) with the district's files.
    ws = tempDir('workflow-test');
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(ws, 'package.json'));
    for (const d of ['node_modules', 'scripts', 'src']) fs.symlinkSync(path.join(ROOT, d), path.join(ws, d));
    fs.cpSync(TINY, path.join(ws, 'data/district'), { recursive: true });
    // The release already published (what a first merge to main made).
    const first = run(named(check, 'Validate the files and build the release'), path.join(ws, 'summary-0.md'));
    expect(first.status, first.out).toBe(0);
    published();
  }, 60_000);

  afterAll(() => {
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  it('a refused change fails the data step and puts the validation report in the job summary', () => {
    const before = hashTree(path.join(ws, 'public/data/releases'));
    const current = fs.readFileSync(path.join(ws, 'public/data/current.json'), 'utf8');
    setLine(LINE.replace('120000.25', '120000.255'));
    const summary = path.join(ws, 'summary-refused.md');
    const data = run(named(check, 'Validate the files and build the release'), summary);
    expect(data.status).toBe(1);
    expect(data.out).toContain('REFUSED');
    const report = run(named(check, 'Validation report'), summary);
    expect(report.status).toBe(1);
    const text = fs.readFileSync(summary, 'utf8');
    expect(text).toContain('## The data files were refused');
    expect(text).toContain(fs.readFileSync(path.join(ws, 'public/data/last-run.txt'), 'utf8'));
    expect(text).toContain('Pipeline run: REFUSED');
    expect(text).toMatch(/sacs\/19-99999-0000000_BS1_2023-24_TESTSUB001_UserGL\.csv, line 5, column Amount: expected an amount .*found "120000\.255"/);
    expect(report.out).toContain('Pipeline run: REFUSED');
    // Nothing was published.
    expect(hashTree(path.join(ws, 'public/data/releases'))).toEqual(before);
    expect(fs.readFileSync(path.join(ws, 'public/data/current.json'), 'utf8')).toBe(current);
  }, 60_000);

  it('unchanged data files make no new release, and the diff says so', () => {
    setLine(LINE);
    const data = run(named(check, 'Validate the files and build the release'), path.join(ws, 'summary-same.md'));
    expect(data.status, data.out).toBe(0);
    const diff = run(named(check, 'What changed'), path.join(ws, 'summary-same.md'));
    expect(diff.status, diff.out).toBe(0);
    const id = (JSON.parse(fs.readFileSync(path.join(ws, 'published-current.json'), 'utf8')) as { release: string }).release;
    expect(fs.readFileSync(path.join(ws, 'changes.md'), 'utf8')).toBe(`## What changed\n\nNo new release: the data files are the same as those of the published release \`${id}\`, so nothing changes on the site.\n`);
  }, 60_000);

  it('a valid change makes a new release and the diff markdown for the comment', () => {
    const old = (JSON.parse(fs.readFileSync(path.join(ws, 'published-current.json'), 'utf8')) as { release: string }).release;
    setLine(LINE.replace('120000.25', '"(1,234.56)"'));
    const summary = path.join(ws, 'summary-valid.md');
    const data = run(named(check, 'Validate the files and build the release'), summary);
    expect(data.status, data.out).toBe(0);
    const now = (JSON.parse(fs.readFileSync(path.join(ws, 'public/data/current.json'), 'utf8')) as { release: string }).release;
    expect(now).not.toBe(old);
    const diff = run(named(check, 'What changed'), summary);
    expect(diff.status, diff.out).toBe(0);
    const md = fs.readFileSync(path.join(ws, 'changes.md'), 'utf8');
    expect(md).toContain(`## What changed: release \`${old}\` → \`${now}\``);
    expect(md).toContain('- totals changed: 1 by fund, 1 by program, 0 by school');
    expect(md).toContain('| 2023-24 | BB | `01` | General Fund/County School Service Fund | expenditure | $900,000.25 | $778,765.44 | -$121,234.81 | -13.5% |');
    expect(md).toContain('| 2023-24 | BB | `3010` | ESSA: Title I, Part A, Basic Grants Low-Income and Neglected | expenditure | $120,000.25 | -$1,234.56 | -$121,234.81 | -101.0% |');
    const show = run(named(check, 'Show what changed in the job summary'), summary);
    expect(show.status, show.out).toBe(0);
    expect(fs.readFileSync(summary, 'utf8')).toBe(md);
  }, 60_000);
});
