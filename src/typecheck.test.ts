/** The whole TypeScript tree type-checks under the strict tsconfig (what `tsc --noEmit` says). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

it('type-checks (tsc --noEmit, strict)', () => {
  const root = path.resolve(import.meta.dirname, '..');
  let output = '';
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    output = String((e as { stdout?: string }).stdout ?? e);
  }
  expect(output).toBe('');
});
