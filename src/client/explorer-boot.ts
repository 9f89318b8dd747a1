/**
 * The Explorer's first-view script (small: the spec and URL codec only). It reads the view from the
 * address, fills in the form, shows any problem with the link, and loads the rest (explorer-run.ts: the
 * database engine, charts, downloads) only when the reader starts exploring: a change to the form, the
 * "Start exploring" button, a download, or a link that names a view other than the pre-rendered one.
 */
import { decodeSpec, encodeSpec } from '../query/url.ts';
import { DIMENSIONS, MAX_BREAKDOWNS, TABLE_DIMENSIONS, defaultSpec, parseSpec, type Dimension, type ViewSpec } from '../query/spec.ts';

type Run = typeof import('./explorer-run.ts');
let runner: Promise<Run> | null = null;
const loadRunner = (): Promise<Run> => {
  runner ??= import('./explorer-run.ts');
  runner.catch(() => {
    runner = null;
  });
  return runner;
};

const sameView = (a: ViewSpec, b: ViewSpec) => encodeSpec({ ...a, release: null }) === encodeSpec({ ...b, release: null });

/** The form's controls → the raw view object parseSpec checks. */
export function readForm(form: HTMLFormElement, release: string | null): Record<string, unknown> {
  const el = form.elements;
  const value = (name: string) => (el.namedItem(name) as HTMLSelectElement | HTMLInputElement | null)?.value ?? '';
  const table = value('t') || 'line_items';
  const allowed = TABLE_DIMENSIONS[table as ViewSpec['table']] ?? TABLE_DIMENSIONS.line_items;
  const by = [value('by1'), value('by2')].filter((d) => d !== '');
  const filters: Record<string, string[]> = {};
  for (const d of DIMENSIONS) {
    if (!allowed.includes(d)) continue;
    const values: string[] = [];
    for (const input of form.querySelectorAll<HTMLInputElement>(`input[name="f.${d}"]`)) {
      if (input.type === 'checkbox') {
        if (input.checked) values.push(input.value);
      } else {
        for (const v of input.value.split(/[\s,;]+/)) if (v) values.push(v.toUpperCase());
      }
    }
    if (values.length) filters[d] = values;
  }
  const all = (el.namedItem('all') as HTMLInputElement | null)?.checked ?? false;
  return {
    release,
    table,
    measure: value('m') || 'amount',
    by,
    filters,
    latestOnly: table === 'line_items' ? !all : true,
    compare: value('cmp') || 'none',
    chart: value('c') || 'bar',
  };
}

/** A spec → the form's controls; shows only the dimensions of the spec's table. */
export function writeForm(form: HTMLFormElement, spec: ViewSpec): void {
  const el = form.elements;
  const set = (name: string, v: string) => {
    const c = el.namedItem(name) as HTMLSelectElement | null;
    if (c) c.value = v;
  };
  set('t', spec.table);
  set('m', spec.measure);
  set('cmp', spec.compare);
  set('c', spec.chart);
  for (let i = 0; i < MAX_BREAKDOWNS; i++) set(`by${i + 1}`, spec.by[i] ?? '');
  const all = el.namedItem('all') as HTMLInputElement | null;
  if (all) all.checked = !spec.latestOnly;
  for (const input of form.querySelectorAll<HTMLInputElement>('input[name^="f."]')) {
    const d = input.name.slice(2) as Dimension;
    const values = spec.filters[d] ?? [];
    if (input.type === 'checkbox') input.checked = values.includes(input.value);
    else input.value = values.join(', ');
  }
  showTable(form, spec.table);
}

/** Hides (and disables) the controls of dimensions the table does not have. */
export function showTable(form: HTMLFormElement, table: string): void {
  for (const node of form.querySelectorAll<HTMLElement>('[data-tables]')) {
    const on = (node.dataset.tables ?? '').split(' ').includes(table);
    node.hidden = !on;
    if (node instanceof HTMLOptionElement) node.disabled = !on;
    for (const c of node.querySelectorAll<HTMLInputElement>('input')) c.disabled = !on;
  }
  const active = form.querySelectorAll('input[name^="f."]:checked:not(:disabled)').length +
    [...form.querySelectorAll<HTMLInputElement>('input[type="text"][name^="f."]:not(:disabled)')].filter((i) => i.value.trim()).length;
  const count = form.querySelector<HTMLElement>('[data-filter-count]');
  if (count) count.textContent = active ? `(${active})` : '';
}

function list(root: HTMLElement, selector: string, heading: string, items: string[]): void {
  const box = root.querySelector<HTMLElement>(selector);
  if (!box) return;
  box.replaceChildren();
  if (!items.length) {
    box.hidden = true;
    return;
  }
  const p = document.createElement('p');
  p.textContent = heading;
  const ul = document.createElement('ul');
  for (const m of items) {
    const li = document.createElement('li');
    li.textContent = m; // never HTML: messages may quote the link
    ul.append(li);
  }
  box.append(p, ul);
  box.hidden = false;
}

class BudgetExplorer extends HTMLElement {
  private started = false;

  connectedCallback(): void {
    if (this.started) return;
    this.started = true;
    const root = this;
    const form = root.querySelector<HTMLFormElement>('form[data-explorer-form]');
    if (!form) return;
    const msg = JSON.parse(root.querySelector('script[data-explorer-messages]')?.textContent ?? '{}') as Record<string, string>;
    const text = (k: string) => msg[`explorer.${k}`] ?? k;
    const decoded = decodeSpec(location.search);
    let spec = decoded.spec;
    list(root, '[data-link-problems]', text('linkProblems'), decoded.messages);
    writeForm(form, spec);
    for (const fs of form.querySelectorAll('fieldset[data-needs-js]')) (fs as HTMLFieldSetElement).disabled = false;
    root.querySelector('[data-no-js]')?.setAttribute('hidden', '');
    for (const b of root.querySelectorAll<HTMLElement>('[data-needs-js]')) b.hidden = false;

    const run = async (next: ViewSpec, how: 'push' | 'replace' | 'none') => {
      spec = next;
      if (how !== 'none') {
        const query = encodeSpec(next);
        const url = `${location.pathname}?${query}${location.hash}`;
        if (how === 'push') history.pushState(null, '', url);
        else history.replaceState(null, '', url);
      }
      try {
        const m = await loadRunner();
        await m.run(root, next, { buildRelease: root.dataset.release ?? '' });
      } catch (e) {
        const status = root.querySelector('[data-explorer-status]');
        if (status) status.textContent = `${text('engineFailed').replace('{{detail}}', '')} ${e instanceof Error ? e.message : ''}`.trim();
      }
    };
    const fromForm = (): ViewSpec | null => {
      const parsed = parseSpec(readForm(form, spec.release));
      if (!parsed.ok) {
        list(root, '[data-form-problems]', text('invalidView'), parsed.errors);
        return null;
      }
      list(root, '[data-form-problems]', '', []);
      return parsed.spec;
    };
    form.addEventListener('change', (ev) => {
      const target = ev.target as HTMLInputElement;
      if (target.name === 't') {
        showTable(form, target.value);
        // A breakdown or filter of the other table is dropped with it.
        const raw = readForm(form, spec.release);
        const table = raw.table as ViewSpec['table'];
        const by = (raw.by as string[]).filter((d) => TABLE_DIMENSIONS[table].includes(d as Dimension));
        if (by.length === 0) by.push('fiscal_year');
        writeForm(form, { ...defaultSpec(spec.release), table, by: by as Dimension[], filters: table === 'allocations' ? { column_code: ['BB'] } : defaultSpec().filters });
      }
      showTable(form, (form.elements.namedItem('t') as HTMLSelectElement).value);
      if (target.type === 'text') return; // text inputs run on submit (Enter or the Show button)
      const next = fromForm();
      if (next) void run(next, 'push');
    });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const next = fromForm();
      if (next) void run(next, 'push');
    });
    root.querySelector('[data-reset]')?.addEventListener('click', () => {
      const next = defaultSpec(null);
      writeForm(form, next);
      list(root, '[data-form-problems]', '', []);
      list(root, '[data-link-problems]', '', []);
      void run(next, 'push');
    });
    root.querySelector('[data-start]')?.addEventListener('click', () => void run(spec, 'replace'));
    root.addEventListener('click', (ev) => {
      const button = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-download]');
      if (!button) return;
      ev.preventDefault();
      void loadRunner().then(
        (m) => m.download(root, spec, button.dataset.download ?? '', { buildRelease: root.dataset.release ?? '' }),
        (e: unknown) => {
          const status = root.querySelector('[data-explorer-status]');
          if (status) status.textContent = `${text('engineFailed').replace('{{detail}}', '')} ${e instanceof Error ? e.message : ''}`.trim();
        },
      );
    });
    addEventListener('popstate', () => {
      const d = decodeSpec(location.search);
      list(root, '[data-link-problems]', text('linkProblems'), d.messages);
      writeForm(form, d.spec);
      void run(d.spec, 'none');
    });
    // A link to another view (or another release) computes it at once; the default view is already on the page.
    const buildRelease = root.dataset.release ?? '';
    if (!sameView(spec, defaultSpec()) || (spec.release !== null && spec.release !== buildRelease)) void run(spec, 'none');
  }
}

if (!customElements.get('budget-explorer')) customElements.define('budget-explorer', BudgetExplorer);
