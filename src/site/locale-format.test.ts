import { describe, expect, it } from "vitest";
import { localeFormats } from "./locale-format.ts";
import { formatMillions, formatMoneyShort } from "./money.ts";
import { formatTenthsPercent } from "./trends.ts";

describe("localeFormats", () => {
  const en = localeFormats("en");

  it("writes English exactly as src/site/money.ts does", () => {
    for (const c of [0n, 4_999n, -1_654_430_986_85n, 123_456_789_012_34n]) {
      expect(en.millions(c)).toBe(formatMillions(c));
      expect(en.millions(c, { signed: true })).toBe(formatMillions(c, { signed: true }));
    }
    for (const d of [0, 15_000, 1.5e9, 2e9]) expect(en.moneyTick(d)).toBe(formatMoneyShort(BigInt(Math.round(d * 100)), { trim: true }));
    for (const t of [0n, 586n, -50n, 12_345n]) expect(en.tenthsPercent(t)).toBe(formatTenthsPercent(t));
    expect(en.shortFiscalYear("2024-25")).toBe("24-25");
    expect(en.integer(25_167n)).toBe("25,167");
    expect(en.list(["a", "b", "c"])).toBe("a, b and c");
  });

  it("gives the unsigned size of a change, exactly, or null against zero", () => {
    expect(en.changeSize(90n, 100n)).toBe("10.0%");
    expect(en.changeSize(110n, 100n)).toBe("10.0%");
    expect(en.changeSize(1_654_430_986_85n, 1_671_000_000_00n)).toBe("1.0%");
    expect(en.changeSize(5n, 0n)).toBeNull();
  });

  it("uses each locale's digits, separators and list words", () => {
    const es = localeFormats("es");
    expect(es.millions(-1_654_430_986_85n, { signed: true })).toBe("-1654,4");
    expect(es.tenthsPercent(586n)).toBe("58,6\u00a0%");
    expect(es.list(["a", "b", "c"])).toBe("a, b y c");
    const fa = localeFormats("fa");
    expect(fa.shortFiscalYear("2024-25")).toBe("۲۴-۲۵");
    expect(fa.integer(25_167n)).toBe("۲۵٬۱۶۷");
    expect(fa.moneyTick(2e9)).not.toMatch(/[0-9]/);
    expect(localeFormats("unknown").locale).toBe("en");
  });
});
