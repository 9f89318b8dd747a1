import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvWriter, csvField, csvLine, quoted } from './csv.ts';
import { parseCsv } from './check.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-csv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('csv', () => {
  it('quotes only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Douglass Academy, Early College High')).toBe('"Douglass Academy, Early College High"');
    expect(csvField('Bessie "Queen Bess" Coleman')).toBe('"Bessie ""Queen Bess"" Coleman"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(quoted('01  ')).toBe('"01  "');
    expect(csvLine(['a', 'b,c', 'Niños'])).toBe('a,"b,c",Niños\n');
  });

  it('writes UTF-8 without a byte-order mark and counts rows and bytes', () => {
    const file = path.join(dir, 'x.csv');
    const w = new CsvWriter(file, 'name,city');
    w.fields(['Niños de la Paz Elementary', 'Boyle Heights']);
    w.fields(['Arts, Media & Technology', 'San Pedro']);
    const stats = w.close();
    const buf = fs.readFileSync(file);
    expect(buf[0]).not.toBe(0xef);
    expect(stats.rows).toBe(2);
    expect(stats.bytes).toBe(buf.length);
    expect(parseCsv(buf.toString('utf8'))).toEqual([
      ['name', 'city'],
      ['Niños de la Paz Elementary', 'Boyle Heights'],
      ['Arts, Media & Technology', 'San Pedro'],
    ]);
  });
});
