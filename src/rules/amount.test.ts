import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { amountSql, amountValidSql, centsToDecimal, isAmount, parseAmount } from './amount.ts';

const accepted: [string, string][] = [
  ['1234', '1234.00'],
  ['-1234.5', '-1234.50'],
  ['+1234.56', '1234.56'],
  ['1,234.56', '1234.56'],
  ['(1,234.56)', '-1234.56'],
  ['(1234)', '-1234.00'],
  ['$1,234.56', '1234.56'],
  ['-$1,234.56', '-1234.56'],
  ['12.3400', '12.34'],
  [' 0.02 ', '0.02'],
  ['-0', '0.00'],
  ['9999999999999999.99', '9999999999999999.99'],
  ['296420263', '296420263.00'],
];
const refused = ['', 'abc', '1.234', '1e6', '12.34.5', '1,23', '12,34.00', '(12', '12)', '--1', '1 234', '10000000000000000', '$', '.5', '1.'];

describe('parseAmount', () => {
  it.each(accepted)('reads %j exactly as %s', (raw, text) => {
    const r = parseAmount(raw);
    expect(r.ok && r.text).toBe(text);
  });
  it.each(refused)('refuses %j', (raw) => {
    expect(parseAmount(raw).ok).toBe(false);
  });
  it('isAmount is parseAmount(…).ok, with a fast path', () => {
    for (const v of [...accepted.map(([r]) => r), ...refused]) expect({ v, ok: isAmount(v) }).toEqual({ v, ok: parseAmount(v).ok });
  });
  it('formats cents', () => {
    expect(centsToDecimal(-5n)).toBe('-0.05');
    expect(centsToDecimal(123456n)).toBe('1234.56');
  });
});

describe('amountSql is the same rule in DuckDB', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await (await DuckDBInstance.create(':memory:')).connect();
  });
  afterAll(() => conn.closeSync());
  it('accepts and converts exactly what parseAmount accepts', async () => {
    const all = [...accepted.map(([r]) => r), ...refused];
    const values = all.map((v) => `('${v}')`).join(', ');
    const rows = (await conn.runAndReadAll(
      `SELECT v, ${amountValidSql('v')} AS ok, CASE WHEN ${amountValidSql('v')} THEN CAST(${amountSql('v')} AS VARCHAR) END AS amount FROM (VALUES ${values}) t(v)`,
    )).getRowObjectsJson() as { v: string; ok: boolean; amount: string | null }[];
    for (const row of rows) {
      const js = parseAmount(row.v);
      expect({ v: row.v, ok: row.ok }).toEqual({ v: row.v, ok: js.ok });
      if (js.ok) expect(row.amount).toBe(js.text);
    }
  });
});
