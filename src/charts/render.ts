// Renders Observable Plot charts to SVG markup in Node, at build time, with linkedom providing the DOM.

import { parseHTML } from "linkedom";

/** A fresh linkedom document, to pass to Plot as its `document` option. */
export function createDocument(): Document {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  return document as unknown as Document;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export interface AccessibleSvgOptions {
  /** Unique id for the <title> (the chart is referred to by aria-labelledby). */
  id: string;
  /** One-sentence text alternative. */
  title: string;
}

/**
 * Makes Plot's <svg> an accessible image: role="img", a <title> as its first child and aria-labelledby
 * pointing at it. Plot's own aria-label attributes inside are dropped (children of role="img" are
 * presentational anyway).
 */
export function makeAccessible(svg: SVGSVGElement, document: Document, options: AccessibleSvgOptions): void {
  const titleId = `${options.id}-title`;
  svg.setAttribute("id", options.id);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", titleId);
  svg.removeAttribute("aria-label");
  svg.removeAttribute("aria-description");
  for (const el of svg.querySelectorAll("[aria-label],[aria-description]")) {
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
  }
  const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
  title.setAttribute("id", titleId);
  title.textContent = options.title;
  svg.insertBefore(title, svg.firstChild);
}

/**
 * Rounds the decimal numbers in attribute values (coordinates, sizes) to `digits` places. Text content
 * (labels, the title) is left alone. Used to keep the markup small and to compare SVG across platforms.
 */
export function roundNumbers(markup: string, digits = 2): string {
  const round = (n: string): string => {
    const r = Number(Number(n).toFixed(digits));
    return String(Object.is(r, -0) ? 0 : r);
  };
  return markup.replace(/(\s[\w:-]+=")([^"]*)(")/g, (_, start: string, value: string, end: string) => {
    return start + value.replace(/-?\d*\.\d+(?:e-?\d+)?/g, round) + end;
  });
}

/**
 * Rough width in px of a label at the charts' 12px font: enough to keep room for labels longer than the
 * English ones ("$ ۱٫۸۴ میلیارد", "Adopted $18.4B") without measuring text, which Node cannot do.
 * `perChar` is the width of a Latin character; wider scripts count more, marks and controls nothing.
 */
export function textWidth(text: string, perChar = 6.2): number {
  let w = 0;
  for (const ch of text) {
    if (/[\p{M}\p{Cf}]/u.test(ch)) continue; // combining marks, bidi controls
    if (/[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch)) w += perChar * 2; // CJK, Hangul: full width
    else if (/[\u0590-\u08ff\u1780-\u17ff\u0530-\u058f]/.test(ch)) w += perChar * 1.25; // Arabic script, Khmer, Armenian
    else w += perChar;
  }
  return Math.ceil(w);
}

/** Writing direction of a chart's page. Right-to-left charts are drawn mirrored by each chart module. */
export type ChartDir = "ltr" | "rtl";

const RLI = "\u2067"; // right-to-left isolate
const PDI = "\u2069"; // pop directional isolate

/**
 * The last steps every chart shares: text in the page's font at a size legible on a phone, no Plot
 * <style> (it sets physical max-width; the site sizes charts with logical properties), geometry in
 * physical coordinates whatever the page's direction (text anchors then mean what the chart module
 * meant: a mirrored chart anchors its labels itself), valid standalone SVG, the accessible name, and
 * coordinates rounded (two decimals by default: plenty for screen positions, and small pages). In a
 * right-to-left chart each label is a right-to-left isolate, so a label mixing words, numbers and "$"
 * reads in the page's order. Returns the markup.
 */
export function finishSvg(
  svg: SVGSVGElement,
  document: Document,
  options: AccessibleSvgOptions,
  { digits = 2, fontSize = 12, dir = "ltr" as ChartDir } = {},
): string {
  svg.removeAttribute("font-family");
  svg.setAttribute("font-size", String(fontSize));
  for (const style of svg.querySelectorAll("style")) style.remove();
  svg.setAttribute("direction", "ltr");
  if (dir === "rtl") {
    for (const text of svg.querySelectorAll("text, tspan")) {
      if (text.children.length > 0 || !text.textContent) continue;
      text.textContent = `${RLI}${text.textContent}${PDI}`;
    }
  }
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  makeAccessible(svg, document, options);
  return roundNumbers(svg.outerHTML, digits);
}
