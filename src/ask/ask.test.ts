/**
 * Ask's engine on the shared sample release (src/test-support/sample-site.ts; or ASK_TEST_RELEASE=DIR for
 * a quick run with NO_SAMPLE_SITE=1): the example questions in English and Spanish, figures
 * checked against plain SQL on the same release, Spanish without accents, "el año pasado", misspellings,
 * the Explorer link decoding to the very view that was run, and no number ever in an unsure answer.
 * Plus the text helpers and the parser without a release.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ask, type Answer } from './engine.ts';
import { buildLexicon, type LexiconData } from './lexicon.ts';
import { openAsk, readMessages, termSources, type NodeAsk } from './node.ts';
import { parseQuestion } from './parse.ts';
import { editDistance, normalize, sameWord } from './text.ts';
import { decodeSpec } from '../query/url.ts';
import { compileSpec } from '../query/compile.ts';

const releaseDir = process.env.ASK_TEST_RELEASE || inject('sampleSite').out;

describe('text', () => {
  it('normalizes accents, case, punctuation and possessives, and keeps fiscal years', () => {
    expect(normalize('¿Cuánto recibe la ESCUELA Niños de la Paz por alumno?')).toBe('cuanto recibe la escuela ninos de la paz por alumno');
    expect(normalize("Linden Avenue Elementary's budget in 2023–24 / FY2024")).toBe('linden avenue elementary budget in 2023-24 fy2024');
    expect(normalize('Title I, Part A: A-G grant')).toBe('title i part a a g grant');
  });
  it('forgives typos in long words only', () => {
    expect(editDistance('educaton', 'education')).toBe(1);
    expect(editDistance('teh', 'the')).toBe(1);
    expect(sameWord('specal', 'special')).toBe(true);
    expect(sameWord('transportaion', 'transportation')).toBe(true);
    expect(sameWord('mejor', 'menor')).toBe(false); // 5 letters: exact only
    expect(sameWord('el', 'els')).toBe(false);
    expect(sameWord('schools', 'school')).toBe(true);
  });
});

describe('parser (a tiny lexicon, no release)', () => {
  const data: LexiconData = {
    release: null,
    available: ['2022-23', '2023-24', '2024-25'].flatMap((fy) => [
      { table: 'line_items' as const, fiscal_year: fy, column_code: 'BB' },
      ...(fy < '2024-25' ? [{ table: 'line_items' as const, fiscal_year: fy, column_code: 'BA' }] : []),
      { table: 'allocations' as const, fiscal_year: fy, column_code: 'BB' },
    ]),
    enrollmentYears: ['2022-23', '2023-24', '2024-25'],
    schools: [
      { code: '1000001', name: 'Central High', type: 'high', region: 'Region East' },
      { code: '1000002', name: 'Maple Middle', type: 'middle', region: 'Region North' },
      { code: '1000003', name: 'Maple Street Elementary', type: 'elementary', region: 'Region North' },
      { code: '1000004', name: 'Sequoyah High', type: 'high', region: 'Region West' },
      { code: '1000005', name: 'Sequoyah Senior High', type: 'high', region: 'Region West' },
    ],
    codes: [
      { dimension: 'goal', code: '5001', title: 'Special Education, Unspecified' },
      { dimension: 'resource', code: '3010', title: 'ESSA: Title I, Part A, Basic Grants Low-Income and Neglected' },
      { dimension: 'function', code: '7100', title: 'Board and Superintendent' },
    ],
  };
  const lex = buildLexicon(data, termSources('es'));

  it.each([
    ['How much does the district spend on special education?', 'amount', { subjects: [{ kind: 'concept', id: 'specialEducation' }] }],
    ['¿Cuánto recibe la escuela Maple Middle por alumno?', 'per_pupil', { school: '1000002' }],
    ['cuanto recibe la escuela maple middle por alumno', 'per_pupil', { school: '1000002' }],
    ['Did we spend the Title I budget last year?', 'budget_vs_actual', { relative: 'last' }],
    ['¿Se gastó el presupuesto del Título I el año pasado?', 'budget_vs_actual', { relative: 'last' }],
    ['Which schools get the most per pupil?', 'rank', { rankBy: 'school_code', rankOrder: 'desc' }],
    ['How has teacher pay changed since 2020?', 'trend', { since: '2020-21' }],
    ['What is the need index?', 'definition', { topic: 'needIndex' }],
    ['How much does Sequoyah High get?', 'amount', { school: '1000004' }],
    ['How much does the central office cost?', 'amount', { school: null }],
  ] as const)('%s → %s', (q, kind, fields) => {
    const intent = parseQuestion(q, lex);
    expect(intent.unknown).toEqual([]);
    expect(intent.kind).toBe(kind);
    expect(intent).toMatchObject(fields);
  });

  it('asks which school when a name fits several equally', () => {
    expect(parseQuestion('How much does Maple get?', lex).ambiguousSchools.sort()).toEqual(['1000002', '1000003']);
  });

  it('reports the words it did not understand, and refuses people questions', () => {
    expect(parseQuestion('How much does the district spend on football stadium lights?', lex).unknown).toEqual(['stadium', 'lights']);
    expect(parseQuestion('Who is the superintendent?', lex).unsupported).toBe('who');
    expect(parseQuestion('How many teachers are there?', lex).unsupported).toBe('howMany');
  });
});

describe('answers on the sample release', () => {
  let o: NodeAsk;
  const q = async (text: string, locale = 'en'): Promise<Answer> => ask(text, locale === 'en' ? o.options : { ...o.options, locale, messages: readMessages(locale), lexicon: buildLexicon(o.data, termSources(locale)) });
  const one = async (sql: string, params: (string | number | boolean)[] = []) => (await o.release.run(sql, params))[0] ?? {};

  beforeAll(async () => {
    expect(releaseDir, 'the shared sample site was not built (NO_SAMPLE_SITE is set): set ASK_TEST_RELEASE=DIR').toBeTruthy();
    o = await openAsk(releaseDir, 'en');
  });
  afterAll(() => o?.close());

  it('special education: the sentence, what it understood, the SQL and the exact figure', async () => {
    const a = await q('How much does the district spend on special education?');
    const latest = String((await one(`SELECT max(fiscal_year) AS y FROM line_items WHERE column_code = 'BA'`)).y);
    const want = await one(`SELECT CAST(sum(amount) AS VARCHAR) AS v FROM line_items
      WHERE is_latest AND column_code = 'BA' AND fiscal_year = ? AND goal BETWEEN '5000' AND '5999' AND object_class IN ('expenditure', 'other_outgo')`, [latest]);
    expect(a.status).toBe('answered');
    expect(a.numbers.value).toBe(want.v);
    expect(a.numbers.year).toBe(latest);
    expect(a.sentence).toMatch(new RegExp(`^In ${latest}, the district spent \\$[\\d.,]+ (million|billion) on special education \\(unaudited actuals\\)\\.$`));
    expect(a.understood[0]).toBe('special education = goals 5000–5999');
    expect(a.understood).toContain('unaudited actuals');
    expect(a.sql).toContain('t.goal IN (');
  });

  it('the Explorer link opens the same view that was run', async () => {
    const a = await q('¿Cuánto gasta el distrito en educación especial?', 'es');
    const decoded = decodeSpec(a.explorer!);
    expect(decoded.usedDefault).toBe(false);
    expect(decoded.spec).toEqual(a.spec);
    expect(compileSpec(decoded.spec).sql).toBe(a.sql);
    expect(a.spec!.release).toBe(o.release.release);
  });

  it('Spanish: a school per pupil, accents optional, with the school misspelled', async () => {
    const school = await one(`SELECT s.name, s.school_code FROM enrollment e JOIN schools s USING (school_code)
      WHERE e.fiscal_year = (SELECT max(fiscal_year) FROM allocations) ORDER BY e.enrollment DESC, s.school_code LIMIT 1`);
    const answers = await Promise.all([
      q(`¿Cuánto recibe la escuela ${school.name} por alumno?`, 'es'),
      q(`cuanto recibe la escuela ${String(school.name).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()} por alumno`, 'es'),
    ]);
    const want = await one(`SELECT CAST(CAST(round(CAST(sum(amount) AS DOUBLE) / (SELECT enrollment FROM enrollment WHERE school_code = ? AND fiscal_year = max(a.fiscal_year)), 2) AS DECIMAL(18,2)) AS VARCHAR) AS v
      FROM allocations a WHERE school_code = ? AND fiscal_year = (SELECT max(fiscal_year) FROM allocations) AND column_code = 'BB'`, [String(school.school_code), String(school.school_code)]);
    for (const a of answers) {
      expect(a.status).toBe('answered');
      expect(a.numbers.value).toBe(want.v);
      expect(a.sentence).toMatch(/ por alumno/);
      expect(a.understood.join(' ')).toContain(String(school.school_code));
    }
  });

  it('"el año pasado" is the year before the release\'s latest, and budget vs. actual shows both', async () => {
    const a = await q('¿Se gastó el presupuesto del Título I el año pasado?', 'es');
    const latest = String((await one('SELECT max(fiscal_year) AS y FROM line_items')).y);
    const last = `${Number(latest.slice(0, 4)) - 1}-${latest.slice(2, 4)}`;
    expect(a.status).toBe('answered');
    expect(a.numbers.year).toBe(last);
    expect(a.spec!.compare).toBe('budget_vs_actual');
    const want = await one(`SELECT CAST(sum(amount) FILTER (WHERE column_code = 'BB') AS VARCHAR) AS b, CAST(sum(amount) FILTER (WHERE column_code = 'BA') AS VARCHAR) AS a
      FROM line_items WHERE is_latest AND fiscal_year = ? AND resource = '3010' AND object_class IN ('expenditure', 'other_outgo')`, [last]);
    expect([a.numbers.budget, a.numbers.actual]).toEqual([want.b, want.a]);
    expect(a.understood).toContain(`el año pasado = ${last}`);
  });

  it('unsure answers and missing figures carry no number and offer answerable questions', async () => {
    for (const text of ['What is the weather tomorrow?', 'How much money did Hogwarts get?', 'How much did the district spend in 2035?', '']) {
      const a = await q(text);
      expect(['unsure', 'no_data']).toContain(a.status);
      expect(a.numbers).toEqual({});
      expect(a.sentence).not.toMatch(/\$\d/);
      expect(a.suggestions.length).toBeGreaterThan(0);
      for (const s of a.suggestions) expect((await q(s)).status, s).toMatch(/answered|definition/);
    }
  });

  it('a question with markup is only text: nothing from it reaches the SQL', async () => {
    const a = await q(`<img src=x onerror=alert(1)> how much on special education'; DROP TABLE schools; --`);
    expect(a.sql ?? '').not.toMatch(/DROP|<img/i);
    expect(a.sentence).not.toContain('<img');
  });
});
