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
 * The last steps every chart shares: text in the page's font at a size legible on a phone, no Plot
 * <style> (it sets physical max-width; the site sizes charts with logical properties), left-to-right
 * geometry whatever the page's direction, valid standalone SVG, the accessible name, and coordinates
 * rounded (two decimals by default: plenty for screen positions, and small pages). Returns the markup.
 */
export function finishSvg(svg: SVGSVGElement, document: Document, options: AccessibleSvgOptions, { digits = 2, fontSize = 12 } = {}): string {
  svg.removeAttribute("font-family");
  svg.setAttribute("font-size", String(fontSize));
  for (const style of svg.querySelectorAll("style")) style.remove();
  svg.setAttribute("direction", "ltr");
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  makeAccessible(svg, document, options);
  return roundNumbers(svg.outerHTML, digits);
}
