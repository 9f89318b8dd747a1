/**
 * Year-dependent economic parameters shared by the school allocations and the district ledger: salary levels,
 * employer benefit rates, and the enrollment trend. Years outside the tables extrapolate from the nearest end.
 */

function fromTable(table: Readonly<Record<number, number>>, fy: number, growthOutside: number): number {
  const years = Object.keys(table).map(Number).sort((a, b) => a - b);
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  if (fy < first) return (table[first] as number) / (1 + growthOutside) ** (first - fy);
  if (fy > last) return (table[last] as number) * (1 + growthOutside) ** (fy - last);
  return table[fy] as number;
}

/** Negotiated salary level relative to 2018-19 (raises of 2019, 2022 and the 2023 three-year agreements). */
export function salaryIndex(fy: number): number {
  return fromTable({ 2018: 1, 2019: 1.03, 2020: 1.03, 2021: 1.05, 2022: 1.1, 2023: 1.14, 2024: 1.17, 2025: 1.19 }, fy, 0.025);
}

/** Health and welfare cost per full-time employee relative to 2018-19. */
export function healthIndex(fy: number): number {
  return fromTable({ 2018: 1, 2019: 1.03, 2020: 1.06, 2021: 1.09, 2022: 1.12, 2023: 1.16, 2024: 1.2, 2025: 1.24 }, fy, 0.05);
}

/** General price level relative to 2018-19. */
export function priceIndex(fy: number): number {
  return fromTable({ 2018: 1, 2019: 1.025, 2020: 1.04, 2021: 1.08, 2022: 1.15, 2023: 1.19, 2024: 1.22, 2025: 1.25 }, fy, 0.025);
}

/** CalSTRS employer rate (after state buy-downs). */
export function strsRate(fy: number): number {
  return fromTable({ 2018: 0.1628, 2019: 0.1707, 2020: 0.1615, 2021: 0.1692, 2022: 0.191, 2023: 0.191, 2024: 0.191, 2025: 0.191 }, fy, 0);
}

/** CalPERS Schools employer rate. */
export function persRate(fy: number): number {
  return fromTable({ 2018: 0.18062, 2019: 0.19721, 2020: 0.207, 2021: 0.2291, 2022: 0.2537, 2023: 0.2668, 2024: 0.2705, 2025: 0.2681 }, fy, 0);
}

/** State unemployment insurance rate. */
export function suiRate(fy: number): number {
  return fromTable({ 2018: 0.0005, 2019: 0.0005, 2020: 0.0005, 2021: 0.005, 2022: 0.005, 2023: 0.0005, 2024: 0.0005, 2025: 0.0005 }, fy, 0);
}

/** Annual health and welfare cost per FTE in 2018-19 dollars. */
export const HEALTH_PER_FTE = { certificated: 23000, classified: 21000 } as const;

/** District enrollment change from the previous year (COVID years steeper). */
export function enrollmentChange(fy: number): number {
  const table: Record<number, number> = { 2019: -0.02, 2020: -0.03, 2021: -0.04, 2022: -0.03, 2023: -0.02, 2024: -0.022, 2025: -0.025 };
  return table[fy] ?? -0.025;
}

/** District enrollment relative to 2018-19. */
export function enrollmentIndex(fy: number): number {
  let x = 1;
  if (fy >= 2018) for (let y = 2019; y <= fy; y++) x *= 1 + enrollmentChange(y);
  else for (let y = 2018; y > fy; y--) x /= 1 + enrollmentChange(y);
  return x;
}

/** Students in district-run schools in 2018-19 per 1,000 schools. */
export const BASE_ENROLLMENT_PER_1000_SCHOOLS = 490_000;
