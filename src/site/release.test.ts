import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getRelease, loadRelease, ReleaseError, resolveDataDir } from "./release.ts";

const FIXTURE = fileURLToPath(new URL("./__fixtures__/release", import.meta.url));
const ID = "2026-11-26-ab12cd34";

const temps: string[] = [];
/** A writable copy of the fixture release. */
function copyFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "release-test-"));
  temps.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}
function editJson(file: string, edit: (v: Record<string, unknown>) => void): void {
  const v = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  edit(v);
  writeFileSync(file, JSON.stringify(v));
}

afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("loadRelease", () => {
  it("reads the fixture release", () => {
    const r = loadRelease(FIXTURE);
    expect(r.dataDir).toBe(FIXTURE);
    expect(r.releaseDir).toBe(path.join(FIXTURE, "releases", ID));
    expect(r.current).toEqual({ release: ID, path: `releases/${ID}/`, created: "2026-11-26T12:00:00.000Z" });
    expect(r.manifest.district).toEqual({ name: "Fixture Unified School District", cds_code: "19999990000000", sample: true });
    expect(r.manifest.fiscal_years).toEqual(["2023-24", "2024-25", "2025-26"]);
    expect(r.manifest.files.map((f) => f.path)).toContain("line_items-2024-25.3f2a9c1e.parquet");
    expect(r.objectGroups.name).toBe("object_groups");
    expect(r.objectGroups.path).toBe("rollups/object_groups.json");
    expect(r.objectGroups.sql).toMatch(/^SELECT /);
    expect(r.objectGroups.rows.length).toBe(r.manifest.rollups.find((x) => x.name === "object_groups")?.rows);
    const row = r.objectGroups.rows.find(
      (x) => x.fiscal_year === "2024-25" && x.column_code === "BA" && x.object_group === "certificated_salaries",
    );
    expect(row).toMatchObject({ amount: "652345678.91", cents: 65234567891n, phase: "actual", object_class: "expenditure" });
    expect(r.enrollment?.rows).toEqual([
      { fiscal_year: "2023-24", schools: 118, enrollment: 98765 },
      { fiscal_year: "2024-25", schools: 117, enrollment: 97531 },
    ]);
  });

  it("reads RELEASE_DIR when no directory is passed, public/data otherwise", () => {
    vi.stubEnv("RELEASE_DIR", "src/site/__fixtures__/release");
    expect(resolveDataDir()).toBe(path.resolve(process.cwd(), "src/site/__fixtures__/release"));
    vi.stubEnv("RELEASE_DIR", "");
    expect(resolveDataDir()).toBe(path.resolve(process.cwd(), "public/data"));
    expect(resolveDataDir("/elsewhere")).toBe("/elsewhere");
  });

  it("caches per data directory", () => {
    expect(getRelease(FIXTURE)).toBe(getRelease(FIXTURE));
  });

  it("fails clearly when there is no current.json, telling the user what to run", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "release-test-"));
    temps.push(empty);
    expect(() => loadRelease(empty)).toThrow(ReleaseError);
    expect(() => loadRelease(empty)).toThrow(/No data release found: .*current\.json does not exist/);
    expect(() => loadRelease(empty)).toThrow("npm run data");
    expect(() => loadRelease(empty)).toThrow("npm run sample && npm run data");
  });

  it("fails clearly when current.json points to a missing release", () => {
    const dir = copyFixture();
    editJson(path.join(dir, "current.json"), (v) => {
      v["release"] = "2026-01-01-00000000";
      v["path"] = "releases/2026-01-01-00000000/";
    });
    expect(() => loadRelease(dir)).toThrow(/points to release 2026-01-01-00000000, but .*manifest\.json does not exist/);
  });

  it("refuses paths leading out of the data directory", () => {
    const dir = copyFixture();
    editJson(path.join(dir, "current.json"), (v) => {
      v["path"] = "../../etc/";
    });
    expect(() => loadRelease(dir)).toThrow(/points outside/);
  });

  it("refuses a manifest of another release", () => {
    const dir = copyFixture();
    editJson(path.join(dir, "releases", ID, "manifest.json"), (v) => {
      v["release"] = "other";
    });
    expect(() => loadRelease(dir)).toThrow(/is for release other/);
  });

  it("handles a release without enrollment", () => {
    const dir = copyFixture();
    rmSync(path.join(dir, "releases", ID, "rollups", "enrollment.json"));
    editJson(path.join(dir, "releases", ID, "manifest.json"), (v) => {
      v["rollups"] = (v["rollups"] as { name: string }[]).filter((r) => r.name !== "enrollment");
    });
    expect(loadRelease(dir).enrollment).toBeNull();
  });

  it("fails when the manifest lists an enrollment rollup that is missing", () => {
    const dir = copyFixture();
    rmSync(path.join(dir, "releases", ID, "rollups", "enrollment.json"));
    expect(() => loadRelease(dir)).toThrow(/lists an enrollment rollup/);
  });

  it("fails when the object_groups rollup is missing", () => {
    const dir = copyFixture();
    rmSync(path.join(dir, "releases", ID, "rollups", "object_groups.json"));
    expect(() => loadRelease(dir)).toThrow(/has no object_groups rollup/);
  });

  it("refuses amounts that are not exact decimal strings", () => {
    const dir = copyFixture();
    editJson(path.join(dir, "releases", ID, "rollups", "object_groups.json"), (v) => {
      (v["rows"] as Record<string, unknown>[])[0]!["amount"] = 1234.5;
    });
    expect(() => loadRelease(dir)).toThrow(/rows\[0\]: "amount" must be a string/);
    editJson(path.join(dir, "releases", ID, "rollups", "object_groups.json"), (v) => {
      (v["rows"] as Record<string, unknown>[])[0]!["amount"] = "1.234";
    });
    expect(() => loadRelease(dir)).toThrow(/fraction of a cent/);
  });

  it("reports invalid JSON with the file's path", () => {
    const dir = copyFixture();
    writeFileSync(path.join(dir, "current.json"), "{");
    expect(() => loadRelease(dir)).toThrow(/current\.json at .* is not valid JSON/);
  });
});
