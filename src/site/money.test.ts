import { describe, expect, it } from "vitest";
import {
  centsToDecimalString,
  divRound,
  formatDate,
  formatDollars,
  formatDollarsAndCents,
  formatMillions,
  formatMoneyLong,
  formatMoneyShort,
  formatPercentChange,
  formatShare,
  parseCents,
  sumCents,
  sumDecimalStrings,
} from "./money.ts";

describe("parseCents", () => {
  it.each([
    ["0", 0n],
    ["5", 500n],
    ["5.1", 510n],
    ["1234.56", 123456n],
    ["-1234.5", -123450n],
    ["-0.01", -1n],
    ["12.3400", 1234n],
    ["4123456789.12", 412345678912n],
    ["99999999999999999999.99", 9999999999999999999999n],
    [" 7.00 ", 700n],
  ])("parses %j", (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  it.each(["", "abc", "1e6", "1.234", "12.34.5", "1,234.56", "$5", "--1", "."])("refuses %j", (text) => {
    expect(() => parseCents(text)).toThrow(TypeError);
  });

  it("refuses numbers (amounts are decimal strings)", () => {
    expect(() => parseCents(12.5 as unknown as string)).toThrow(/decimal string/);
  });

  it("round-trips through centsToDecimalString", () => {
    for (const s of ["0.00", "0.05", "-0.05", "1234.50", "-98765432109.99"]) {
      expect(centsToDecimalString(parseCents(s))).toBe(s);
    }
  });
});

describe("summing", () => {
  it("adds exactly where floats drift", () => {
    const amounts = Array.from({ length: 1000 }, () => "0.10");
    expect(sumDecimalStrings(amounts)).toBe(10000n);
    expect(amounts.reduce((s, a) => s + Number(a), 0)).not.toBe(100); // what a float sum would get
    expect(sumDecimalStrings(["0.10", "0.20"])).toBe(30n);
  });

  it("keeps cents exact beyond 2^53", () => {
    const big = "45035996273704.97"; // 4,503,599,627,370,497 cents > Number.MAX_SAFE_INTEGER
    expect(centsToDecimalString(sumDecimalStrings([big, big, "-0.01"]))).toBe("90071992547409.93");
  });

  it("sums bigint iterables, including empty ones", () => {
    expect(sumCents([])).toBe(0n);
    expect(sumCents(new Set([1n, -2n, 300n]))).toBe(299n);
  });
});

describe("divRound", () => {
  it("rounds half away from zero", () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(divRound(-4n, 3n)).toBe(-1n);
    expect(divRound(5n, -2n)).toBe(-3n);
    expect(() => divRound(1n, 0n)).toThrow(RangeError);
  });
});

describe("formatting", () => {
  it("formats whole dollars and dollars with cents", () => {
    expect(formatDollars(123456789n)).toBe("$1,234,568");
    expect(formatDollars(-150n)).toBe("-$2");
    expect(formatDollars(-49n)).toBe("$0");
    expect(formatDollars(150n, { signed: true })).toBe("+$2");
    expect(formatDollarsAndCents(123456789n)).toBe("$1,234,567.89");
    expect(formatDollarsAndCents(-5n)).toBe("-$0.05");
  });

  it.each([
    [1_823_456_789_012n, "$18.2 billion", "$18.2B"],
    [412_345_678_912n, "$4.12 billion", "$4.12B"],
    [100_000_000_000n, "$1.00 billion", "$1.00B"],
    [99_996_000_000n, "$1.00 billion", "$1.00B"], // $999.96 million rounds to 1,000 millions
    [99_940_000_000n, "$999 million", "$999M"],
    [4_123_456_712n, "$41.2 million", "$41.2M"],
    [9_000_000_000n, "$90.0 million", "$90.0M"],
    [123_456_789n, "$1.23 million", "$1.23M"],
    [84_512_000n, "$845,120", "$845K"],
    [99_960_000n, "$999,600", "$1.00M"],
    [123_456n, "$1,235", "$1K"],
    [4_900n, "$49", "$49"],
    [0n, "$0", "$0"],
    [-1_656_901_315n, "-$16.6 million", "-$16.6M"],
    [12_345_678_900_000n, "$123 billion", "$123B"],
  ])("formats %s cents as %j and %j", (cents, long, short) => {
    expect(formatMoneyLong(cents)).toBe(long);
    expect(formatMoneyShort(cents)).toBe(short);
  });

  it("signs differences on request", () => {
    expect(formatMoneyLong(1_656_901_315n, { signed: true })).toBe("+$16.6 million");
    expect(formatMoneyShort(-1_656_901_315n, { signed: true })).toBe("-$16.6M");
    expect(formatMoneyLong(0n, { signed: true })).toBe("$0");
  });

  it("trims zeros for axis ticks", () => {
    expect(formatMoneyShort(200_000_000_000n, { trim: true })).toBe("$2B");
    expect(formatMoneyShort(150_000_000_000n, { trim: true })).toBe("$1.5B");
    expect(formatMoneyShort(50_000_000_000n, { trim: true })).toBe("$500M");
    expect(formatMoneyShort(2_000_000_000n, { trim: true })).toBe("$20M");
    expect(formatMoneyShort(1_000_000_000n, { trim: true })).toBe("$10M");
    expect(formatMoneyShort(25_000_000n, { trim: true })).toBe("$250K");
  });

  it("formats millions for tables", () => {
    expect(formatMillions(165_443_098_685n)).toBe("1,654.4");
    expect(formatMillions(-1_656_901_315n, { signed: true })).toBe("-16.6");
    expect(formatMillions(1_184_567_891n, { signed: true })).toBe("+11.8");
    expect(formatMillions(-123_456n)).toBe("0.0"); // rounds to zero: no "-0.0"
    expect(formatMillions(123_456_789_012_345n)).toBe("1,234,567.9");
  });

  it("formats percentages exactly", () => {
    expect(formatPercentChange(165_443_098_685n, 167_100_000_000n)).toBe("-1.0%");
    expect(formatPercentChange(110n, 100n)).toBe("+10.0%");
    expect(formatPercentChange(100n, 100n)).toBe("0.0%");
    expect(formatPercentChange(-50n, -100n)).toBe("+50.0%");
    expect(formatPercentChange(1n, 0n)).toBeNull();
    expect(formatShare(1n, 3n)).toBe("33%");
    expect(formatShare(2n, 3n)).toBe("67%");
    expect(formatShare(1n, 0n)).toBeNull();
  });

  it("formats dates in UTC, whatever the machine's time zone", () => {
    expect(formatDate("2026-11-26T23:30:00.000Z")).toBe("November 26, 2026");
    expect(formatDate("2026-11-27T00:30:00+02:00")).toBe("November 26, 2026");
    expect(formatDate("not a date")).toBe("not a date");
  });
});
