/**
 * npm run sample — generate the fictional sample district into data/sample (or --out DIR).
 *
 *   node scripts/sample.ts [--out DIR] [--seed N] [--schools N] [--first-year 2018-19] [--last-year 2025-26]
 *
 * Writes into `<out>.tmp-<pid>` first and then swaps it in place of `<out>`, so an interrupted run never
 * leaves a half-written folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULTS, generate } from '../src/sample/generate.ts';
import { fyLabel, parseFy } from '../src/sample/years.ts';

interface Args {
  out: string;
  seed: number;
  schools: number;
  firstYear: number;
  lastYear: number;
}

const USAGE = 'usage: node scripts/sample.ts [--out DIR] [--seed N] [--schools N] [--first-year 2018-19] [--last-year 2025-26]';

function parseArgs(argv: string[]): Args {
  const args: Args = { out: 'data/sample', ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value`);
    const integer = (): number => {
      if (!/^-?\d+$/.test(value)) throw new Error(`${name} must be an integer, got "${value}"`);
      return Number(value);
    };
    switch (name) {
      case '--out':
        args.out = value;
        break;
      case '--seed':
        args.seed = integer();
        break;
      case '--schools':
        args.schools = integer();
        break;
      case '--first-year':
        args.firstYear = parseFy(value);
        break;
      case '--last-year':
        args.lastYear = parseFy(value);
        break;
      default:
        throw new Error(`unknown option ${name}\n${USAGE}`);
    }
  }
  return args;
}

function main(): void {
  const started = process.hrtime.bigint();
  const args = parseArgs(process.argv.slice(2));
  const out = path.resolve(args.out);
  const tmp = `${out}.tmp-${process.pid}`;
  const old = `${out}.old-${process.pid}`;
  const log = (msg: string): void => {
    const secs = Number(process.hrtime.bigint() - started) / 1e9;
    process.stderr.write(`[sample ${secs.toFixed(1)}s] ${msg}\n`);
  };
  log(`seed ${args.seed}, ${args.schools} schools, ${fyLabel(args.firstYear)} to ${fyLabel(args.lastYear)} → ${out}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  let report;
  try {
    report = generate(tmp, args, log);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(tmp, out);
  fs.rmSync(old, { recursive: true, force: true });

  for (const y of report.years) {
    const pct = (x: number | undefined): string => (x === undefined ? '   -  ' : `${(x * 100).toFixed(1)}%`);
    const bn = (x: number | undefined): string => (x === undefined ? '   -   ' : `$${(x / 1e9).toFixed(2)}B`);
    log(
      `${y.fy}: ${y.schools} schools, ${y.enrollment} students; GF ${bn(y.gfExpenditureBB)} budget / ${bn(y.gfExpenditureBA)} actual; all funds ${bn(y.allFundsExpenditureBB)}; ` +
        `LCFF ${pct(y.lcffShareOfGfRevenue)} of GF revenue; salaries+benefits ${pct(y.salaryBenefitShareOfGf)}; allocations ${pct(y.allocationShareBB)} (BB) ${pct(y.allocationShareBA)} (BA); ESSER ${bn(y.esserBB)}`,
    );
  }
  for (const [type, t] of Object.entries(report.byType)) log(`${type}: ${t.files} file(s), ${t.rows} rows, ${(t.bytes / 1e6).toFixed(1)} MB`);
  log(`SACS lines ${report.sacsRows} + allocation rows ${report.allocationRows} = ${report.sacsRows + report.allocationRows}`);
  log(`done: ${report.files.length} files, ${(report.totalBytes / 1e6).toFixed(1)} MB`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`sample: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
