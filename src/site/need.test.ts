import { describe, expect, it } from "vitest";
import { formatters } from "../i18n/format.ts";
import { useTranslations } from "../i18n/index.ts";
import { formatNeedIndex, needBandDescription, needBandInSentence, needBandLabel, needBandOf, needBandRange, needBandShort, needBands, parseNeedBand, quantile } from "./need.ts";

const t = useTranslations("en");
/** A translator that shows which message and variables were chosen, to check the wiring in any locale. */
const keys = (key: string, vars?: Record<string, string | number>) => `${key}${vars ? JSON.stringify(vars) : ""}`;

describe("need bands (quartiles of the latest year's need index)", () => {
  it("computes quartiles by linear interpolation, like DuckDB's quantile_cont", () => {
    const sorted = [10, 20, 30, 40, 50];
    expect(quantile(sorted, 0.25)).toBe(20);
    expect(quantile(sorted, 0.5)).toBe(30);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 10);
    expect(quantile([7], 0.75)).toBe(7);
  });

  it("splits schools into four groups of about the same size, ignoring missing values", () => {
    const values = [80, 10, 60, 30, 50, 20, 70, 40, Number.NaN];
    const bands = needBands("2025-26", values)!;
    expect(bands).toMatchObject({ year: "2025-26", min: 10, max: 80, schools: 8 });
    expect(bands.cuts).toEqual([27.5, 45, 62.5]);
    const counts = [0, 0, 0, 0];
    for (const v of values) {
      const b = needBandOf(bands, v);
      if (b !== null) counts[b - 1]!++;
    }
    expect(counts).toEqual([2, 2, 2, 2]);
  });

  it("puts a value equal to a cut point in the lower band, and values outside the year's range at the ends", () => {
    const bands = needBands("2025-26", [10, 20, 30, 40, 50])!; // cuts 20, 30, 40
    expect(needBandOf(bands, 20)).toBe(1);
    expect(needBandOf(bands, 20.01)).toBe(2);
    expect(needBandOf(bands, 30)).toBe(2);
    expect(needBandOf(bands, 40)).toBe(3);
    expect(needBandOf(bands, 40.01)).toBe(4);
    expect(needBandOf(bands, 0)).toBe(1);
    expect(needBandOf(bands, 100)).toBe(4);
  });

  it("gives no band without a value or without bands", () => {
    expect(needBands("2025-26", [])).toBeNull();
    const bands = needBands("2025-26", [1, 2, 3]);
    expect(needBandOf(bands, null)).toBeNull();
    expect(needBandOf(bands, undefined)).toBeNull();
    expect(needBandOf(null, 50)).toBeNull();
  });

  it("describes each band's range in words", () => {
    const bands = needBands("2025-26", [10, 20, 30, 40, 50])!;
    expect(needBandRange(bands, 1, t)).toBe("need index 20.00 or less");
    expect(needBandRange(bands, 2, t)).toBe("need index above 20.00 up to 30.00");
    expect(needBandRange(bands, 4, t)).toBe("need index above 40.00");
    expect(needBandDescription(bands, 4, t, formatters("en"))).toBe("highest need quarter of schools (need index above 40.00, 2025-26)");
    expect([needBandLabel(4, t), needBandShort(4, t), needBandInSentence(4, t)]).toEqual(["Highest need", "Highest", "highest need"]);
  });

  it("takes its words from the page's messages and its numbers from the page's locale", () => {
    const bands = needBands("2025-26", [10, 20.5, 30, 40, 50])!; // cuts 20.5, 30, 40
    expect(needBandRange(bands, 3, keys, "es")).toBe('schools.need.rangeBetween{"low":"30,00","high":"40,00"}');
    expect(needBandDescription(bands, 1, keys, formatters("fa"))).toBe(
      'schools.need.quarter1{"range":"schools.need.rangeLowest{\\"high\\":\\"۲۰٫۵۰\\"}","year":"۲۰۲۵-۲۶"}',
    );
    expect(needBandLabel(2, keys)).toBe("schools.need.label2");
    expect(formatNeedIndex(66.7)).toBe("66.70");
    expect(formatNeedIndex(66.7, "fa")).toBe("۶۶٫۷۰");
  });

  it("parses a band from a URL segment", () => {
    expect(parseNeedBand("3")).toBe(3);
    expect(parseNeedBand("5")).toBeNull();
    expect(parseNeedBand(undefined)).toBeNull();
  });
});
