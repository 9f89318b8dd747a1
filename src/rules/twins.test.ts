/**
 * Every rule written twice (SQL for the pipeline's DuckDB, JS for the staff file checker) gives the same
 * answer on the same awkward inputs: field types, SACS staging and line rules, the per-value SACS rules,
 * the cross-field and code-list rules, the message templates built in SQL, and the DuckDB string functions
 * the JS side imitates. A difference here would make the checker pass a file the pipeline refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { amountExpectedSql, parseAmount } from './amount.ts';
import { normaliseCode, normaliseCodeSql } from './codes.ts';
import { fiscalYearSql, parseFiscalYear } from './fiscal-year.ts';
import { LEGACY, USERGL } from './layouts.ts';
import { msg, msgSql, type MessageKey } from './messages.ts';
import { columnSql, headerOf, SACS_LINE_RULES, SACS_STAGE_SQL, SACS_VALUE_RULES, sacsLayoutSql, stageSacsLine, type SacsLayoutId, type SacsLine } from './sacs.ts';
import { lit, sqlLength, sqlLower, sqlTrim, sqlUpper } from './sql.ts';
import { CODE_LIST_CODE_SQL, CODE_LIST_RULES, checkField, fieldRules, fieldRuleSql, stageCodeListRow, TABLES } from './tables.ts';
import { foundText } from './twin.ts';
import type { CodeDimension } from './codes.ts';

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => conn.closeSync());

const all = async <T = Record<string, unknown>>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
/** SQL literal of a raw CSV value as DuckDB reads it: an empty field is NULL. */
const val = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? 'CAST(NULL AS VARCHAR)' : lit(v));
/** A VALUES table with the given columns, every value VARCHAR. */
function table(columns: string[], rows: (string | null | undefined)[][]): string {
  return `(SELECT * FROM (VALUES ${rows.map((r) => `(${r.map(val).join(', ')})`).join(', ')}) t(${columns.map((c) => `"${c}"`).join(', ')}))`;
}

const STRINGS = [
  'a', ' a ', '\ta\t', '\na\n', '\u00a0a\u00a0', '\u3000a', '\u200ba', 'ß', 'ﬁ', 'ŉ', 'İ', 'é', 'É', 'K', 'k', '😀x', 'e\u0301', 'straße', 'ǅ', 'ǆ',
];

const VALUES = [
  ' ', '0', '00', '1', '12', '007', '123456789', '1234567890', '-1', '+1', '1.5', '1.50', '1.500', '1.505', '0.0001', '0.00010', '100', '100.00', '100.01',
  '99999.9999', '100000', '1e3', 'abc', 'ABC', 'elementary', 'Elementary', ' middle ', 'junior_high', 'K', 'k', 'tk', 'adult', 'Adult', 'ue', '10', '13',
  '2023-24', '2023-2024', '2023', ' 2023-24 ', '1989-90', '1990-91', '2100-01', '2101-02', '2023-25', '2023/24', '2099-00', '2023-24\t', '01', 'A1', 'a1',
  '0000', '1110', '12345', '12345-6789', '1234-5678', '1999901', '199990', '19999991999901', 'Y', 'n', 'yes', '34.05', '-118.25', '-91', '91', '181',
  '-180.0', '90.000001', 'Ñame', 'é'.repeat(201), 'x'.repeat(200), 'x'.repeat(201), '😀'.repeat(150), '😀'.repeat(201), '\t12', '12\t', ' 12 ',
  '\u00a012', '12\u00a0', '1,234', '$1', '(12)', '12.3400', 'base', 'Base', 'need_weight', 'BB', 'bb', ' ib ', 'BE', 'İ', 'ß', 'toString', '1 2',
];

describe('DuckDB string functions and their JS twins', () => {
  it('trim, upper, lower and length agree', async () => {
    const rows = await all<{ v: string; t: string; u: string; l: string; n: string }>(
      `SELECT v, trim(v) AS t, upper(v) AS u, lower(v) AS l, CAST(length(v) AS VARCHAR) AS n FROM ${table(['v'], STRINGS.map((s) => [s]))}`,
    );
    expect(rows.map((r) => ({ v: r.v, t: sqlTrim(r.v), u: sqlUpper(r.v), l: sqlLower(r.v), n: String(sqlLength(r.v)) }))).toEqual(rows);
  });

  it('normaliseCode and normaliseCodeSql agree', async () => {
    for (const width of [1, 2, 4, 7]) {
      const rows = await all<{ v: string; n: string }>(`SELECT v, ${normaliseCodeSql('v', width)} AS n FROM ${table(['v'], [...VALUES, ...STRINGS].map((s) => [s]))}`);
      expect(rows.map((r) => ({ v: r.v, n: normaliseCode(r.v, width) }))).toEqual(rows);
    }
  });

  it('parseFiscalYear and fiscalYearSql agree, with and without the start-year form', async () => {
    for (const start of [false, true]) {
      const rows = await all<{ v: string; fy: string | null }>(`SELECT v, ${fiscalYearSql('trim(v)', start)} AS fy FROM ${table(['v'], VALUES.map((s) => [s]))}`);
      expect(rows.map((r) => { const p = parseFiscalYear(r.v, start); return { v: r.v, fy: p.ok ? p.value : null }; })).toEqual(rows);
    }
  });

  it("parseAmount's expected text and amountExpectedSql agree on refused amounts", async () => {
    const refused = ['abc', '1.234', '1e6', '(12', '12)', '10000000000000000', '(10000000000000000)', '$', '1,23', '-0.001', '\t12'];
    const rows = await all<{ v: string; e: string }>(`SELECT v, ${amountExpectedSql('v')} AS e FROM ${table(['v'], refused.map((s) => [s]))}`);
    expect(rows.map((r) => { const p = parseAmount(r.v); return { v: r.v, e: p.ok ? 'accepted' : p.expected }; })).toEqual(rows);
  });

  it('message templates built in SQL read as the JS ones', async () => {
    const cases: [MessageKey, Record<string, string>][] = [
      ['countOverEnrollment.found', { count: '430', enrollment: '420' }],
      ['accountString.found', { account: '0100000111010003102', codes: '0100000111010003101' }],
      ['periodColumn.found', { column: 'IO', article: 'an', period: 'A' }],
      ['separator.found', { name: "it's", count: '2' }],
    ];
    for (const [key, vars] of cases) {
      const [row] = await all<{ m: string }>(`SELECT ${msgSql(key, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, lit(v)])))} AS m`);
      expect(row!.m).toBe(msg(key, vars));
    }
  });
});

describe('field types: SQL and JS twins', () => {
  const specs = Object.values(TABLES);
  it('every type of every table accepts, refuses and converts the same values', async () => {
    let compared = 0;
    for (const spec of specs) {
      for (const f of spec.layout.fields) {
        const type = spec.types[f.field]!;
        const rows = await all<{ v: string; ok: boolean | null; value: string | null }>(
          `SELECT v, ${type.valid('trim(v)')} AS ok, CASE WHEN ${type.valid('trim(v)')} THEN CAST(${type.value('trim(v)')} AS VARCHAR) END AS value
           FROM ${table(['v'], VALUES.map((s) => [s]))} WHERE trim(v) <> ''`,
        );
        const numeric = /^DOUBLE/.test(type.sqlType); // doubles print differently; never part of a key
        const js = rows.map((r) => {
          const ok = type.check(sqlTrim(r.v));
          return { v: r.v, ok, value: ok ? (numeric ? r.value : type.norm(sqlTrim(r.v))) : null };
        });
        expect({ table: spec.layout.id, field: f.field, rows: js }).toEqual({ table: spec.layout.id, field: f.field, rows: rows.map((r) => ({ ...r, ok: r.ok ?? false })) });
        compared += rows.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('the field rules (required and empty, present and invalid) find the same lines with the same found text', async () => {
    for (const spec of specs) {
      const { perLine } = fieldRules(spec);
      for (const rule of perLine) {
        const sql = fieldRuleSql(rule);
        const values = ['', ...VALUES];
        const rows = await all<{ v: string | null; bad: boolean; found: string | null }>(
          `SELECT "${rule.field}" AS v, coalesce(${sql.bad}, false) AS bad, CAST(${sql.found} AS VARCHAR) AS found FROM ${table([rule.field], values.map((s) => [s]))}`,
        );
        const js = rows.map((r) => {
          const c = checkField(rule, r.v);
          return { v: r.v, bad: c !== undefined, found: c ? foundText({}, c.found) : null };
        });
        expect(js).toEqual(rows.map((r) => ({ v: r.v, bad: r.bad, found: r.bad ? foundText({}, r.found) : null })));
      }
    }
  });

  it('the cross-field rules (counts against enrollment) agree', async () => {
    const counts = ['', '0', '5', '12', '420', '430', '1e2', '12.0', '12.5', ' 12 ', '+12', '1,980', '999999999', '1000000000'];
    const pairs = counts.flatMap((c) => counts.map((e) => [c, e]));
    for (const rule of TABLES.enrollment.rules ?? []) {
      const rows = await all<{ c: string | null; e: string | null; bad: boolean; found: string | null }>(
        `SELECT "${rule.field}" AS c, enrollment AS e, coalesce(${rule.bad}, false) AS bad, CAST(${rule.found} AS VARCHAR) AS found FROM ${table([rule.field, 'enrollment'], pairs)}`,
      );
      const js = rows.map((r) => {
        const c = rule.check({ [rule.field]: r.c, enrollment: r.e });
        return { c: r.c, e: r.e, bad: c !== undefined, found: c ? foundText(rule, c.found) : null };
      });
      expect(js).toEqual(rows.map((r) => ({ c: r.c, e: r.e, bad: r.bad, found: r.bad ? foundText(rule, r.found) : null })));
    }
  });
});

describe('SACS lines: staging and rules, SQL and JS twins', () => {
  const base: Record<string, string> = {
    submission_id: 'TST0BS1001', cds_code: '19999990000000', ccode: '19', dcode: '99999', school_code: '0000000', fiscal_year: '2023-24', reporting_period: 'BS1',
    column_code: 'BB', account_string: '0100000111010003101', fund: '01', resource: '0000', project_year: '0', goal: '1110', function: '1000', object: '3101',
    amount: '150000.25', import_flag: 'I',
  };
  const variants: Record<string, string[]> = {
    submission_id: ['', ' X1 '],
    cds_code: ['', '1999999000000', ' 19999990000000 ', '1999999000000a'],
    ccode: ['', ' 19 ', '1'],
    school_code: [''],
    fiscal_year: ['', '2023', '2023-2024', '2023-25', '1850-51', ' 2021 ', 'FY24'],
    reporting_period: ['', ' bs1 ', 'A   ', 'I1', 'BS3', 'toString', 'a'],
    column_code: ['', ' bb', 'IO', 'BA', 'zz', 'constructor', 'IP'],
    account_string: ['', '0100000111010003102', ' 0100000111010003101 ', '0100000111010003101'.toLowerCase(), '01000001110100031', '0100000111010003101X', 'ß100000111010003101'],
    fund: ['', '1', ' 1 ', '001', 'ab', 'ß'],
    resource: ['', '0', '12345', 'ABCD', 'ab c'],
    project_year: ['', '00', 'A', ' 0'],
    goal: ['', '1110  ', 'x'],
    function: ['1', 'PCRA'],
    object: ['', 'pcra', '979z', '31010'],
    amount: ['', ' 12 ', 'about 150k', '1.234', '1e6', '12.34.5', '10000000000000000', '(12', '"1,234.00"', '(1,234)', '$1,234.56', '-$1,234.56', '12.3400', '\t5'],
    import_flag: ['', ' e '],
  };
  const lines: Record<string, string>[] = [base];
  for (const [field, vs] of Object.entries(variants)) for (const v of vs) lines.push({ ...base, [field]: v });
  // A few combinations: a period with a column code it does not carry, in both spellings.
  lines.push({ ...base, reporting_period: 'A', column_code: 'IO' }, { ...base, reporting_period: ' i2 ', column_code: 'bb' }, { ...base, reporting_period: 'BS2', column_code: 'BE' });

  const columns = Object.keys(base);
  const FILE = 'sacs/fictional_a_2021.csv';

  for (const layout of ['usergl', 'legacy'] as SacsLayoutId[]) {
    it(`${layout}: staged values, every line rule and every value rule agree`, async () => {
      const l = layout === 'usergl' ? USERGL : LEGACY;
      const from = `(SELECT ${lit(FILE)} AS source_file, row_number() OVER () AS source_row, * FROM ${table(columns, lines.map((x) => columns.map((c) => x[c])))})`;
      const staged = `(SELECT ${sacsLayoutSql(layout)}, ${SACS_STAGE_SQL} FROM ${from})`;
      const lineRules = SACS_LINE_RULES.map((r, i) => `coalesce(${r.bad}, false) AS b${i}, CAST(${r.found} AS VARCHAR) AS f${i}, ${r.expectedSql ?? lit(r.expected)} AS e${i}, ${columnSql(r.field)} AS c${i}`);
      const valueRules = SACS_VALUE_RULES.map((r, i) => `${r.keySql} AS k${i}, CAST(${r.found} AS VARCHAR) AS vf${i}, ${r.expectedSql ?? lit(r.expected(layout))} AS ve${i}`);
      const rows = await all<Record<string, string | boolean | null>>(`SELECT * EXCLUDE (source_file), ${lineRules.join(', ')}, ${valueRules.join(', ')} FROM ${staged} ORDER BY source_row`);
      expect(rows.length).toBe(lines.length);
      rows.forEach((row, n) => {
        const raw = lines[n]!;
        const js: SacsLine = stageSacsLine(layout, (f) => raw[f], FILE);
        const sqlStaged = Object.fromEntries(Object.keys(js).map((k) => [k, row[k] ?? null]));
        expect({ line: raw, staged: js }).toEqual({ line: raw, staged: sqlStaged });
        SACS_LINE_RULES.forEach((r, i) => {
          const c = r.check(js);
          const sql = row[`b${i}`] ? { column: row[`c${i}`], expected: row[`e${i}`], found: foundText(r, row[`f${i}`] as string | null) } : undefined;
          const mine = c ? { column: headerOf(l, r.field), expected: c.expected ?? r.expected, found: foundText(r, c.found) } : undefined;
          expect({ line: raw, rule: r.rule, field: r.field, problem: mine }).toEqual({ line: raw, rule: r.rule, field: r.field, problem: sql });
        });
        SACS_VALUE_RULES.forEach((r, i) => {
          expect({ rule: r.rule, key: r.key(js) }).toEqual({ rule: r.rule, key: row[`k${i}`] });
          if (r.isBad(js)) {
            expect({ rule: r.rule, expected: r.expected(layout), found: foundText(r, r.foundOf(js)) }).toEqual({ rule: r.rule, expected: row[`ve${i}`], found: foundText(r, row[`vf${i}`] as string | null) });
          }
        });
      });
    });
  }
});

describe('code lists: SQL and JS twins', () => {
  it('staging and both rules agree for every dimension', async () => {
    const codes = ['', '1', '01', ' 1 ', '"A   "'.slice(1, -1), 'a', '0000', '12345', '979z', 'PCRA', 'ß', '1 2'];
    const titles = ['', ' ', 'General Fund' + ' '.repeat(100), '\tx'];
    for (const dimension of ['fund', 'resource', 'goal', 'function', 'object'] as CodeDimension[]) {
      const pairs = codes.flatMap((c) => titles.map((t) => [dimension, c, t]));
      const rules = CODE_LIST_RULES.map((r, i) => `coalesce(${r.bad}, false) AS b${i}, CAST(${r.found} AS VARCHAR) AS f${i}`);
      const rows = await all<Record<string, string | boolean | null>>(
        `SELECT code, title, ${rules.join(', ')} FROM (SELECT dimension, ${CODE_LIST_CODE_SQL} AS code, trim(title) AS title FROM ${table(['dimension', 'code', 'title'], pairs)})`,
      );
      rows.forEach((row, n) => {
        const [, code, title] = pairs[n]!;
        const js = stageCodeListRow(dimension, (f) => (f === 'code' ? code! : title!));
        expect({ code: js.code, title: js.title }).toEqual({ code: row.code, title: row.title });
        CODE_LIST_RULES.forEach((r, i) => {
          const c = r.check(js);
          expect({ dimension, rule: r.rule, code, title, found: c ? foundText(r, c.found) : null }).toEqual({ dimension, rule: r.rule, code, title, found: row[`b${i}`] ? foundText(r, row[`f${i}`] as string | null) : null });
        });
      });
    }
  });
});
