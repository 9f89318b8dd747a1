import { describe, expect, it } from "vitest";

describe("build-time queries", () => {
  it("reads the release's Parquet through views, amounts exact", async () => {
    process.env.RELEASE_DIR = "src/site/__fixtures__/release";
    const { query, hasTable } = await import("./query.ts");
    // The fixture release has rollups but no Parquet files: the query layer must say so plainly.
    expect(await hasTable("line_items")).toBe(false);
    const [row] = await query<{ x: string }>("SELECT CAST(CAST('1234.56' AS DECIMAL(18,2)) * 2 AS VARCHAR) AS x");
    expect(row!.x).toBe("2469.12");
  });
});
