import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node = path.join(repo, 'node_modules/.bin/node');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-cli-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(node, ['scripts/sample.ts', ...args], { cwd: repo, encoding: 'utf8' });

describe('scripts/sample.ts', () => {
  it('replaces the output folder atomically and reports counts', () => {
    const out = path.join(root, 'sample');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'stale.txt'), 'old run');
    const r = run('--out', out, '--schools', '8', '--first-year', '2023-24', '--last-year', '2023-24', '--seed', '3');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/SACS lines \d+ \+ allocation rows \d+ = \d+/);
    expect(fs.existsSync(path.join(out, 'stale.txt'))).toBe(false);
    expect(fs.existsSync(path.join(out, 'district.json'))).toBe(true);
    expect(fs.readdirSync(root).sort()).toEqual(['sample']);
  });

  it('refuses bad options without touching the output', () => {
    const out = path.join(root, 'kept');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'x');
    const r = run('--out', out, '--first-year', '2024-25', '--last-year', '2022-23');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/last-year/);
    expect(fs.existsSync(path.join(out, 'keep.txt'))).toBe(true);
    expect(run('--schools', 'many').status).toBe(1);
    expect(run('--first-year', '2023-25').status).toBe(1);
    expect(fs.readdirSync(root).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
