import { describe, expect, it } from 'vitest';
import { DIMENSIONS, TITLE_WIDTH, codeList, codeListCsv, isListed, titleOf } from './codes.ts';
import { parseCsv } from './check.ts';

describe('SACS code lists', () => {
  it('drift from year to year like the state lists', () => {
    expect(isListed('resource', '3213', 2020)).toBe(false);
    expect(isListed('resource', '3213', 2021)).toBe(true);
    expect(isListed('resource', '7435', 2021)).toBe(false);
    expect(isListed('resource', '7435', 2022)).toBe(true);
    expect(isListed('resource', '2600', 2020)).toBe(false);
    expect(isListed('resource', '2600', 2021)).toBe(true);
    expect(isListed('resource', '6770', 2023)).toBe(true);
    expect(isListed('resource', '3210', 2018)).toBe(false);
    expect(isListed('resource', '3210', 2024)).toBe(false);
    expect(isListed('fund', '08', 2019)).toBe(false);
    expect(isListed('fund', '08', 2020)).toBe(true);
    expect(isListed('object', 'PCRA', 2021)).toBe(false);
    expect(isListed('object', 'PCRA', 2022)).toBe(true);
    expect(titleOf('goal', '1110', 2018)).toBe('Regular Education, K-12');
    expect(titleOf('goal', '1110', 2023)).toBe('General Education, K-12');
    expect(titleOf('object', '8011', 2022)).toBe('LCFF State Aid – Current Year');
  });

  it('carry the codes the brief asks for, with real titles', () => {
    const fy = 2023;
    expect(titleOf('resource', '3010', fy)).toBe('ESSA: Title I, Part A, Basic Grants Low-Income and Neglected');
    expect(titleOf('resource', '3310', fy)).toBe('Special Ed: IDEA Basic Local Assistance Entitlement, Part B, Sec 611');
    expect(titleOf('resource', '6762', fy)).toBe('Arts, Music, Instructional Materials Discretionary Block Grant');
    expect(titleOf('function', '2420', fy)).toBe('Instructional Library, Media, and Technology');
    expect(titleOf('object', '8096', fy)).toBe('Transfers to Charter Schools in Lieu of Property Taxes');
    for (const code of ['01', '09', '11', '12', '13', '14', '21', '25', '35', '40', '51', '56', '67']) expect(isListed('fund', code, fy)).toBe(true);
    for (const code of ['7619', '8919', '7310', '7350', '7438', '7439', '8980', '9791', '979Z', '9110', '9640']) expect(isListed('object', code, fy)).toBe(true);
  });

  it('are sorted and unique', () => {
    for (const dim of DIMENSIONS) {
      const codes = codeList(dim, 2022).map((c) => c.code);
      expect([...codes].sort()).toEqual(codes);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('are written in the state raw format', () => {
    const fund = codeListCsv('fund', 2022).text;
    expect(fund.startsWith('Code,Title\n"01  ","General Fund/County School Service Fund ')).toBe(true);
    for (const dim of DIMENSIONS) {
      const { text, rows } = codeListCsv(dim, 2022);
      const parsed = parseCsv(text);
      expect(parsed[0]).toEqual(['Code', 'Title']);
      expect(parsed.length - 1).toBe(rows);
      for (const [code = '', title = ''] of parsed.slice(1)) {
        expect(title.length).toBe(TITLE_WIDTH);
        if (dim === 'fund') expect(code).toMatch(/^\d\d {2}$/);
      }
    }
    // a quoted title with a stray line break, as in the state's raw files
    expect(codeListCsv('resource', 2022).text).toContain('"7426","Expanded Learning Opportunities (ELO) Grant: Paraprofessional Staff\n ');
  });
});
