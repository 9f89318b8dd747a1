/** Fiscal years are handled as their first calendar year: 2023 means 2023-24 (July 2023 – June 2024). */

export function fyLabel(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Parse `2023-24` (or `2023-2024`, or `2023`) to 2023. */
export function parseFy(text: string): number {
  const m = /^(\d{4})(?:-(\d{2}|\d{4}))?$/.exec(text.trim());
  if (!m) throw new Error(`not a fiscal year: "${text}" (expected e.g. 2023-24)`);
  const start = Number(m[1]);
  if (m[2] !== undefined) {
    const end = Number(m[2]);
    const expected = m[2].length === 2 ? (start + 1) % 100 : start + 1;
    if (end !== expected) throw new Error(`not a fiscal year: "${text}" (the second year must follow the first)`);
  }
  if (start < 1990 || start > 2099) throw new Error(`fiscal year out of range: "${text}"`);
  return start;
}

export function yearRange(first: number, last: number): number[] {
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}
