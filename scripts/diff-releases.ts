/**
 * npm run diff -- --old DIR --new DIR [--markdown FILE] [--json FILE]
 * npm run diff -- --data public/data [--published FILE] [--markdown FILE] [--json FILE]
 *
 * "What changed" between two releases (each DIR a release folder `releases/<id>/`), or, with --data,
 * between the two latest releases in `<data>/releases/` by their `created` date.
 * --published FILE (with --data) names a copy of the `current.json` that was published before the pipeline
 * ran (the workflow saves it): the diff is then from that release to the current one, and when the run
 * made no new release (the sources are unchanged) the markdown says so instead of repeating an older
 * change. A missing FILE (nothing published yet) falls back to the two latest releases. Writes the markdown
 * summary (for the pull-request comment) and/or the full JSON diff; prints the markdown when neither
 * file is named. With --data and a single release, writes a note saying there is nothing to compare.
 * Exit 2 on bad arguments, 1 on any other failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { diffReleases, formatDiffMarkdown, formatNoDiffMarkdown, listReleases } from '../src/pipeline/diff.ts';

const usage = 'usage: diff-releases.ts (--old DIR --new DIR | --data DIR [--published FILE]) [--markdown FILE] [--json FILE]';
let values: { old?: string; new?: string; data?: string; published?: string; markdown?: string; json?: string };
try {
  ({ values } = parseArgs({ options: { old: { type: 'string' }, new: { type: 'string' }, data: { type: 'string' }, published: { type: 'string' }, markdown: { type: 'string' }, json: { type: 'string' } } }));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n${usage}\n`);
  process.exit(2);
}
if (values.data ? values.old || values.new : !(values.old && values.new) || values.published) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

/** The release id in a current.json (or a copy of one). */
function readCurrent(file: string): string {
  const id = (JSON.parse(fs.readFileSync(file, 'utf8')) as { release?: unknown }).release;
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) throw new Error(`${file} names no release`);
  return id;
}

function write(file: string | undefined, text: string): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
  process.stderr.write(`[diff] wrote ${file}\n`);
}

try {
  let older = values.old;
  let newer = values.new;
  const published = values.data && values.published && fs.existsSync(values.published) ? readCurrent(values.published) : null;
  if (values.data && published) {
    const current = readCurrent(path.join(values.data, 'current.json'));
    const dir = (id: string) => path.join(values.data!, 'releases', id);
    if (current === published) {
      const md = `## What changed\n\nNo new release: the data files are the same as those of the published release \`${current}\`, so nothing changes on the site.\n`;
      write(values.markdown, md);
      write(values.json, `${JSON.stringify({ published, current, diff: null }, null, 1)}\n`);
      if (!values.markdown && !values.json) process.stdout.write(md);
      process.stderr.write(`[diff] no new release: ${current} is already published\n`);
      process.exit(0);
    }
    older = dir(published);
    newer = dir(current);
  } else if (values.data) {
    const releases = listReleases(values.data);
    if (releases.length < 2) {
      const md = formatNoDiffMarkdown(releases);
      write(values.markdown, md);
      write(values.json, `${JSON.stringify({ releases: releases.map((r) => ({ id: r.id, created: r.created })), diff: null }, null, 1)}\n`);
      if (!values.markdown && !values.json) process.stdout.write(md);
      process.stderr.write(`[diff] ${releases.length} release(s) in ${values.data}/releases: nothing to compare\n`);
      process.exit(0);
    }
    older = releases.at(-2)!.dir;
    newer = releases.at(-1)!.dir;
  }
  const diff = await diffReleases(older!, newer!);
  const md = formatDiffMarkdown(diff);
  write(values.markdown, md);
  write(values.json, `${JSON.stringify(diff, null, 1)}\n`);
  if (!values.markdown && !values.json) process.stdout.write(md);
  process.stderr.write(`[diff] ${diff.old.id} → ${diff.new.id}: ${diff.changed.fund} fund, ${diff.changed.program} program, ${diff.changed.school} school totals changed; codes +${diff.codes.added.length}/-${diff.codes.removed.length}; schools +${diff.schoolList.added.length}/-${diff.schoolList.removed.length}\n`);
} catch (e) {
  process.stderr.write(`[diff] failed: ${(e as Error).message}\n`);
  process.exit(1);
}
