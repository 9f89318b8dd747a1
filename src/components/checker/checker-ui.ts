/**
 * The checker page in the browser: files chosen or dropped are checked one after another by a Web Worker
 * (bundled into this script, so no request is made and it works offline), with a progress bar; the results
 * are a summary per file, the rules checked when publishing, and the line-level messages in a table (the
 * first DISPLAY_LIMIT of them; all of them in the CSV download). Every text from a file is set with
 * textContent, never parsed as HTML. The page's strings come from its data-messages attribute.
 */
import CheckerWorker from '../../checker/worker.ts?worker&inline';
import type { CheckProblem, CheckReport } from '../../checker/check.ts';
import { messagesCsv } from '../../checker/export.ts';
import type { FromWorker, ToWorker } from '../../checker/protocol.ts';
import type { CodeDimension } from '../../rules/codes.ts';
import type { InputKind } from '../../rules/inputs.ts';
import { makeTranslator, type Messages } from '../../i18n/translate.ts';

/** Messages shown in the page's table; the download has all of them. */
export const DISPLAY_LIMIT = 500;

type T = ReturnType<typeof makeTranslator>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | number, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function kindLabel(t: T, r: CheckReport): string {
  if (!r.kind) return t('checker.kind.unknown');
  if (r.kind === 'sacs' && (r.layout === 'usergl' || r.layout === 'legacy')) return t(`checker.layout.${r.layout}`);
  if (r.kind === 'codeList' && r.dimension) return t('checker.kind.codeListOf', { dimension: t(`checker.dimension.${r.dimension}`), file: `ref_${r.dimension}_codes.csv` });
  return t(`checker.kind.${r.kind}`);
}

const ENCODING_KEY: Record<CheckReport['encoding'], string> = { 'utf-8': 'checker.encoding.utf8', 'utf-8 with BOM': 'checker.encoding.utf8Bom', 'windows-1252': 'checker.encoding.windows1252' };

function verdict(t: T, r: CheckReport): string {
  if (r.errors.length) return t('checker.verdict.errors', { count: r.errors.length });
  if (r.warnings.length) return t('checker.verdict.warnings', { count: r.warnings.length });
  return t('checker.verdict.ok');
}

export function startChecker(root: HTMLElement): void {
  const locale = root.dataset.locale ?? 'en';
  const t = makeTranslator(locale, JSON.parse(root.dataset.messages ?? '{}') as Messages);
  const about = JSON.parse(root.dataset.about ?? '{}') as Record<string, string>;
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent' });
  const $ = <E extends Element>(sel: string) => root.querySelector<E>(sel)!;
  const input = $<HTMLInputElement>('[data-check-file]');
  const kindSelect = $<HTMLSelectElement>('[data-check-kind]');
  const zone = $<HTMLElement>('[data-check-drop]');
  const status = $<HTMLElement>('[data-check-status]');
  const progress = $<HTMLProgressElement>('[data-check-progress]');
  const progressWrap = $<HTMLElement>('[data-check-progress-wrap]');
  const progressLabel = $<HTMLElement>('[data-check-progress-label]');
  const results = $<HTMLElement>('[data-check-results]');
  const summary = $<HTMLTableSectionElement>('[data-check-summary] tbody');
  const deferred = $<HTMLElement>('[data-check-deferred]');
  const deferredList = $<HTMLUListElement>('[data-check-deferred] ul');
  const messages = $<HTMLTableSectionElement>('[data-check-messages-table] tbody');
  const messagesRegion = $<HTMLElement>('[data-check-messages-region]');
  const none = $<HTMLElement>('[data-check-none]');
  const capped = $<HTMLElement>('[data-check-capped]');
  const download = $<HTMLButtonElement>('[data-check-download]');
  root.hidden = false;

  if (typeof Worker === 'undefined') {
    status.textContent = t('checker.status.noWorker');
    input.disabled = true;
    return;
  }
  let worker: Worker | undefined;
  let nextId = 1;
  let all: CheckProblem[] = [];

  const checkOne = (file: File, kind?: InputKind, dimension?: CodeDimension) =>
    new Promise<CheckReport>((resolve, reject) => {
      worker ??= new CheckerWorker();
      const w = worker;
      const id = nextId++;
      const onMessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (m.id !== id) return;
        if (m.type === 'progress') {
          progress.value = m.total ? m.done / m.total : 1;
          progress.textContent = percent.format(progress.value);
          progressLabel.textContent = t('checker.status.progress', { file: file.name, percent: percent.format(progress.value) });
          return;
        }
        w.removeEventListener('message', onMessage);
        if (m.type === 'result') resolve(m.report);
        else reject(new Error(m.message));
      };
      w.addEventListener('message', onMessage);
      const message: ToWorker = { type: 'check', id, file, ...(kind ? { kind } : {}), ...(dimension ? { dimension } : {}) };
      w.postMessage(message);
    });

  const render = (reports: CheckReport[]) => {
    summary.replaceChildren();
    for (const r of reports) {
      const tr = el('tr');
      const th = el('th', r.file);
      th.scope = 'row';
      tr.append(th, el('td', kindLabel(t, r)), el('td', t(ENCODING_KEY[r.encoding])), el('td', number.format(r.rows), 'num'),
        el('td', number.format(r.errors.length), 'num'), el('td', number.format(r.warnings.length), 'num'),
        el('td', verdict(t, r), r.errors.length ? 'verdict verdict-error' : r.warnings.length ? 'verdict verdict-warning' : 'verdict verdict-ok'));
      summary.append(tr);
    }
    const rules = [...new Set(reports.flatMap((r) => r.deferred))];
    deferredList.replaceChildren(...rules.map((r) => el('li', about[r] ?? r)));
    deferred.hidden = rules.length === 0;
    all = reports.flatMap((r) => [...r.errors, ...r.warnings]);
    messages.replaceChildren(
      ...all.slice(0, DISPLAY_LIMIT).map((p) => {
        const tr = el('tr', undefined, p.severity === 'error' ? 'problem-error' : 'problem-warning');
        tr.append(el('td', p.file), el('td', t(`checker.severity.${p.severity}`)), el('td', p.line === undefined ? '' : number.format(p.line), 'num'),
          el('td', p.column ?? ''), el('td', p.expected), el('td', p.found));
        return tr;
      }),
    );
    messagesRegion.hidden = all.length === 0;
    none.hidden = all.length > 0;
    capped.hidden = all.length <= DISPLAY_LIMIT;
    capped.textContent = t('checker.messages.capped', { shown: number.format(DISPLAY_LIMIT), total: number.format(all.length) });
    download.hidden = all.length === 0;
    results.hidden = false;
  };

  const checkFiles = async (files: File[]) => {
    if (!files.length) return;
    const [kind, dimension] = (kindSelect.value || '').split(':') as [InputKind | '', CodeDimension | undefined];
    const reports: CheckReport[] = [];
    progressWrap.hidden = false;
    input.disabled = true;
    for (const file of files) {
      progress.value = 0;
      progressLabel.textContent = t('checker.status.progress', { file: file.name, percent: percent.format(0) });
      status.textContent = t('checker.status.reading', { file: file.name });
      try {
        reports.push(await checkOne(file, kind || undefined, dimension));
      } catch (e) {
        status.textContent = t('checker.status.failed', { file: file.name, message: e instanceof Error ? e.message : String(e) });
      }
    }
    progressWrap.hidden = true;
    input.disabled = false;
    input.value = '';
    render(reports);
    status.textContent = t('checker.status.done', { count: reports.length });
  };

  input.addEventListener('change', () => void checkFiles([...(input.files ?? [])]));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    void checkFiles([...(e.dataTransfer?.files ?? [])]);
  });
  download.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([messagesCsv(all)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = t('checker.download.name');
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  });
}
