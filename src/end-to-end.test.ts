/**
 * End to end on a small sample district: the generator writes the published formats, the pipeline
 * accepts them with no warning, the release reconciles with the source CSVs to the cent, and the built
 * home page, school directory and school pages show the release's numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { centsToDecimal, parseAmount } from './rules/amount.ts';
import { records } from './pipeline/csv-file.ts';
import { gzipSync } from 'node:zlib';
import { RECEIPT_SQL } from './site/schools.ts';

describe('sample district → release → home page', () => {
  const site = inject('sampleSite');
  let conn: DuckDBConnection;
  let html: string;

  beforeAll(async () => {
    conn = await (await DuckDBInstance.create(':memory:')).connect();
    html = site.releaseDir ? fs.readFileSync(path.join(site.dist, 'index.html'), 'utf8') : '';
  });
  afterAll(() => conn?.closeSync());

  const q = async <T,>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  const glob = (table: string) => path.join(site.releaseDir, `${table}-*.parquet`);

  it('is accepted with no errors and no warnings', () => {
    expect(site.errors).toEqual([]);
    expect(site.warnings).toEqual([]);
    expect(site.releaseDir).not.toBe('');
  });

  it('keeps every source line: release rows and amounts equal the CSVs, file by file', async () => {
    const rows = await q<{ source_file: string; n: number; amount: string }>(`SELECT source_file, CAST(count(*) AS INTEGER) AS n, CAST(sum(amount) AS VARCHAR) AS amount
      FROM read_parquet('${glob('line_items')}') GROUP BY 1 ORDER BY 1`);
    const sacs = fs.readdirSync(path.join(site.input, 'sacs')).sort();
    expect(rows.map((r) => r.source_file)).toEqual(sacs.map((f) => `sacs/${f}`));
    for (const r of rows) {
      const it = records(fs.readFileSync(path.join(site.input, r.source_file), 'utf8'));
      const header = (it.next().value as { fields: string[] }).fields;
      const col = header.findIndex((h) => h === 'Amount' || h === 'Value');
      let n = 0;
      let cents = 0n;
      for (const rec of it) {
        const a = parseAmount(rec.fields[col]!);
        if (!a.ok) throw new Error(`bad amount in ${r.source_file}`);
        cents += a.cents;
        n++;
      }
      expect({ file: r.source_file, n: r.n, amount: r.amount }).toEqual({ file: r.source_file, n, amount: centsToDecimal(cents) });
    }
  });

  it('marks exactly one submission latest for each year and column code', async () => {
    const rows = await q<{ n: number }>(`SELECT CAST(count(DISTINCT submission_id) AS INTEGER) AS n FROM read_parquet('${glob('line_items')}') WHERE is_latest GROUP BY fiscal_year, column_code`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('classifies every line into a known object class', async () => {
    const rows = await q<{ object_class: string }>(`SELECT DISTINCT object_class FROM read_parquet('${glob('line_items')}') ORDER BY 1`);
    for (const r of rows) expect(['balance_sheet', 'calculated', 'expenditure', 'other_financing', 'other_outgo', 'revenue']).toContain(r.object_class);
  });

  const dollars = (decimal: string): string => {
    const a = parseAmount(decimal);
    if (!a.ok) throw new Error(`not an amount: ${decimal}`);
    return `$${((a.cents + 50n) / 100n).toLocaleString('en-US')}`; // whole dollars, as the pages show them (positive amounts)
  };
  const unescape = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

  it('lists every school of the release in the directory, and builds one page per school', async () => {
    const schools = await q<{ school_code: string; name: string }>(
      `SELECT school_code, name FROM read_parquet('${path.join(site.releaseDir, 'schools.*.parquet')}') ORDER BY school_code`,
    );
    expect(schools.length).toBe(24);
    const directory = fs.readFileSync(path.join(site.dist, 'schools/index.html'), 'utf8');
    const linked = [...directory.matchAll(/<a href="\/schools\/(\d{7})\/">/g)].map((m) => m[1]).sort();
    expect(linked).toEqual(schools.map((s) => s.school_code));
    for (const s of schools) {
      const page = fs.readFileSync(path.join(site.dist, `schools/${s.school_code}/index.html`), 'utf8');
      expect(unescape(page)).toContain(`<h1>${s.name}</h1>`);
      expect(gzipSync(page).length).toBeLessThan(100_000);
    }
    expect(directory).toContain('<caption id="schools-caption">');
    // Logical CSS properties only, on the school pages too (the same rules as src/site/build.test.ts).
    const page = fs.readFileSync(path.join(site.dist, `schools/${schools[0]!.school_code}/index.html`), 'utf8');
    for (const html of [directory, page]) {
      const css = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
      expect(css).toContain('@media print');
      expect(css).not.toMatch(/(?:^|[;{\s])(?:margin|padding|border|inset)-(?:left|right|top|bottom)\b/);
      expect(css).not.toMatch(/(?:^|[;{\s])(?:left|right|top|bottom|float|clear)\s*:/);
      expect(css).not.toMatch(/text-align\s*:\s*(?:left|right)/);
      expect(css).not.toMatch(/(?:^|[;{\s])(?:min-|max-)?(?:width|height)\s*:/);
    }
    expect(gzipSync(directory).length).toBeLessThan(100_000);
  });

  it("shows each school's adopted allocation, and its Title I line, as a direct query on the release gives them", async () => {
    await conn.run(`CREATE OR REPLACE VIEW allocations AS SELECT * FROM read_parquet('${glob('allocations')}')`);
    const totals = await q<{ school_code: string; fiscal_year: string; amount: string; title_i: string | null }>(`
      WITH latest AS (SELECT school_code, max(fiscal_year) AS fiscal_year FROM allocations WHERE column_code = 'BB' GROUP BY school_code)
      SELECT a.school_code, a.fiscal_year, CAST(sum(a.amount) AS VARCHAR) AS amount,
        CAST(sum(a.amount) FILTER (WHERE a.resource = '3010') AS VARCHAR) AS title_i
      FROM allocations a JOIN latest l ON a.school_code = l.school_code AND a.fiscal_year = l.fiscal_year
      WHERE a.column_code = 'BB' GROUP BY ALL ORDER BY a.school_code`);
    expect(totals.length).toBeGreaterThan(20);
    expect(totals.some((t) => t.title_i !== null)).toBe(true);
    for (const t of totals) {
      const page = fs.readFileSync(path.join(site.dist, `schools/${t.school_code}/index.html`), 'utf8');
      expect(page).toContain(`Allocation receipt, ${t.fiscal_year}`);
      expect(page).toContain(`<span class="amount">${dollars(t.amount)}</span>`);
      if (t.title_i !== null) expect(page).toMatch(new RegExp(`<code>3010</code>[^$]*?<td class="num">\\${dollars(t.title_i)}</td>`));
    }
  });

  it('shows on each school page the query that made its receipt, and that query gives the same total', async () => {
    const code = (await q<{ school_code: string }>(`SELECT min(school_code) AS school_code FROM read_parquet('${glob('allocations')}')`))[0]!.school_code;
    const page = fs.readFileSync(path.join(site.dist, `schools/${code}/index.html`), 'utf8');
    const shown = [...page.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => unescape(m[1]!));
    expect(shown.some((sql) => sql.startsWith(RECEIPT_SQL))).toBe(true);
    expect(page).toContain(`<code>$code</code> = <code>${code}</code>`);
    const rows = (await conn.runAndReadAll(RECEIPT_SQL, { code } as never)).getRowObjectsJson() as { column_code: string; amount: string }[];
    let cents = 0n;
    for (const r of rows.filter((r) => r.column_code === 'BB')) {
      const a = parseAmount(r.amount);
      if (a.ok) cents += a.cents;
    }
    expect(page).toContain(`<span class="amount">${dollars(centsToDecimal(cents))}</span>`);
  });

  it('shows the release figures on the home page', async () => {
    const [latest] = await q<{ fiscal_year: string }>(`SELECT max(fiscal_year) AS fiscal_year FROM read_parquet('${glob('line_items')}') WHERE column_code = 'BA'`);
    const [spent] = await q<{ amount: string }>(`SELECT CAST(sum(amount) AS VARCHAR) AS amount FROM read_parquet('${glob('line_items')}')
      WHERE is_latest AND column_code = 'BA' AND fiscal_year = '${latest!.fiscal_year}' AND object_class IN ('expenditure', 'other_outgo')`);
    const amount = parseAmount(spent!.amount);
    if (!amount.ok) throw new Error(`not an amount: ${spent!.amount}`);
    const dollars = (amount.cents + 50n) / 100n; // whole dollars, as the page shows them
    expect(html).toContain(`$${dollars.toLocaleString('en-US')}`);
    expect(html).toContain('Sample data');
    expect(html).toContain(site.releaseId);
  });

  it('lists every file of the release on the Data page, with its size and checksum', () => {
    const page = fs.readFileSync(path.join(site.dist, 'data/index.html'), 'utf8');
    const manifest = JSON.parse(fs.readFileSync(path.join(site.releaseDir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    expect(manifest.files.length).toBeGreaterThan(3);
    for (const f of manifest.files) {
      expect(page).toContain(`>${f.path}</a>`);
      expect(page).toContain(f.sha256);
    }
    expect(page).toContain('datapackage.json');
    expect(page).toContain(site.releaseId);
  });
});
