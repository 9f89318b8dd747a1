import { describe, expect, it } from 'vitest';
import { compileRowCount, compileRows, compileSpec, typedSelect } from './compile.ts';
import { tablesFor } from './describe.ts';
import { safeCell, toCsv } from '../client/csv.ts';
import { defaultSpec, parseSpec, type ViewSpec } from './spec.ts';
import { decodeSpec, encodeSpec } from './url.ts';

const R = '2026-11-26-67e59df2';

describe('parseSpec', () => {
  it('fills defaults and accepts a full spec', () => {
    expect(parseSpec({})).toEqual({ ok: true, spec: { ...defaultSpec(), by: [], filters: {} } });
    const r = parseSpec({ release: R, table: 'allocations', measure: 'share', by: ['region', 'fund'], filters: { school_type: ['high'] }, compare: 'none', chart: 'stacked_bar' });
    expect(r.ok).toBe(true);
  });
  it.each([
    [null, 'expected a view spec object'],
    [{ measure: 'median' }, 'measure: expected one of amount, per_pupil, share, change'],
    [{ by: ['fund', 'goal', 'object'] }, 'by: at most 2 breakdowns'],
    [{ by: ['school_code'] }, 'by: school_code is not a dimension of line_items'],
    [{ by: ['fund', 'fund'] }, 'by: fund is listed twice'],
    [{ filters: { fund: ["01' OR 1=1"] } }, 'filters.fund: expected a 2-character fund code'],
    [{ filters: { fund: [] } }, 'filters.fund: expected a non-empty list'],
    [{ measure: 'per_pupil', by: ['fund'] }, 'per_pupil: enrollment is per fiscal year'],
    [{ measure: 'change', by: ['fund'] }, 'change: the change from the year before needs fiscal_year'],
    [{ compare: 'budget_vs_actual', filters: { column_code: ['BA'] } }, 'compare budget_vs_actual: chooses the column codes itself'],
    [{ compare: 'year_vs_year', by: ['fund'] }, 'compare year_vs_year: filter to exactly one fiscal_year'],
    [{ compare: 'year_vs_year', measure: 'share', filters: { fiscal_year: ['2024-25'] } }, 'compare year_vs_year: works with measure amount'],
    [{ chart: 'stacked_bar', by: ['fund'] }, 'chart stacked_bar: needs two breakdowns'],
    [{ table: 'allocations', latestOnly: false }, 'latestOnly: only line_items'],
    [{ release: '../../etc/passwd' }, 'release: expected a release id'],
    [{ foo: 1 }, 'unknown field "foo"'],
    [{ by: ['need_band'] }, 'by: need_band is not a dimension of line_items'],
    [{ table: 'allocations', filters: { need_band: ['5'] } }, 'filters.need_band: expected a need band from 1'],
    [{ table: 'allocations', filters: { low_income_band: ["1' OR '1'='1"] } }, 'filters.low_income_band: expected a band from 1'],
    [{ table: 'allocations', compare: 'similar_schools', measure: 'per_pupil', by: ['fiscal_year'] }, 'compare similar_schools: filter to exactly one school_code'],
    [{ table: 'allocations', compare: 'similar_schools', measure: 'amount', by: ['fiscal_year'], filters: { school_code: ['0100012'] } }, 'compare similar_schools: compares per-pupil figures'],
    [{ compare: 'similar_schools', measure: 'per_pupil', by: ['fiscal_year'] }, 'compare similar_schools: needs table allocations'],
    [{ table: 'allocations', compare: 'similar_schools', measure: 'per_pupil', by: ['fiscal_year', 'region'], filters: { school_code: ['0100012'] } }, 'compare similar_schools: remove region from the breakdowns'],
    [{ table: 'allocations', compare: 'similar_schools', measure: 'per_pupil', by: ['fiscal_year'], filters: { school_code: ['0100012'], need_band: ['1'] } }, 'compare similar_schools: remove the need_band filter'],
  ])('%j is refused', (input, message) => {
    const r = parseSpec(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain(message);
  });
});

describe('URL', () => {
  const views: ViewSpec[] = [
    defaultSpec(),
    defaultSpec(R),
    { ...defaultSpec(R), measure: 'share', by: ['fund', 'object_group'], filters: { fiscal_year: ['2024-25'], column_code: ['BA'] }, chart: 'stacked_bar' },
    { ...defaultSpec(R), table: 'allocations', measure: 'per_pupil', by: ['region'], filters: { fiscal_year: ['2024-25'], region: ['Region North', "St. Mary's (East)"] }, chart: 'table' },
    { ...defaultSpec(), latestOnly: false, compare: 'year_vs_year', by: ['resource'], filters: { fiscal_year: ['2023-24'] }, chart: 'table' },
    { ...defaultSpec(), measure: 'change', by: ['fiscal_year', 'goal'], filters: { restricted: ['true'] }, chart: 'line' },
    { ...defaultSpec(R), table: 'allocations', measure: 'per_pupil', by: ['need_band', 'basis'], filters: { fiscal_year: ['2024-25'], low_income_band: ['3', '4'], disabilities_band: ['1'] } },
    { ...defaultSpec(R), table: 'allocations', measure: 'per_pupil', compare: 'similar_schools', by: ['fiscal_year'], filters: { school_code: ['0100012'] }, chart: 'table' },
  ];
  it.each(views.map((v) => [encodeSpec(v), v] as const))('round-trips %s', (url, view) => {
    expect(decodeSpec(url)).toEqual({ spec: view, messages: [], usedDefault: false });
    expect(decodeSpec(`?${url}`).spec).toEqual(view);
    expect(encodeSpec(decodeSpec(url).spec)).toBe(url);
  });
  it('is short and readable', () => {
    expect(encodeSpec(views[2]!)).toBe(`r=${R}&m=share&by=fund,object_group&f.fiscal_year=2024-25&f.column_code=BA&c=stacked_bar`);
  });
  it('reports unknown extra parameters but keeps the view', () => {
    const r = decodeSpec('m=amount&by=fund&utm_source=x');
    expect(r.usedDefault).toBe(false);
    expect(r.spec.by).toEqual(['fund']);
    expect(r.messages).toEqual(['Unknown parameter "utm_source" was ignored.']);
  });

  const evil = "'; DROP TABLE line_items; --";
  const HOSTILE: string[] = [
    'by=password',
    'by=fund;DROP TABLE line_items',
    `by=${encodeURIComponent(evil)}`,
    `f.fund=${encodeURIComponent(evil)}`,
    `f.${encodeURIComponent('fund) OR 1=1 --')}=01`,
    'f.fund=01%27%20OR%20%271%27%3D%271',
    'f.region=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    'm=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    'c=<img src=x onerror=alert(1)>',
    'r=../../../etc/passwd',
    'r=2026-11-26-67e59df2&r=2025-01-01-00000000',
    'm=amount&m=share',
    'by=fund&by=goal',
    'f.fund=01&f.fund=02',
    `f.fund=${'0'.repeat(10_000)}`,
    `by=${'fund,'.repeat(2000)}`,
    `x=${'a'.repeat(10_000)}`,
    `f.resource=${Array.from({ length: 200 }, (_, i) => String(i).padStart(4, '0')).join(',')}`,
    'f.fiscal_year=99999999999999999999',
    'f.fiscal_year=-1',
    'f.restricted=maybe',
    'f.school_code=1000001',
    't=schools',
    't=line_items;--',
    'm=amount%00',
    'all=yes',
    'by=fund,goal,object',
    'cmp=year_vs_year',
    'm=per_pupil&by=fund',
    'f.__proto__=x',
    'f.constructor=x',
    'by=constructor',
    'f.fund=',
    '%E0%A4%A',
    'f.fund=%F0%9F%92%A3',
    'f.region=' + encodeURIComponent('North\u0000South'),
    'f.object=PCRA%22%29%3B%20SELECT%201%3B--',
    'f.need_band=1',
    't=allocations&f.need_band=0',
    't=allocations&f.english_learners_band=1%27%20OR%201%3D1',
    't=allocations&by=disabilities_band,need_band,region',
    'cmp=similar_schools&m=per_pupil&t=allocations&by=fiscal_year',
    'cmp=similar_schools&m=per_pupil&t=allocations&by=fiscal_year&f.school_code=0100012,0100013',
    'cmp=similar_schools&t=allocations&by=fiscal_year&f.school_code=0100012',
  ];
  it(`has at least 25 hostile cases`, () => expect(HOSTILE.length).toBeGreaterThanOrEqual(25));
  it.each(HOSTILE.map((h) => [h.length > 80 ? `${h.slice(0, 80)}…` : h, h]))('hostile: %s → default view and messages, no input in SQL', (_label, h) => {
    const r = decodeSpec(h);
    expect(r.usedDefault).toBe(true);
    expect(r.messages.length).toBeGreaterThan(0);
    expect(r.messages.at(-1)).toMatch(/default view/);
    expect({ ...r.spec, release: null }).toEqual(defaultSpec());
    for (const m of r.messages) {
      expect(m).not.toMatch(/<script|<img/i);
      expect(m.length).toBeLessThan(400);
    }
    const { sql, params } = compileSpec(r.spec);
    expect(sql).toBe(compileSpec(defaultSpec()).sql);
    expect(params).toEqual(['BB', 'expenditure']);
  });
  it('an empty link or a release alone is the default view, without messages', () => {
    expect(decodeSpec('')).toEqual({ spec: defaultSpec(), messages: [], usedDefault: false });
    expect(decodeSpec(`?r=${R}`)).toEqual({ spec: defaultSpec(R), messages: [], usedDefault: false });
  });
  it('keeps a valid release when the view is broken', () => {
    const r = decodeSpec(`r=${R}&by=nope`);
    expect(r.spec).toEqual(defaultSpec(R));
    expect(r.messages).toEqual(['by: unknown dimension "nope" (known: fiscal_year, column_code, phase, fund, resource, goal, function, object, object_group, object_class, restricted).', 'Showing the default view.']);
  });
  it('never throws on any string', () => {
    for (const s of ['', '?', '&&&', '=', '%', 'f.=1', 'f.', '?by=', 'by=,', String.fromCharCode(0xd800)]) expect(() => decodeSpec(s)).not.toThrow();
  });
});

describe('compileSpec', () => {
  const cases: Record<string, unknown> = {
    default: {},
    amount_by_fund_group: { by: ['fund', 'object_group'], filters: { fiscal_year: ['2024-25'], column_code: ['BA'] } },
    share_two_breakdowns: { measure: 'share', by: ['fiscal_year', 'function'], chart: 'stacked_bar' },
    change: { measure: 'change', by: ['fiscal_year', 'fund'], filters: { restricted: ['false'] } },
    per_pupil_allocations_region: { table: 'allocations', measure: 'per_pupil', by: ['fiscal_year', 'region'], filters: { school_type: ['high'] } },
    budget_vs_actual: { compare: 'budget_vs_actual', by: ['object_group'], filters: { fiscal_year: ['2023-24'] } },
    year_vs_year: { compare: 'year_vs_year', by: ['fund'], filters: { fiscal_year: ['2024-25'] } },
    need_band_per_pupil: { table: 'allocations', measure: 'per_pupil', by: ['need_band'], filters: { fiscal_year: ['2024-25'], english_learners_band: ['4'] } },
    similar_schools: { table: 'allocations', measure: 'per_pupil', compare: 'similar_schools', by: ['fiscal_year', 'basis'], filters: { school_code: ['0100012'], column_code: ['BB'] } },
  };
  it.each(Object.entries(cases))('%s', (name, raw) => {
    const r = parseSpec(raw);
    if (!r.ok) throw new Error(r.errors.join('; '));
    const c = compileSpec(r.spec);
    expect(c.sql.split('?').length - 1).toBe(c.params.length);
    expect(c).toMatchSnapshot(name);
  });
  it('puts values only in params', () => {
    const r = parseSpec({ table: 'allocations', by: ['region'], filters: { region: ["O'Brien (East)"] } });
    if (!r.ok) throw new Error(r.errors.join('; '));
    const c = compileSpec(r.spec);
    expect(c.sql).not.toContain('Brien');
    expect(c.params).toEqual(["O'Brien (East)"]);
  });
});

describe('underlying rows, files, CSV', () => {
  const spec = (raw: unknown) => {
    const r = parseSpec(raw);
    if (!r.ok) throw new Error(r.errors.join('; '));
    return r.spec;
  };
  it("selects the view's lines with the same filters, every value as text, capped", () => {
    const s = spec({ table: 'allocations', by: ['need_band'], filters: { fiscal_year: ['2024-25'], region: ["O'Brien (East)"] } });
    const c = compileRows(s, 10);
    expect(c.limit).toBe(10);
    expect(c.sql).toMatch(/LIMIT 11$/);
    expect(c.sql).not.toContain('Brien');
    expect(c.params).toEqual(['2024-25', "O'Brien (East)"]);
    expect(c.columns.map((x) => x.name)).toEqual(['fiscal_year', 'column_code', 'phase', 'school_code', 'fund', 'resource', 'goal', 'function', 'object', 'object_class', 'object_group', 'restricted', 'basis', 'amount', 'fte', 'need_band', 'region']);
    const n = compileRowCount(s);
    expect(n.params).toEqual(c.params);
    expect(typedSelect(c)).toContain('CAST(q.amount AS DECIMAL(18,2)) AS amount');
  });
  it('every compiled view is capped and binds one parameter per ?', () => {
    const c = compileSpec(spec({ measure: 'change', by: ['fiscal_year', 'fund'] }));
    expect(c.sql).toMatch(/LIMIT 5001$/);
    expect(c.sql).toContain('base AS MATERIALIZED');
    for (const raw of [
      { table: 'allocations', measure: 'per_pupil', compare: 'similar_schools', by: ['fiscal_year'], filters: { school_code: ['0100012'], fiscal_year: ['2024-25'] } },
      { compare: 'year_vs_year', by: ['fund'], filters: { fiscal_year: ['2024-25'], fund: ['01'] } },
    ]) {
      const x = compileSpec(spec(raw));
      expect(x.sql.split('?').length - 1).toBe(x.params.length);
      const r = compileRows(spec(raw));
      expect(r.sql.split('?').length - 1).toBe(r.params.length);
    }
  });
  it('fetches only the tables and fiscal years a view needs', () => {
    const years = ['2022-23', '2023-24', '2024-25'];
    expect(tablesFor(defaultSpec(), years)).toEqual([{ table: 'line_items' }]);
    expect(tablesFor(spec({ compare: 'year_vs_year', by: ['fund'], filters: { fiscal_year: ['2024-25'] } }), years)).toEqual([{ table: 'line_items', fiscalYears: ['2024-25', '2023-24'] }]);
    expect(tablesFor(spec({ table: 'allocations', measure: 'per_pupil', by: ['region'], filters: { fiscal_year: ['2024-25'] } }), years)).toEqual([
      { table: 'allocations', fiscalYears: ['2024-25'] }, { table: 'schools' }, { table: 'enrollment' },
    ]);
    expect(tablesFor(spec({ table: 'allocations', by: ['need_band'], filters: { fiscal_year: ['1999-00'] } }), years)).toEqual([{ table: 'allocations', fiscalYears: ['2024-25'] }, { table: 'enrollment' }]);
  });
  it('writes CSV safe for spreadsheets: formulas get an apostrophe, numbers stay numbers, optional BOM', () => {
    expect(safeCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(safeCell('+1+2')).toBe("'+1+2");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('-1234.56')).toBe('-1234.56');
    expect(safeCell('\tx')).toBe("'\tx");
    expect(safeCell(null)).toBe('');
    const csv = toCsv(['a', 'b'], [{ a: 'x, "y"', b: '-5' }, { a: '=1+1', b: null }], { bom: true });
    expect(csv).toBe(`\ufeffa,b\r\n"x, ""y""",-5\r\n'=1+1,\r\n`);
  });
});
