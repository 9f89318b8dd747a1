import { describe, expect, it } from "vitest";
import { OBJECT_GROUPS, dimensionName, functionName, fundName, goalName, objectClassName, objectGroupTitle, plainName, resourceName, words } from "./plain-names.ts";
import { SPENDING_GROUPS } from "./budget.ts";
import { messagesFor } from "../i18n/messages.ts";

const codes = Object.entries(messagesFor("en")).filter(([k]) => k.startsWith("codes."));

describe("plain names", () => {
  it("names the funds and the common resources the brief lists", () => {
    for (const f of ["01", "11", "12", "13", "21", "25", "40", "51", "67"]) expect(fundName(f), f).toBeTruthy();
    for (const r of ["0000", "1100", "1400", "2600", "3010", "3210", "3212", "3213", "3310", "4035", "4203", "6266", "6300", "6500", "6762", "7435", "7690", "9010"]) {
      expect(resourceName(r), r).toBeTruthy();
    }
  });

  it("reads the names from the codes namespace", () => {
    expect(plainName("fund", "01")).toBe(messagesFor("en")["codes.fund.01"]);
    expect(plainName("object_group", "certificated_salaries")).toBe(messagesFor("en")["codes.objectGroup.certificatedSalaries"]);
    expect(objectClassName("other_outgo")).toBe("other outgo");
    expect(objectClassName("something_new")).toBe("something_new");
    expect(dimensionName("resource")).toBe("resource");
    expect(words("en").restricted).toBe("Restricted");
  });

  it("gives goals and functions a name by range when the exact code has none", () => {
    expect(goalName("5760")).toBe(messagesFor("en")["codes.goal.5760"]);
    expect(goalName("5999")).toBe("Special education");
    expect(goalName("abcd")).toBeNull();
    expect(goalName("0002")).toBeNull();
    expect(functionName("1000")).toBe("Teaching in the classroom");
    expect(functionName("3999")).toBe("Student services");
    expect(functionName("7777")).toBe("Central administration");
    expect(functionName("")).toBeNull();
  });

  it("shares one name for other local restricted resources (9000–9999) and none for unknown codes", () => {
    expect(resourceName("9123")).toBe(resourceName("9010"));
    expect(resourceName("5811")).toBeNull();
    expect(plainName("fund", "99")).toBeNull();
    expect(plainName("fund", "constructor")).toBeNull();
    expect(plainName("object_group", "toString")).toBeNull();
  });

  it("covers every spending object group of the home page, with its official title", () => {
    for (const g of SPENDING_GROUPS) {
      expect(plainName("object_group", g.key), g.key).toBeTruthy();
      expect(objectGroupTitle(g.key)).toContain(`objects ${g.objects}`);
      expect(objectGroupTitle(g.key)).toContain(OBJECT_GROUPS[g.key]!.official);
    }
    expect(objectGroupTitle("certificated_salaries")).toBe("Certificated Salaries (objects 1000–1999)");
    expect(objectGroupTitle("transfers_out")).toBe("Transfers out");
  });

  it("falls back to English in a locale without the name, and takes the locale's text when it has one", () => {
    // Every locale resolves (translation or English fallback); none returns the key itself.
    for (const locale of ["es", "fa", "ja"]) {
      const name = plainName("fund", "01", locale);
      expect(name).toBeTruthy();
      expect(name).not.toContain("codes.");
      const own = messagesFor(locale as "es")["codes.fund.01"];
      expect(name).toBe(own ?? plainName("fund", "01"));
    }
  });

  it("keeps names short enough to read on a phone, with no markup", () => {
    const names = codes.filter(([k]) => /^codes\.(fund|resource|goal|goalRange|function|functionRange|objectGroup)\./.test(k)).map(([, v]) => v);
    expect(names.length).toBeGreaterThan(150);
    for (const n of names) {
      expect(n.length, n).toBeLessThanOrEqual(90);
      expect(n).not.toMatch(/[<>&]/);
      expect(n).toBe(n.trim());
    }
  });
});
