import { describe, expect, it } from 'vitest';
import { csvCell, messagesCsv } from './export.ts';
import { records } from '../rules/csv.ts';

describe('messages as CSV', () => {
  it('quotes every cell and defuses formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const c of ['+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(c).startsWith(`"'`)).toBe(true);
    expect(csvCell('a "quoted" value, with a comma')).toBe('"a ""quoted"" value, with a comma"');
    expect(csvCell(12)).toBe('"12"');
    expect(csvCell(undefined)).toBe('""');
  });

  it('reads back as the same messages', () => {
    const problems = [
      { severity: 'error' as const, rule: 'amount' as const, file: 'sacs/x.csv', line: 5, column: 'Amount', expected: 'an amount', found: '"=1+2"' },
      { severity: 'warning' as const, rule: 'encoding' as const, file: 'schools.csv', expected: 'UTF-8 text', found: 'bytes\nthat are not UTF-8' },
    ];
    const csv = messagesCsv(problems);
    expect(csv.startsWith('\ufeff"file","severity"')).toBe(true);
    const rows = [...records(csv.slice(1))].map((r) => r.fields);
    expect(rows).toEqual([
      ['file', 'severity', 'rule', 'line', 'column', 'expected', 'found'],
      ['sacs/x.csv', 'error', 'amount', '5', 'Amount', 'an amount', '"=1+2"'],
      ['schools.csv', 'warning', 'encoding', '', '', 'UTF-8 text', 'bytes\nthat are not UTF-8'],
    ]);
  });
});
