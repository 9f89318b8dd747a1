import { describe, expect, it } from "vitest";
import { dirFor, t } from "./i18n.ts";
import { releaseFileUrl, withBase } from "./paths.ts";

describe("paths", () => {
  it("joins the base path", () => {
    expect(withBase("/", "")).toBe("/");
    expect(withBase("/", "/favicon.svg")).toBe("/favicon.svg");
    expect(withBase("/budget", "data/current.json")).toBe("/budget/data/current.json");
  });

  it("addresses release files under /data", () => {
    const current = { release: "r1", path: "releases/r1/", created: "" };
    expect(releaseFileUrl("/", current, "manifest.json")).toBe("/data/releases/r1/manifest.json");
    expect(releaseFileUrl("/b/", current, "rollups/x.json")).toBe("/b/data/releases/r1/rollups/x.json");
  });
});

describe("i18n", () => {
  it("knows the writing direction", () => {
    expect(dirFor("en")).toBe("ltr");
    expect(dirFor("es-MX")).toBe("ltr");
    expect(dirFor("ar")).toBe("rtl");
    expect(dirFor("fa_IR")).toBe("rtl");
  });

  it("falls back to English strings", () => {
    expect(t(undefined).sampleBanner).toBe("Sample data — a fictional district generated for demonstration");
    expect(t("xx").skipToContent).toBe("Skip to main content");
  });
});
