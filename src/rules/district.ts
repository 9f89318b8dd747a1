/**
 * `district.json`: the district's name, CDS code and whether the data is sample data. Read by the pipeline
 * and checked by the staff file checker with the same function. No Node APIs here.
 */
import { msg, type ProblemText } from './messages.ts';

export interface District {
  name: string;
  cds_code?: string;
  sample?: boolean;
  note?: string;
}

const UNNAMED: District = { name: 'School district' };

/** Parses district.json's text: the district, and problems (then the district is a placeholder). */
export function checkDistrictJson(text: string): { district: District; problems: ProblemText[] } {
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return { district: UNNAMED, problems: [{ rule: 'districtJson', expected: msg('districtJson.expected'), found: (e as Error).message }] };
  }
  if (d === null || typeof d !== 'object' || typeof d.name !== 'string' || !d.name.trim()) {
    const name = d !== null && typeof d === 'object' ? d.name : undefined;
    return { district: UNNAMED, problems: [{ rule: 'districtName', column: 'name', expected: msg('districtName.expected'), found: JSON.stringify(name ?? null) }] };
  }
  return {
    district: {
      name: d.name.trim(),
      ...(typeof d.cds_code === 'string' ? { cds_code: d.cds_code } : {}),
      ...(d.sample === true ? { sample: true } : {}),
      ...(typeof d.note === 'string' ? { note: d.note } : {}),
    },
    problems: [],
  };
}
