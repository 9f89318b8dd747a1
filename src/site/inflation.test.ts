import { describe, expect, it } from "vitest";
import { CPI_SOURCE, CPI_U_ANNUAL, fiscalYearPrice, latestCoveredYear, toConstantCents } from "./inflation.ts";
import { messagesFor } from "../i18n/messages.ts";

describe("CPI-U by fiscal year", () => {
  it("cites the same source on the pages (the message translators see)", () => {
    expect(messagesFor("en")["trends.perStudent.cpiSource"]).toBe(CPI_SOURCE);
  });

  it("averages the two half-years where BLS semiannual figures are in the table", () => {
    // (315.233 + 320.229) / 2 = 317.731
    expect(fiscalYearPrice("2024-25")).toEqual({ index: 317731n, method: "half-year" });
  });

  it("otherwise averages the two calendar years (rounded to the thousandth)", () => {
    // (304.702 + 313.689) / 2 = 309.1955 → 309.196
    expect(fiscalYearPrice("2023-24")).toEqual({ index: 309196n, method: "calendar" });
    expect(fiscalYearPrice("2018-19")).toEqual({ index: 253382n, method: "calendar" });
  });

  it("has no figure for years it does not cover, or for malformed years", () => {
    expect(fiscalYearPrice("2025-26")).toBeNull();
    expect(fiscalYearPrice("2014-15")).toBeNull();
    expect(fiscalYearPrice("2024")).toBeNull();
  });

  it("keeps the annual series increasing (a typo would likely break this)", () => {
    const values = Object.entries(CPI_U_ANNUAL).sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
    for (let i = 1; i < values.length; i++) expect(values[i]! > values[i - 1]!).toBe(true);
  });

  it("converts cents exactly with integer arithmetic", () => {
    // $30,000.00 of 2018-19 in 2024-25 prices: 3,000,000 × 317731 / 253382 = 3,761,881.27… cents
    expect(toConstantCents(3_000_000n, "2018-19", "2024-25")).toBe(3_761_881n);
    expect(toConstantCents(123_45n, "2024-25", "2024-25")).toBe(123_45n);
    expect(toConstantCents(100n, "2025-26", "2024-25")).toBeNull();
  });

  it("picks the latest covered year as the base", () => {
    expect(latestCoveredYear(["2025-26", "2023-24", "2024-25"])).toBe("2024-25");
    expect(latestCoveredYear(["2030-31"])).toBeNull();
  });
});
