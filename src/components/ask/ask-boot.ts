/**
 * The Ask page in the browser. Builds the engine's lexicon from the JSON the page carries, answers the
 * question in the address (?q=, as the question box on every page sends it) and every question asked in
 * the form, with the same engine as `npm run ask` (src/ask/engine.ts) running its SQL on DuckDB-WASM
 * (src/client/db.ts, loaded with the data when the page has loaded). Once the page says it is ready, every
 * table Ask may query is in memory, so questions keep working with no connection. The address follows the
 * question (back and forward re-ask), so an answer has a link.
 */
import { ask, type AskOptions } from '../../ask/engine.ts';
import { buildLexicon, unpackLexiconData, type Run } from '../../ask/lexicon.ts';
import { makeTranslator } from '../../i18n/translate.ts';
import type { BrowserDb, Progress } from '../../client/db.ts';
import { termSourcesOf, type AskPageData } from './page-shape.ts';
import { renderAnswer } from './render.ts';

/** Tables the engine's views read (compileSpec: the fact tables and what per-pupil and region joins need). */
const TABLES = ['line_items', 'allocations', 'enrollment', 'schools'];

function start(root: HTMLElement): void {
  const dataEl = root.querySelector('script[data-ask-data]');
  const form = root.querySelector<HTMLFormElement>('form[data-ask-form]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const status = root.querySelector<HTMLElement>('[data-ask-status]');
  const progress = root.querySelector<HTMLProgressElement>('progress[data-ask-progress]');
  const out = root.querySelector<HTMLElement>('[data-ask-output]');
  if (!dataEl || !form || !input || !status || !out) return;
  const d = JSON.parse(dataEl.textContent ?? '{}') as AskPageData;
  const locale = root.dataset.locale ?? 'en';
  const fallback = Object.keys(d.fallback).length ? d.fallback : d.messages;
  const t = makeTranslator(locale, d.messages, fallback);
  const lexicon = buildLexicon(unpackLexiconData(d.lexicon), termSourcesOf(d));
  const links = { t, explorerHref: root.dataset.explorer ?? '../explore/', glossaryHref: root.dataset.glossary ?? '../glossary/', askHref: root.dataset.askHref ?? './' };
  root.querySelectorAll<HTMLElement>('[data-needs-js]').forEach((el) => { el.removeAttribute('disabled'); el.hidden = false; });
  root.querySelectorAll<HTMLElement>('[data-no-js]').forEach((el) => { el.hidden = true; });

  const say = (text: string) => { status.textContent = text; };

  // The database and every table Ask may query, loaded once; questions wait for it.
  let ready: Promise<BrowserDb> | null = null;
  const load = (): Promise<BrowserDb> => {
    ready ??= (async () => {
      say(t('ask.ui.loading'));
      root.dataset.state = 'loading';
      const onProgress = (p: Progress) => {
        if (!progress || !p.total) return;
        progress.hidden = false;
        progress.max = p.total;
        progress.value = p.loaded;
      };
      const { getDatabase } = await import('../../client/db.ts');
      const db = await getDatabase({ base: root.dataset.base ?? '/', release: d.lexicon.release, onProgress });
      const present = new Set(db.manifest.files.map((f) => f.table));
      await db.ensureTables(TABLES.filter((x) => present.has(x)).map((table) => ({ table })), { onProgress });
      if (progress) progress.hidden = true;
      root.dataset.state = 'ready';
      say(t('ask.ui.ready'));
      return db;
    })();
    ready.catch((e: unknown) => {
      ready = null;
      root.dataset.state = 'failed';
      if (progress) progress.hidden = true;
      say(t('ask.ui.failed', { message: e instanceof Error ? e.message : String(e) }));
    });
    return ready;
  };

  const run: Run = async (sql, params) => (await load()).query(sql, params);
  const options: AskOptions = { locale, messages: d.messages, fallback, lexicon, run };

  let asked = 0;
  const answer = async (question: string) => {
    const n = ++asked;
    say(t('ask.ui.thinking'));
    root.dataset.answering = 'true';
    try {
      const endpoint = root.dataset.llmEndpoint;
      const a = endpoint
        ? await (await import('../../ask/llm.ts')).askWithModel(question, options, { endpoint, ...(root.dataset.llmModel ? { model: root.dataset.llmModel } : {}) })
        : await ask(question, options);
      if (n !== asked) return; // a newer question was asked meanwhile
      out.replaceChildren(renderAnswer(a, links));
      say(root.dataset.state === 'ready' ? t('ask.ui.ready') : '');
    } catch (e) {
      if (n !== asked) return;
      out.replaceChildren();
      say(t('ask.ui.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      if (n === asked) delete root.dataset.answering;
    }
  };

  const fromUrl = () => new URLSearchParams(location.search).get('q')?.trim() ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = input.value.trim();
    const url = new URL(location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    if (url.href !== location.href) history.pushState(null, '', url);
    void answer(q);
  });
  // Suggestions and examples are links to ?q=: answer in place.
  root.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[data-ask-suggestion]');
    if (!(link instanceof HTMLAnchorElement) || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const q = link.dataset.askSuggestion ?? '';
    input.value = q;
    history.pushState(null, '', link.href);
    void answer(q);
    input.focus();
  });
  addEventListener('popstate', () => {
    const q = fromUrl();
    input.value = q;
    if (q) void answer(q);
    else out.replaceChildren();
  });

  const initial = fromUrl();
  if (initial) {
    input.value = initial;
    void answer(initial);
  }
  // Everything an answer needs, as soon as the page has loaded, so answers also work offline afterwards.
  const idle = () => { void load().catch(() => {}); };
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

const root = document.querySelector<HTMLElement>('[data-ask]');
if (root) start(root);
