import { describe, expect, it } from 'vitest';
import { RELEASE_CHECKS } from '../rules/inputs.ts';
import { RULES, type RuleId } from '../rules/messages.ts';
import { TABLES } from '../rules/tables.ts';
import { commonDocs, kindDocs, PIPELINE_ONLY, releaseDocs } from './explain.ts';

describe('what the checker page says is checked', () => {
  it('describes every rule, each where it applies', () => {
    const described = new Set<RuleId>([...commonDocs(), ...releaseDocs(), ...kindDocs().flatMap((k) => [...k.rules, ...k.release])].map((d) => d.rule));
    const all = Object.keys(RULES) as RuleId[];
    expect(all.filter((r) => !described.has(r) && !PIPELINE_ONLY.includes(r))).toEqual([]);
    for (const d of [...commonDocs(), ...releaseDocs()]) expect(d.about).toBe(RULES[d.rule].about);
  });

  it('names as "checked when publishing" only rules that need the whole release', () => {
    for (const rules of Object.values(RELEASE_CHECKS)) for (const r of rules) expect({ r, scope: RULES[r].scope }).toEqual({ r, scope: 'release' });
    for (const k of kindDocs()) for (const r of k.rules) expect({ r, scope: RULES[r.rule].scope }).toEqual({ r, scope: 'file' });
  });

  it('lists every column of every layout, with the wording of its type', () => {
    const docs = kindDocs();
    const enrollment = docs.find((k) => k.kind === 'enrollment')!.layouts[0]!;
    expect(enrollment.columns.map((c) => c.column)).toEqual(TABLES.enrollment.layout.fields.map((f) => f.field));
    expect(enrollment.columns.find((c) => c.column === 'need_index')).toEqual({ column: 'need_index', required: false, expected: TABLES.enrollment.types.need_index!.expected });
    const usergl = docs.find((k) => k.kind === 'sacs')!.layouts.find((l) => l.id === 'usergl')!;
    expect(usergl.columns.find((c) => c.column === 'Amount')?.expected).toMatch(/exact to the cent/);
    expect(usergl.columns.find((c) => c.column === 'ReportingPeriod')?.expected).toBe('a reporting period: BS1, BS2, I1, I2, A');
    expect(docs.find((k) => k.kind === 'frpm')!.layouts[0]!.columns.find((c) => c.column === 'FRPM Count (K-12)')?.expected).toMatch(/whole number/);
  });
});
