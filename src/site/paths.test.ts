import { describe, expect, it } from "vitest";
import { dirFor } from "../i18n/locales.ts";
import { useTranslations } from "../i18n/index.ts";
import { localHref, pagePathOf, releaseFileUrl, withBase } from "./paths.ts";

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
    expect(useTranslations(undefined)("common.sampleBanner")).toBe("Sample data — a fictional district generated for demonstration");
    expect(useTranslations("xx")("common.skipToContent")).toBe("Skip to main content");
  });

  it("builds and reads localized page paths", () => {
    expect(localHref("/", "en", "schools/")).toBe("/schools/");
    expect(localHref("/b/", "zh-Hant", "schools/")).toBe("/b/zh-hant/schools/");
    expect(pagePathOf("/b/", "/b/es/schools/1234567/")).toBe("schools/1234567/");
    expect(pagePathOf("/", "/estimates/")).toBe("estimates/");
    expect(pagePathOf("/", "/fa/")).toBe("");
  });
});
