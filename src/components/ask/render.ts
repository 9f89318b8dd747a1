/**
 * An Answer → DOM, in the browser: the sentence, a small bar chart with its table, what Ask understood,
 * the link that opens the same view in the Explorer, the query (SQL, parameters, view spec) and, when Ask
 * is unsure, the closest questions it can answer. Everything from the data or the question goes in as text
 * (textContent, attributes set one by one), never as markup.
 */
import type { Answer } from '../../ask/engine.ts';
import type { Vars } from '../../i18n/translate.ts';

export type T = (key: string, vars?: Vars) => string;

export interface RenderContext {
  t: T;
  /** The Explorer page's URL in this locale ("/es/explore/"). */
  explorerHref: string;
  /** The glossary page's URL in this locale ("/es/glossary/"). */
  glossaryHref: string;
  /** The Ask page's URL in this locale (suggestions link to it with ?q=). */
  askHref: string;
}

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function chartTable(a: Answer, t: T): HTMLElement | null {
  const table = a.table;
  if (!table || !table.rows.length) return null;
  const max = table.bars ? Math.max(...table.bars.map((b) => Math.abs(b)), 0) : 0;
  const head = h('tr', {}, ...table.columns.map((c) => h('th', { scope: 'col', ...(c.numeric ? { class: 'num' } : {}) }, c.label)));
  if (table.bars && max > 0) head.append(h('th', { scope: 'col', class: 'ask-bar-col' }, h('span', { class: 'visually-hidden' }, t('ask.ui.chart'))));
  const body = table.rows.map((r, i) => {
    const cells = r.map((v, j) => (j === 0 ? h('th', { scope: 'row' }, v) : h('td', table.columns[j]?.numeric ? { class: 'num' } : {}, v)));
    const tr = h('tr', {}, ...cells);
    if (table.bars && max > 0) {
      const bar = h('span', { class: 'ask-bar' });
      bar.style.inlineSize = `${Math.round((Math.abs(table.bars[i] ?? 0) / max) * 1000) / 10}%`;
      tr.append(h('td', { class: 'ask-bar-cell', 'aria-hidden': 'true' }, bar));
    }
    return tr;
  });
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': table.caption },
    h('table', { class: `ask-table ask-chart-${table.chart}` }, h('caption', {}, table.caption), h('thead', {}, head), h('tbody', {}, ...body)));
}

/** The whole answer as a section (replace the previous one with it). */
export function renderAnswer(a: Answer, ctx: RenderContext): HTMLElement {
  const { t } = ctx;
  const answered = a.status === 'answered' || a.status === 'definition';
  const section = h('section', { class: `ask-answer ask-${a.status}`, 'aria-labelledby': 'ask-answer-heading', 'data-status': a.status });
  section.append(h('h2', { id: 'ask-answer-heading' }, t(answered ? 'ask.ui.answerHeading' : 'ask.ui.notSure')));
  section.append(h('p', { class: 'ask-sentence', 'data-ask-sentence': '' }, a.sentence));
  const model = (a as Answer & { answeredBy?: string; queries?: { sql: string; params: unknown[]; rows: Record<string, unknown>[] }[] });
  if (model.answeredBy === 'model') section.append(h('p', { class: 'note' }, t('ask.ui.llmNote')));
  if (a.status === 'definition' && a.glossary) {
    section.append(h('p', {}, h('a', { href: `${ctx.glossaryHref}#${kebab(a.glossary)}` }, t('ask.ui.definitionSource'))));
  }
  const chart = chartTable(a, t);
  if (chart) section.append(chart);
  if (a.understood.length) {
    section.append(h('h3', {}, t('ask.ui.understood')), h('p', { class: 'ask-understood', 'data-ask-understood': '' }, capitalize(a.understood.join(', '))));
  }
  if (a.explorer) {
    section.append(h('p', { class: 'ask-explore' }, h('a', { href: `${ctx.explorerHref}?${a.explorer}`, 'data-ask-explorer': '' }, t('ask.ui.openExplorer'))));
  }
  if (a.sql) {
    const params = a.params.map((p) => JSON.stringify(p)).join(', ');
    section.append(h('details', { class: 'ask-query' },
      h('summary', {}, t('ask.ui.query')),
      h('p', {}, t('ask.ui.queryIntro')),
      h('pre', {}, h('code', { 'data-ask-sql': '' }, a.sql)),
      h('p', {}, `${t('ask.ui.parameters')}: `, h('code', {}, params)),
      h('p', {}, `${t('ask.ui.viewSpec')}: `),
      h('pre', {}, h('code', {}, JSON.stringify(a.spec, null, 1)))));
  }
  if (model.answeredBy === 'model' && model.queries && model.queries.length > 1) {
    section.append(h('details', { class: 'ask-query' }, h('summary', {}, t('ask.ui.llmQueries')),
      ...model.queries.flatMap((q) => [h('pre', {}, h('code', {}, q.sql)), h('p', {}, `${t('ask.ui.parameters')}: `, h('code', {}, q.params.map((p) => JSON.stringify(p)).join(', '))),
        h('pre', {}, h('code', {}, JSON.stringify(q.rows.slice(0, 20), null, 1)))])));
  }
  if (a.suggestions.length) {
    section.append(h('h3', {}, t('ask.ui.closest')),
      h('ul', { class: 'ask-suggestions' }, ...a.suggestions.map((s) => h('li', {}, h('a', { href: `${ctx.askHref}?q=${encodeURIComponent(s)}`, 'data-ask-suggestion': s }, s)))));
  }
  return section;
}
