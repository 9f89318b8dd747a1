import { describe, expect, it } from 'vitest';
import { parseFiscalYear } from './fiscal-year.ts';
import { classifyObject, normaliseCode } from './codes.ts';

describe('parseFiscalYear', () => {
  it.each([
    ['2023-24', '2023-24'],
    ['2023-2024', '2023-24'],
    [' 1999-00 ', '1999-00'],
    ['2099-00', '2099-00'],
  ])('%j → %s', (raw, fy) => expect(parseFiscalYear(raw)).toMatchObject({ ok: true, value: fy }));
  it.each(['2023-25', '1850-51', '2023', '23-24', '2023/24', '', '2101-02'])('refuses %j', (raw) => expect(parseFiscalYear(raw).ok).toBe(false));
  it('takes a start year only in the older SACS layout', () => {
    expect(parseFiscalYear('2020', true)).toMatchObject({ ok: true, value: '2020-21' });
  });
});

describe('SACS codes', () => {
  it('normalises padded and short codes', () => {
    expect(normaliseCode('"A   "'.slice(1, -1), 4)).toBe('A');
    expect(normaliseCode('1', 2)).toBe('01');
    expect(normaliseCode(' 0000 ', 4)).toBe('0000');
    expect(normaliseCode('pcra', 4)).toBe('PCRA');
  });
  it('classifies objects so totals mean something', () => {
    expect(classifyObject('1100')).toEqual({ cls: 'expenditure', group: 'certificated_salaries' });
    expect(classifyObject('3401').group).toBe('employee_benefits');
    expect(classifyObject('7310').cls).toBe('other_outgo');
    expect(classifyObject('7619').cls).toBe('other_financing');
    expect(classifyObject('8919').cls).toBe('other_financing');
    expect(classifyObject('8011')).toEqual({ cls: 'revenue', group: 'lcff' });
    expect(classifyObject('8290').group).toBe('federal');
    expect(classifyObject('9791').cls).toBe('balance_sheet');
    expect(classifyObject('979Z').cls).toBe('balance_sheet');
    expect(classifyObject('PCRA').cls).toBe('calculated');
  });
});
