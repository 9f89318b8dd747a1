/**
 * The bad-input corpus: each case changes one thing in the tiny valid input folder (test-helpers.ts: an
 * invented district, two SACS submissions in the two real layouts, code lists, schools, allocations,
 * enrollment, outcomes). corpus.test.ts runs the pipeline on each case and asserts its exact result;
 * src/checker/corpus.test.ts runs the staff file checker on every file a case changed and requires the
 * problems the pipeline reported for that file.
 */
import {
  ALLOCATIONS_CSV, CODE_LIST_ROWS, codeLists, ENROLLMENT_CSV, ENROLLMENT_HEADER, LEGACY_FILE, LEGACY_LINES, legacyCsv, OUTCOMES_CSV,
  SCHOOLS_CSV, USERGL_FILE, USERGL_HEADER, USERGL_LINES, userglCsv, type InputFiles, type SacsLine,
} from './test-helpers.ts';

export const U = USERGL_FILE;
export const L = LEGACY_FILE;

// ── mutation helpers ────────────────────────────────────────────────────────────────────────────────

export const text = (f: InputFiles, file: string) => String(f[file]);
/** Regenerates the UserGL file with line `i` (0 = first data row = physical line 2) changed. */
export const usergl = (f: InputFiles, changes: Record<number, Partial<SacsLine>>) => {
  f[U] = userglCsv(USERGL_LINES.map((l, i) => ({ ...l, ...changes[i] })));
};
export const legacy = (f: InputFiles, changes: Record<number, Partial<SacsLine>>) => {
  f[L] = legacyCsv(LEGACY_LINES.map((l, i) => ({ ...l, ...changes[i] })));
};
/** Replaces exactly one occurrence of `from` in a file. */
export const replaceOnce = (f: InputFiles, file: string, from: string, to: string) => {
  const s = text(f, file);
  if (s.split(from).length !== 2) throw new Error(`fixture: ${JSON.stringify(from)} is not in ${file} exactly once`);
  f[file] = s.replace(from, to);
};

/** A fourth school row reusing the first school's code. */
export const DUPLICATE_SCHOOL = '1999901,19999991999904,Alder Annex,elementary,K,2,North,Fictionville,90001,34.05,-118.25,2010-11,N';
/** A later submission (2022-23 unaudited actuals) carrying the 2023-24 budget too. */
export const A_FILE = 'sacs/19-99999-0000000_A_2022-23_TST0A00001_UserGL.csv';
/** A second adopted-budget submission for the same year. */
export const B_FILE = 'sacs/19-99999-0000000_BS1_2023-24_TST0BS1002_UserGL.csv';
/** The UserGL columns in another order. */
const REORDER = [12, 5, 0, 13, 11, 10, 9, 8, 7, 6, 4, 3, 2, 1];

export type Mutation = (f: InputFiles) => void;

/** Every case, by the title of its test in corpus.test.ts. */
export const CORPUS_CASES = {
  'semicolon-separated SACS export: refused, naming the separator':
    (f) => { f[U] = text(f, U).replaceAll(',', ';'); },
  'tab-separated enrollment: refused, naming the separator':
    (f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replaceAll(',', '\t'); },
  'pipe-separated outcomes: refused, naming the separator':
    (f) => { f['outcomes.csv'] = OUTCOMES_CSV.replaceAll(',', '|'); },
  'UTF-8 with a byte-order mark: accepted silently, same lines and totals':
    (f) => { f[U] = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(f, U))]); },
  'Windows-1252 school names (Niño, Doña): accepted, decoded correctly, with a warning':
    (f) => {
      f['schools.csv'] = Buffer.from(SCHOOLS_CSV.replace('Alder Elementary', 'Escuela Niño Dios').replace('Birch Middle', 'Doña Ana Middle'), 'latin1');
    },
  'missing required column (Amount): refused':
    (f) => { f[U] = text(f, U).split('\n').map((l) => (l ? l.split(',').filter((_, i) => i !== 12).join(',') : l)).join('\n'); },
  'extra column: accepted, ignored, with a warning':
    (f) => { f[U] = text(f, U).split('\n').map((l, i) => (l ? `${l},${i === 0 ? 'Comment' : 'checked by AB'}` : l)).join('\n'); },
  'reordered columns: accepted, same lines and totals':
    (f) => {
      f[U] = text(f, U).split('\n').filter(Boolean).map((l) => { const c = l.split(','); return REORDER.map((i) => c[i]).join(','); }).join('\n') + '\n';
    },
  'the same column twice: refused':
    (f) => { f['outcomes.csv'] = OUTCOMES_CSV.replace('students', 'Value'); },
  'a SACS file whose header is neither layout: refused':
    (f) => { f[U] = 'Fund,Object,Amount\n01,1100,5\n'; },
  'CRLF line endings and blank lines between rows: accepted, same lines and totals':
    (f) => { f[U] = text(f, U).split('\n').join('\r\n\r\n'); },
  'CRLF + blank lines: a later bad amount is reported on its physical line':
    (f) => { usergl(f, { 4: { amount: 'abc' } }); f[U] = text(f, U).split('\n').join('\r\n\r\n'); },
  'CRLF + blank lines: a structural error (too many fields) is reported on its physical line':
    (f) => { usergl(f, { 2: { amount: '150,000.25' } }); f[U] = text(f, U).split('\n').join('\r\n\r\n'); },
  'lines of only commas: ignored, same lines and totals':
    (f) => { const ls = text(f, U).split('\n'); ls.splice(3, 0, ',,,,,,,,,,,,,', ',,,,,,,,,,,,,'); f[U] = ls.join('\n'); },
  'lines of only commas still count as physical lines for a later error':
    (f) => { usergl(f, { 4: { amount: 'abc' } }); const ls = text(f, U).split('\n'); ls.splice(3, 0, ',,,,,,,,,,,,,', ',,,,,,,,,,,,,'); f[U] = ls.join('\n'); },
  'a quoted field spanning two lines counts as two physical lines for a later error':
    (f) => {
      f['schools.csv'] = `${SCHOOLS_CSV.replace('Alder Elementary', '"Alder\nElementary"')}${DUPLICATE_SCHOOL}\n`;
    },
  'a quoted field spanning two lines counts as two physical lines for a later structural error':
    (f) => {
      f['schools.csv'] = SCHOOLS_CSV.replace('Alder Elementary', '"Alder\nElementary"').replace(',1995-96,N', ',1995-96,N,extra');
    },
  'empty file: refused':
    (f) => { f[U] = ''; },
  'header only (SACS export): refused':
    (f) => { f[U] = `${USERGL_HEADER.join(',')}\n`; },
  'header only (optional enrollment): accepted with a warning':
    (f) => { f['enrollment.csv'] = `${ENROLLMENT_HEADER}\n`; },
  'truncated last line (missing fields, no final newline): one error naming the line':
    (f) => { f[U] = text(f, U).replace(/,1150000\.10,I\n$/, ''); },
  'unterminated quote: refused, naming the line and column':
    (f) => { replaceOnce(f, U, ',25000.75,E', ',"25000.75,E'); },
  'a 10 MB single field: refused with the line-too-long message':
    (f) => { f['outcomes.csv'] = `${OUTCOMES_CSV}2023-24,1999901,math_proficiency,"${'9'.repeat(10_000_000)}",1\n`; },
  'a blank line before the header: accepted with a warning':
    (f) => { f['outcomes.csv'] = `\n${OUTCOMES_CSV}`; },
  'text after a closing quote, then a bad value on the next line: both reported on their lines':
    (f) => { f['outcomes.csv'] = `${OUTCOMES_CSV}2023-24,1999901,"math"x,12,1\n2023-24,1999902,x,12,1\n`; },
  'a quote inside an unquoted value: read as part of the value':
    (f) => { f['outcomes.csv'] = OUTCOMES_CSV.replace('math_proficiency', 'math_pro"ficiency'); },
  'empty fields after the last column (a trailing comma on every line): accepted, same lines and totals':
    (f) => { f[U] = text(f, U).split('\n').map((l, i) => (l && i > 0 ? `${l},` : l)).join('\n'); },
  'text in an amount: refused':
    (f) => usergl(f, { 2: { amount: 'about 150k' } }),
  'accounting forms 1,234.00 / (1,234) / $1,234.56 / -$1,234.56 / 12.3400: accepted, exact cents':
    (f) => {
      usergl(f, { 2: { amount: '"1,234.00"' }, 3: { amount: '"(1,234)"' }, 4: { amount: '"$1,234.56"' }, 6: { amount: '12.3400' } });
      legacy(f, { 2: { amount: '"-$1,234.56"' } });
    },
  '1,234.00 without quotes (the comma splits the field): refused as too many fields':
    (f) => usergl(f, { 2: { amount: '1,234.00' } }),
  '1.234 (a fraction of a cent): refused':
    (f) => usergl(f, { 2: { amount: '1.234' } }),
  '1e6: refused':
    (f) => usergl(f, { 2: { amount: '1e6' } }),
  'empty amount: refused':
    (f) => usergl(f, { 2: { amount: '' } }),
  '12.34.5 in the older layout: refused':
    (f) => legacy(f, { 1: { amount: '12.34.5' } }),
  'an amount too large for DECIMAL(18,2): refused, saying it is too large':
    (f) => usergl(f, { 2: { amount: '10000000000000000' } }),
  'the largest DECIMAL(18,2) amount: accepted exactly, totals do not overflow':
    (f) => usergl(f, { 2: { amount: '9999999999999999.99' } }),
  'quoted, space-padded and short codes: accepted, trimmed, upper-cased and zero-padded':
    (f) => {
      replaceOnce(f, U, '0100000111010003101,01,0000,0,1110,1000,3101', '"0100000111010003101 ","1 ","0"," 0 ","1110  ","1000","3101"');
      replaceOnce(f, U, ',BS1,BB,0130100111010004300,', ',"bs1 "," bb",0130100111010004300,');
    },
  'an empty account string: refused':
    (f) => usergl(f, { 2: { account: '' } }),
  'account string disagreeing with its codes: refused':
    (f) => usergl(f, { 2: { account: '0100000111010003102' } }),
  'an unknown code in allocations written with a long fiscal year and a short code: warned on its line':
    (f) => { f['allocations/2023-24.csv'] = String(f['allocations/2023-24.csv']).replace('2023-24,BB,1999901,01,3010,1110,1000,4300', '2023-2024,BB,1999901,1,3010,1110,1000,5800'); },
  'codes missing from the code list: kept, titled "unknown code", warned once per code, year and file':
    (f) => usergl(f, { 2: { object: '5800' }, 3: { object: '5800' }, 6: { object: '1150' } }),
  'a year without its own code list uses the nearest year (2021-22 → 2020-21, 2022-23 → 2023-24)':
    (f) => Object.assign(f, codeLists('2020-21', { ...CODE_LIST_ROWS, fund: [['01', 'General Fund (2020-21 list)']] })),
  'equally near code lists: the earlier year is used (2022-23 → 2021-22 rather than 2023-24)':
    (f) => Object.assign(f, codeLists('2021-22', { ...CODE_LIST_ROWS, fund: [['01', 'General Fund (2021-22 list)']] })),
  'a code-list folder not named as a fiscal year: refused':
    (f) => {
      for (const k of Object.keys(f)) if (k.startsWith('code-lists/2023-24/')) { f[k.replace('2023-24', 'FY2023-24')] = f[k]!; delete f[k]; }
    },
  'a missing code-list file: refused':
    (f) => { delete f['code-lists/2023-24/ref_goal_codes.csv']; },
  'no code lists at all: refused':
    (f) => { for (const k of Object.keys(f)) if (k.startsWith('code-lists/')) delete f[k]; },
  'a code of the wrong width in a code list: refused':
    (f) => { f['code-lists/2023-24/ref_fund_codes.csv'] = `${text(f, 'code-lists/2023-24/ref_fund_codes.csv')}"123 ","Not a fund"\n`; },
  '2023-25: refused':
    (f) => usergl(f, { 1: { fy: '2023-25' } }),
  '1850-51: refused':
    (f) => usergl(f, { 5: { fy: '1850-51' }, 6: { fy: '1850-51' } }),
  'a start year (2022) in the UserGL layout: refused (only the older layout uses it)':
    (f) => usergl(f, { 6: { fy: '2022' } }),
  '2023-2024 in the UserGL layout: accepted as 2023-24':
    (f) => usergl(f, { 0: { fy: '2023-2024' }, 1: { fy: '2023-2024' }, 2: { fy: '2023-2024' }, 3: { fy: '2023-2024' }, 4: { fy: '2023-2024' } }),
  '2021-22 in the legacy Fiscalyear column (which normally holds 2021): accepted as 2021-22':
    (f) => legacy(f, { 0: { fy: '2021-22' }, 1: { fy: '2021-22' }, 2: { fy: '2021-22' } }),
  '1850 in the legacy Fiscalyear column: refused, mentioning the start-year form':
    (f) => legacy(f, { 0: { fy: '1850' } }),
  'unknown reporting period (BS3): refused':
    (f) => usergl(f, { 1: { period: 'BS3' } }),
  'unknown reporting period in the older layout ("X   "): refused':
    (f) => legacy(f, { 0: { period: 'X' } }),
  'column code not carried by the period (IO in an A submission): refused':
    (f) => legacy(f, { 1: { col: 'IO' } }),
  'duplicate key within a submission: refused, naming the earlier line':
    (f) => { const ls = text(f, U).split('\n'); ls.splice(6, 0, ls[3]!.replace(',150000.25,', ',99,')); f[U] = ls.join('\n'); },
  'the same account in two submissions: accepted, both kept, is_latest on the later submission':
    (f) => {
      f[A_FILE] = userglCsv([
        { fy: '2022-23', period: 'A', col: 'BA', fund: '01', resource: '0000', py: '0', goal: '1110', fn: '1000', object: '1100', amount: '1149000.00', flag: 'I', submission: 'TST0A00001' },
        { fy: '2023-24', period: 'A', col: 'BB', fund: '01', resource: '0000', py: '0', goal: '1110', fn: '1000', object: '1100', amount: '1210000.00', flag: 'I', submission: 'TST0A00001' },
      ]);
    },
  'two submissions for the same period and year: refused':
    (f) => {
      f[B_FILE] = userglCsv([{ ...USERGL_LINES[1]!, amount: '1210000.00', submission: 'TST0BS1002' }]);
    },
  'exports from two districts: refused':
    (f) => { f[U] = text(f, U).replaceAll('19999990000000', '19888880000000'); },
  'a reporting period spelled like a built-in name ("constructor"): refused':
    (f) => usergl(f, { 1: { period: 'constructor' } }),
  'a 13-digit CDS code: refused':
    (f) => usergl(f, { 1: { cds: '1999999000000' } }),
  'a header-only export is reported even after another file was refused':
    (f) => { f[U] = text(f, U).replaceAll(',', ';'); f[L] = `${text(f, L).split('\n')[0]}\n`; },
  'unknown school in allocations: refused':
    (f) => { f['allocations/2023-24.csv'] = ALLOCATIONS_CSV.replace('2023-24,BB,1999902', '2023-24,BB,1999909'); },
  'unknown school in enrollment: refused':
    (f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replace('2023-24,1999902', '2023-24,1999908'); },
  'unknown school in outcomes: refused':
    (f) => { f['outcomes.csv'] = OUTCOMES_CSV.replace('2023-24,1999903', '2023-24,2999903'); },
  'allocations (and enrollment, outcomes) without schools.csv: refused':
    (f) => { delete f['schools.csv']; },
  'a school type not in the list: refused with that one error':
    (f) => { f['schools.csv'] = SCHOOLS_CSV.replace(',middle,', ',junior_high,'); },
  'an error in another file does not make schools.csv unusable':
    (f) => { f[U] = text(f, U).replaceAll(',', ';'); },
  'a duplicate school code: refused, naming the earlier line':
    (f) => { f['schools.csv'] = `${SCHOOLS_CSV}${DUPLICATE_SCHOOL}\n`; },
  'a demographic count larger than enrollment: refused':
    (f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replace('2023-24,1999901,420,300,', '2023-24,1999901,420,430,'); },
  'a need_index above 100: refused':
    (f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replace(',72.5\n', ',100.5\n'); },
  'an enrollment with a thousands separator: refused':
    (f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replace('2023-24,1999903,980,', '2023-24,1999903,"1,980",'); },
  'an allocation column code that is not BB, IB or BA: refused':
    (f) => { f['allocations/2023-24.csv'] = ALLOCATIONS_CSV.replace('2023-24,BB,1999901,01,0000', '2023-24,BE,1999901,01,0000'); },
  'an outcome above 100 percent, after a quoted line break: refused on its physical line':
    (f) => { f['outcomes.csv'] = OUTCOMES_CSV.replace('41.5,210', '41.5,"210\n"').replace('91.2,240', '101,240'); },
  'district.json that is not JSON: refused':
    (f) => { f['district.json'] = '{"name": "Fictional USD",}'; },
} satisfies Record<string, Mutation>;

export type CaseTitle = keyof typeof CORPUS_CASES;
