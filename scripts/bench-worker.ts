/**
 * One measured run for `npm run bench`, in its own process so peak memory is its own:
 *   node scripts/bench-worker.ts pipeline <input> <out>
 *   node scripts/bench-worker.ts copy <input> <out>     (bare DuckDB COPY … TO parquet of the same CSVs)
 *   node scripts/bench-worker.ts copy-text <input> <out> (the same, every column read as text)
 * Prints one JSON line: { ms, rows, maxRssMB }.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../src/pipeline/run.ts';
import { Db, lit } from '../src/pipeline/db.ts';

const [mode, input, out] = process.argv.slice(2) as [string, string, string];

/** Every CSV under input, grouped by header so each group is one read_csv over files of one layout. */
function csvGroups(dir: string): string[][] {
  const groups = new Map<string, string[]>();
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.csv')) continue;
    const p = path.join(e.parentPath, e.name);
    const fd = fs.openSync(p, 'r');
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, 4096, 0);
    fs.closeSync(fd);
    const header = buf.subarray(0, n).toString('utf8').split(/\r?\n/)[0]!;
    groups.set(header, [...(groups.get(header) ?? []), p]);
  }
  return [...groups.values()];
}

const t0 = performance.now();
let rows = 0;
if (mode === 'pipeline') {
  const r = await runPipeline({ input, out });
  if (!r.ok) throw new Error(`pipeline refused the input: ${r.report.errors.length} errors`);
  rows = r.report.files.filter((f) => f.kind !== 'district').reduce((n, f) => n + f.rows, 0);
} else {
  fs.mkdirSync(out, { recursive: true });
  const db = await Db.open();
  let i = 0;
  for (const files of csvGroups(input)) {
    const target = path.join(out, `copy-${i++}.parquet`);
    const text = mode === 'copy-text' ? ', all_varchar = true' : '';
    await db.run(`COPY (SELECT * FROM read_csv([${files.map(lit).join(', ')}], union_by_name = true${text})) TO ${lit(target)} (FORMAT parquet, COMPRESSION zstd)`);
    const [c] = await db.all<{ n: string }>(`SELECT count(*) AS n FROM read_parquet(${lit(target)})`);
    rows += Number(c?.n ?? 0);
  }
  db.close();
}
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), rows, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
