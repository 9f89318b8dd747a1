/**
 * Build time: the Explorer's default view, computed with native DuckDB (src/site/query.ts) through the
 * same compileSpec the browser uses, and drawn with the same chart code (Plot in Node with linkedom's
 * document), so the page is useful with no JavaScript and no wasm. Also the values the form offers for
 * the dimensions with few values. Computed once per build (every locale's page shares it).
 */
import * as Plot from "@observablehq/plot";
import { createDocument, roundNumbers } from "../../charts/render.ts";
import { viewChart, chartPoints, legendItems } from "../../client/chart.ts";
import { resultHtml } from "../../client/result-html.ts";
import { compileSpec } from "../../query/compile.ts";
import { textAlternative, type T } from "../../query/describe.ts";
import { defaultSpec, type Dimension } from "../../query/spec.ts";
import { hasTable, query } from "../../site/query.ts";
import type { Formatters } from "../../i18n/format.ts";

/** Dimensions whose values the form lists as checkboxes (the others take typed codes). */
export const LISTED: readonly Dimension[] = ["fiscal_year", "column_code", "phase", "fund", "object_class", "object_group", "restricted", "region", "school_type", "basis"];
export const TYPED: readonly Dimension[] = ["resource", "goal", "function", "object", "school_code"];

export interface FormValues {
  /** dimension → values, and which tables have them. */
  values: Partial<Record<Dimension, { value: string; tables: string[] }[]>>;
  tables: string[];
}

let formValues: Promise<FormValues> | null = null;

export function getFormValues(): Promise<FormValues> {
  formValues ??= (async () => {
    const tables = [];
    for (const t of ["line_items", "allocations"]) if (await hasTable(t)) tables.push(t);
    const values: FormValues["values"] = {};
    const add = (d: Dimension, value: string, table: string) => {
      const list = (values[d] ??= []);
      const hit = list.find((v) => v.value === value);
      if (hit) {
        if (!hit.tables.includes(table)) hit.tables.push(table);
      } else list.push({ value, tables: [table] });
    };
    for (const table of tables) {
      for (const d of ["fiscal_year", "column_code", "phase", "fund", "object_class", "object_group", "restricted", ...(table === "allocations" ? ["basis"] : [])] as Dimension[]) {
        const col = d === "function" ? '"function"' : d;
        const rows = await query<{ v: string }>(`SELECT DISTINCT CAST(${col} AS VARCHAR) AS v FROM ${table} WHERE ${col} IS NOT NULL ORDER BY 1`);
        for (const r of rows) add(d, r.v, table);
      }
    }
    if (tables.includes("allocations") && (await hasTable("schools"))) {
      for (const [d, col] of [["region", "region"], ["school_type", '"type"']] as const) {
        const rows = await query<{ v: string }>(`SELECT DISTINCT ${col} AS v FROM schools WHERE ${col} IS NOT NULL ORDER BY 1`);
        for (const r of rows) add(d, r.v, "allocations");
      }
    }
    return { values, tables };
  })();
  return formValues;
}

export interface Prerendered {
  html: string;
  rows: number;
}

const cache = new Map<string, Promise<Prerendered | null>>();

/** The default view's result section (title, chart, table, query), or null when the release has no line items. */
export function prerenderDefault(release: string, t: T, fmt: Formatters, locale: string): Promise<Prerendered | null> {
  let p = cache.get(locale);
  if (!p) {
    p = (async () => {
      if (!(await hasTable("line_items"))) return null;
      const spec = defaultSpec();
      const compiled = compileSpec(spec);
      let rows = await query<Record<string, unknown>>(compiled.sql, compiled.params as unknown as Record<string, unknown>);
      const truncated = rows.length > compiled.limit;
      if (truncated) rows = rows.slice(0, compiled.limit);
      const result = { rows, columns: compiled.columns };
      const alt = textAlternative(spec, result, t, fmt);
      const document = createDocument();
      const svg = viewChart(Plot, spec, result, { document, width: 640, t, fmt, id: "explorer-chart", alt });
      const { categories, shown } = chartPoints(spec, result, t);
      const html = resultHtml({
        spec, compiled, rows, truncated, release, t, fmt, alt,
        svg: svg ? roundNumbers(svg.outerHTML.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ')) : "",
        legend: legendItems(spec, result, t),
        chartNote: categories > shown ? t("explorer.chartTop", { n: shown, total: categories }) : "",
      });
      return { html, rows: rows.length };
    })();
    cache.set(locale, p);
  }
  return p;
}
