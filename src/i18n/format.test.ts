// The Intl formatters of src/i18n/format.ts: English exactly as src/site/money.ts (so English pages and
// snapshots do not move), the other locales pinned on a few values (digits, separators, currency sign, bidi
// marks, Gregorian dates in UTC), and exact rounding: amounts are BigInt cents rounded half away from zero
// before Intl sees them, so nothing drifts on large values or on halves.

import { describe, expect, it } from "vitest";
import { formatters } from "./format.ts";
import {
  formatCount,
  formatDate,
  formatDollars,
  formatDollarsAndCents,
  formatMoneyLong,
  formatMoneyShort,
  formatPercentChange,
  formatShare,
} from "../site/money.ts";

const CENTS = [
  0n, 1n, 49n, 50n, -50n, 149n, 150n, -150n, 99_999n, 49_999n, 50_000n, 123_456n, 84_512_049n, 99_949_999n, 99_950_000n, 100_000_000n,
  -100_000_000n, 412_345_678_901n, 412_500_000_000n, 99_949_999_999n, 99_950_000_000n, 1_825_000_000_00n, 1234567890123456n, -1234567890123456n,
];

describe("English formatters", () => {
  const f = formatters("en");

  it("are money.ts's, value for value", () => {
    for (const c of CENTS) {
      for (const signed of [false, true]) {
        expect(f.moneyLong(c, { signed }), `moneyLong ${c}`).toBe(formatMoneyLong(c, { signed }));
        expect(f.moneyShort(c, { signed }), `moneyShort ${c}`).toBe(formatMoneyShort(c, { signed }));
        expect(f.dollars(c, { signed }), `dollars ${c}`).toBe(formatDollars(c, { signed }));
        expect(f.dollarsAndCents(c, { signed }), `dollarsAndCents ${c}`).toBe(formatDollarsAndCents(c, { signed }));
      }
      for (const base of [0n, 1000n, -1000n, 412_345_678_901n]) {
        expect(f.percentChange(c, base), `percentChange ${c} ${base}`).toBe(formatPercentChange(c, base));
        expect(f.share(c, base), `share ${c} ${base}`).toBe(formatShare(c, base));
      }
    }
    for (const n of [0, 1, 999, 1000, 430_000, 1_234_567_890]) expect(f.count(n)).toBe(formatCount(n));
    for (const d of ["2026-11-26T23:30:00Z", "2026-01-01", "not a date"]) expect(f.date(d)).toBe(formatDate(d));
    expect(f.fiscalYear("2024-25")).toBe("2024-25");
    expect(f.percent(0.1234)).toBe("12.3%");
    expect(f.percent(0.5, 0)).toBe("50%");
  });

  it("spot checks, so that money.ts changing cannot pass unnoticed", () => {
    expect([f.moneyLong(412_345_678_901n), f.moneyShort(84_512_000n), f.dollars(150n), f.dollars(-150n), f.dollarsAndCents(-1234567890123456n)]).toEqual([
      "$4.12 billion",
      "$845K",
      "$2",
      "-$2",
      "-$12,345,678,901,234.56",
    ]);
  });

  it("are English for an unknown or missing locale, and memoized", () => {
    expect(formatters("xx")).toBe(formatters("en"));
    expect(formatters(undefined)).toBe(formatters("en"));
    expect(formatters("es")).toBe(formatters("es"));
  });
});

describe("other locales", () => {
  // Pinned with Node 22's ICU. \u00a0/\u202f: no-break spaces; \u200e/\u200f/\u061c: bidi marks Intl adds.
  const PINNED: Record<string, Record<string, string>> = {
  es: {
    moneyLong: "4120\u00a0M\u00a0US$",
    moneyLongHalf: "4130\u00a0M\u00a0US$",
    moneyLongSmall: "845.120\u00a0US$",
    moneyShort: "845\u00a0mil\u00a0US$",
    moneyShortNeg: "-1830\u00a0M\u00a0US$",
    dollars: "12.345.678.901.234.567\u00a0US$",
    dollarsAndCents: "-12.345.678.901.234,56\u00a0US$",
    percentChange: "+0,5\u00a0%",
    share: "38\u00a0%",
    percent: "12,3\u00a0%",
    count: "430.000",
    date: "26 de noviembre de 2026",
    fiscalYear: "2024-25",
  },
  fa: {
    moneyLong: "\u200e$\u00a0۴٫۱۲\u00a0میلیارد",
    moneyLongHalf: "\u200e$\u00a0۴٫۱۳\u00a0میلیارد",
    moneyLongSmall: "\u200e$۸۴۵٬۱۲۰",
    moneyShort: "\u200e$\u00a0۸۴۵\u00a0هزار",
    moneyShortNeg: "\u200e−\u200e$\u00a0۱٫۸۳\u00a0میلیارد",
    dollars: "\u200e$۱۲٬۳۴۵٬۶۷۸٬۹۰۱٬۲۳۴٬۵۶۷",
    dollarsAndCents: "\u200e−\u200e$۱۲٬۳۴۵٬۶۷۸٬۹۰۱٬۲۳۴٫۵۶",
    percentChange: "\u200e+۰٫۵٪",
    share: "۳۸٪",
    percent: "۱۲٫۳٪",
    count: "۴۳۰٬۰۰۰",
    date: "۲۶ نوامبر ۲۰۲۶",
    fiscalYear: "۲۰۲۴-۲۵",
  },
  ar: {
    moneyLong: "\u200f4.12\u00a0مليار\u00a0US$",
    moneyLongHalf: "\u200f4.13\u00a0مليار\u00a0US$",
    moneyLongSmall: "\u200f845,120\u00a0US$",
    moneyShort: "\u200f845\u00a0ألف\u00a0US$",
    moneyShortNeg: "\u200e-\u200f1.83\u00a0مليار\u00a0US$",
    dollars: "\u200f12,345,678,901,234,567\u00a0US$",
    dollarsAndCents: "\u200f\u200e-12,345,678,901,234.56\u00a0US$",
    percentChange: "\u200e+0.5\u200e%\u200e",
    share: "38\u200e%\u200e",
    percent: "12.3\u200e%\u200e",
    count: "430,000",
    date: "26 نوفمبر 2026",
    fiscalYear: "2024-25",
  },
  ja: {
    moneyLong: "$41.2億",
    moneyLongHalf: "$41.3億",
    moneyLongSmall: "$845,120",
    moneyShort: "$84.5万",
    moneyShortNeg: "-$18.3億",
    dollars: "$12,345,678,901,234,567",
    dollarsAndCents: "-$12,345,678,901,234.56",
    percentChange: "+0.5%",
    share: "38%",
    percent: "12.3%",
    count: "430,000",
    date: "2026年11月26日",
    fiscalYear: "2024-25",
  },
  ru: {
    moneyLong: "4,12\u00a0млрд\u00a0$",
    moneyLongHalf: "4,13\u00a0млрд\u00a0$",
    moneyLongSmall: "845\u00a0120\u00a0$",
    moneyShort: "845\u00a0тыс.\u00a0$",
    moneyShortNeg: "-1,83\u00a0млрд\u00a0$",
    dollars: "12\u00a0345\u00a0678\u00a0901\u00a0234\u00a0567\u00a0$",
    dollarsAndCents: "-12\u00a0345\u00a0678\u00a0901\u00a0234,56\u00a0$",
    percentChange: "+0,5\u00a0%",
    share: "38\u00a0%",
    percent: "12,3\u00a0%",
    count: "430\u00a0000",
    date: "26 ноября 2026 г.",
    fiscalYear: "2024-25",
  },
  };

  it.each(Object.keys(PINNED))("%s: money, percentages, counts, dates and fiscal years", (locale) => {
    const f = formatters(locale);
    expect({
      moneyLong: f.moneyLong(412_345_678_901n),
      moneyLongHalf: f.moneyLong(412_500_000_000n),
      moneyLongSmall: f.moneyLong(84_512_049n),
      moneyShort: f.moneyShort(84_512_000n),
      moneyShortNeg: f.moneyShort(-1_825_000_000_00n, { signed: true }),
      dollars: f.dollars(1234567890123456749n),
      dollarsAndCents: f.dollarsAndCents(-1234567890123456n),
      percentChange: f.percentChange(1005n, 1000n),
      share: f.share(38n, 100n),
      percent: f.percent(0.1234),
      count: f.count(430000),
      date: f.date("2026-11-26T23:30:00Z"),
      fiscalYear: f.fiscalYear("2024-25"),
    }).toEqual(PINNED[locale]);
  });

  /** The digits of a formatted figure, as ASCII ("۱۲٬۳" → "123"). */
  const digits = (s: string): string =>
    s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/\D/g, "");

  it.each(["es", "fa", "ar", "ja", "ru"])("%s: exact to the cent and the dollar on large amounts (no float drift)", (locale) => {
    const f = formatters(locale);
    // 12,345,678,901,234,567.49 dollars: as a Number it would print …568.
    expect(digits(f.dollars(1234567890123456749n))).toBe("12345678901234567");
    expect(digits(f.dollars(1234567890123456750n))).toBe("12345678901234568");
    expect(digits(f.dollarsAndCents(1234567890123456n))).toBe("1234567890123456");
    expect(digits(f.dollarsAndCents(9007199254740993n))).toBe("9007199254740993");
    expect(digits(f.dollarsAndCents(-5n))).toBe("005");
  });

  it.each(["es", "fa", "ar", "ja", "ru"])("%s: rounds halves away from zero, as English does", (locale) => {
    const f = formatters(locale);
    expect(digits(f.dollars(150n))).toBe("2");
    expect(digits(f.dollars(-150n))).toBe("2");
    expect(f.dollars(-150n)).toMatch(/[-\u2212]/);
    expect(digits(f.dollars(149n))).toBe("1");
    expect(f.dollars(-40n)).not.toMatch(/[-\u2212]/); // rounds to zero: no sign
    expect(digits(f.percentChange(10_005n, 10_000n)!)).toBe("01"); // +0.05% → 0.1%
    expect(digits(f.percentChange(9_995n, 10_000n)!)).toBe("01"); // -0.05% → -0.1%
    expect(f.percentChange(9_995n, 10_000n)).toMatch(/[-\u2212]/);
    expect(f.percentChange(1n, 0n)).toBeNull();
    expect(f.share(1n, 0n)).toBeNull();
    expect(digits(f.share(1n, 200n)!)).toBe("1"); // 0.5% → 1%
    // Below a million: the exact whole dollars (long), or whole thousands (short), never a rounded figure dressed as exact.
    expect(digits(f.moneyLong(84_512_049n))).toBe("845120");
    expect(digits(f.moneyShort(99_950_000n))).not.toBe("999950");
  });

  it("writes Gregorian dates in UTC, whatever the locale's default calendar", () => {
    expect(formatters("fa").date("2026-03-20T23:59:59Z")).toContain("۲۰۲۶");
    expect(formatters("fa").date("2026-03-20T23:59:59Z")).toContain("۲۰");
    expect(formatters("ar").date("2026-11-26T23:30:00Z")).toContain("2026");
    expect(formatters("ja").date("2026-12-31T23:30:00Z")).toBe("2026年12月31日");
    expect(formatters("es").date("nonsense")).toBe("nonsense");
    expect(formatters("fa").fiscalYear("FY 2024")).toBe("FY 2024");
  });
});
