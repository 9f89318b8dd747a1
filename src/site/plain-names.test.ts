import { describe, expect, it } from "vitest";
import { FUND_NAMES, GOAL_NAMES, FUNCTION_NAMES, OBJECT_GROUP_NAMES, RESOURCE_NAMES, functionName, goalName, objectGroupTitle, plainName, resourceName } from "./plain-names.ts";
import { SPENDING_GROUPS } from "./budget.ts";

describe("plain names", () => {
  it("names the funds and the common resources the brief lists", () => {
    for (const f of ["01", "11", "12", "13", "21", "25", "40", "51", "67"]) expect(FUND_NAMES[f], f).toBeTruthy();
    for (const r of ["0000", "1100", "1400", "2600", "3010", "3210", "3212", "3213", "3310", "4035", "4203", "6266", "6300", "6500", "6762", "7435", "7690", "9010"]) {
      expect(resourceName(r), r).toBeTruthy();
    }
  });

  it("gives goals and functions a name by range when the exact code has none", () => {
    expect(goalName("5760")).toBe(GOAL_NAMES["5760"]);
    expect(goalName("5999")).toBe("Special education");
    expect(goalName("abcd")).toBeNull();
    expect(functionName("1000")).toBe("Teaching in the classroom");
    expect(functionName("3999")).toBe("Student services");
    expect(functionName("7777")).toBe("Central administration");
    expect(functionName("")).toBeNull();
  });

  it("shares one name for other local restricted resources (9000–9999) and none for unknown codes", () => {
    expect(resourceName("9123")).toBe(RESOURCE_NAMES["9010"]);
    expect(resourceName("5811")).toBeNull();
    expect(plainName("fund", "99")).toBeNull();
  });

  it("covers every spending object group of the home page, with its official title", () => {
    for (const g of SPENDING_GROUPS) {
      expect(plainName("object_group", g.key), g.key).toBeTruthy();
      expect(objectGroupTitle(g.key)).toContain(`objects ${g.objects}`);
    }
    expect(objectGroupTitle("transfers_out")).toBe("Transfers out");
  });

  it("keeps names short enough to read on a phone, with no markup", () => {
    const all = [
      ...Object.values(FUND_NAMES),
      ...Object.values(RESOURCE_NAMES),
      ...Object.values(GOAL_NAMES),
      ...Object.values(FUNCTION_NAMES),
      ...Object.values(OBJECT_GROUP_NAMES).map((o) => o.name),
    ];
    for (const n of all) {
      expect(n.length, n).toBeLessThanOrEqual(90);
      expect(n).not.toMatch(/[<>&]/);
      expect(n).toBe(n.trim());
    }
  });
});
