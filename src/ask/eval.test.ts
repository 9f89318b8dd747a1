/**
 * The accuracy floor: Ask's evaluation set (src/ask/eval/questions.json, `npm run eval:ask`) on the shared
 * sample release must stay at or above the accuracy reached when the floor was set, with at least 150
 * questions in English and Spanish, unanswerable ones included. Expected figures come from the set's own
 * SQL on the same release. Raise ACCURACY_FLOOR when the engine improves; never lower it to pass.
 * (ASK_TEST_RELEASE=DIR runs it on another release, e.g. with NO_SAMPLE_SITE=1.)
 */
import { describe, expect, inject, it } from 'vitest';
import { canonicalDecimal, formatReport, misspell, readEvalSet, runEval } from './eval.ts';

/**
 * Reached on the 24-school sample release: 289 of 289 (also 289/289 on the full sample district). The floor
 * leaves room for two misses only because definitions and some question words come from the glossary
 * files (src/i18n/messages/<locale>/glossary.json), which change with the glossary, not with Ask.
 */
const ACCURACY_FLOOR = 0.99;

const releaseDir = process.env.ASK_TEST_RELEASE || inject('sampleSite').out;

describe('Ask evaluation set', () => {
  it('has at least 150 questions, in English and Spanish, with several phrasings per case and unanswerable ones', () => {
    const set = readEvalSet();
    const questions = set.cases.flatMap((c) => c.questions);
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(questions.filter((q) => q.locale === 'es').length).toBeGreaterThanOrEqual(60);
    expect(questions.filter((q) => q.locale === 'en').length).toBeGreaterThanOrEqual(60);
    expect(set.cases.filter((c) => c.questions.length >= 2).length / set.cases.length).toBeGreaterThan(0.9);
    expect(set.cases.filter((c) => c.expect.status === 'declined').flatMap((c) => c.questions).length).toBeGreaterThanOrEqual(10);
    // Expected figures are computed, never written down.
    for (const c of set.cases) if (c.expect.status === 'answered') expect(c.expect.sql, c.id).toMatch(/^\s*(SELECT|WITH)\b/);
  });

  it('compares decimals by value and misspells deterministically', () => {
    expect(canonicalDecimal('12.30')).toBe('12.3');
    expect(canonicalDecimal('-0.00')).toBe('0');
    expect(canonicalDecimal('007.10')).toBe('7.1');
    expect(misspell('Linden Avenue Elementary')).toBe('Linden Avenue Eleemntary');
  });

  it(`stays at or above ${ACCURACY_FLOOR * 100}% on the sample release`, async () => {
    expect(releaseDir, 'the shared sample site was not built (NO_SAMPLE_SITE is set): set ASK_TEST_RELEASE=DIR').toBeTruthy();
    const report = await runEval(releaseDir);
    expect(report.total).toBeGreaterThanOrEqual(150);
    expect(report.accuracy, formatReport(report)).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
    // A declined answer never carries a number, whatever the accuracy.
    for (const r of report.results) if (r.answer.status === 'unsure' || r.answer.status === 'no_data') expect(r.answer.numbers, r.question).toEqual({});
  });
});
