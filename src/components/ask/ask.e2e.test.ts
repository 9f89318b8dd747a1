/**
 * Ask end to end in Chromium (issue 6), over the shared sample site (src/test-support/sample-site.ts):
 * - load the Ask page, wait until it says it is ready, then cut the network (the server drops every
 *   connection and the browser is offline): English and Spanish questions still get the right answer —
 *   the same figure native DuckDB computes from the release — with what was understood and the query, and
 *   the page makes no request at all while answering;
 * - the answer's Explorer link names the very view that was run; once back online it opens in the
 *   Explorer, which shows the same figure;
 * - the question box's GET form (?q=) is answered on arrival; an unsure answer shows no number and offers
 *   questions that do get answers; markup in a question stays text;
 * - 360 px wide: nothing scrolls sideways.
 * Drives Debian's /usr/bin/chromium with playwright-core. Without Chromium the suite is skipped with a
 * warning, except under CI, where it fails.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { contentType, resolveFile } from '../../test-support/static-server.ts';
import { openRelease, type OpenRelease } from '../../ask/node.ts';
import { decodeSpec } from '../../query/url.ts';
import { formatters } from '../../i18n/format.ts';
import { formatValue } from '../../query/describe.ts';
import { parseCents } from '../../site/money.ts';

const CHROMIUM = '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(path.resolve(import.meta.dirname, '../../../node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA violations on the page as it is, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  // The settled page: the first-visit tour fades in when the browser is idle; mid-transition colours are
  // blends no reader is left with.
  await page.evaluate(async () => {
    await new Promise((resolve) => (self.requestIdleCallback ? self.requestIdleCallback(resolve, { timeout: 1000 }) : setTimeout(resolve, 50)));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const finite = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
              await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, 2000))]);
  });
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document, o: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.map(String).join(' ')).join('; ')})`);
  });
}
const site = inject('sampleSite');
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`ask.e2e.test.ts: ${CHROMIUM} not found; skipping (CI installs Chromium in .ci/run).`);

interface Server {
  origin: string;
  /** When true, every connection is dropped (no network, for the page and its service worker). */
  down: boolean;
  requests: string[];
  close(): Promise<void>;
}

/** Pages from the built site, data/ from the pipeline's output; a switch that cuts the network. */
async function serve(dist: string, dataDir: string): Promise<Server> {
  const state = { down: false, requests: [] as string[] };
  const server = http.createServer((req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    state.requests.push(url.pathname);
    const file = url.pathname.startsWith('/data/') ? resolveFile(dataDir, url.pathname.slice('/data'.length)) : resolveFile(dist, url.pathname);
    const body = file ? fs.readFileSync(file) : fs.readFileSync(path.join(dist, '404.html'));
    res.writeHead(file ? 200 : 404, { 'Content-Type': file ? contentType(file) : 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get down() { return state.down; },
    set down(v: boolean) { state.down = v; },
    requests: state.requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const whenReady = (page: Page) =>
  page.waitForFunction(() => ['ready', 'failed'].includes(document.querySelector('[data-ask]')?.getAttribute('data-state') ?? ''), null, { timeout: 90_000 });

async function askIn(page: Page, question: string): Promise<{ sentence: string; understood: string; explorer: string | null; sql: string; status: string }> {
  const before = await page.locator('[data-ask-sentence]').count() ? await page.innerText('[data-ask-sentence]') : '';
  await page.fill('#ask-q', question);
  await page.click('.ask-row button');
  await page.waitForFunction((old) => {
    const s = document.querySelector('[data-ask-sentence]');
    return !!s && s.textContent !== old && !document.querySelector('[data-ask]')?.hasAttribute('data-answering');
  }, before, { timeout: 60_000 });
  const explorer = await page.locator('[data-ask-explorer]').count() ? await page.getAttribute('[data-ask-explorer]', 'href') : null;
  return {
    sentence: await page.innerText('[data-ask-sentence]'),
    understood: await page.locator('[data-ask-understood]').count() ? await page.innerText('[data-ask-understood]') : '',
    explorer,
    sql: await page.locator('[data-ask-sql]').count() ? await page.locator('[data-ask-sql]').textContent() ?? '' : '',
    status: (await page.getAttribute('.ask-answer', 'data-status')) ?? '',
  };
}

describe.skipIf(!haveChromium && !process.env.CI)('Ask in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let db: OpenRelease;

  beforeAll(async () => {
    expect(site.errors).toEqual([]);
    server = await serve(site.dist, site.out);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    db = await openRelease(site.releaseDir);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    db?.close();
  });

  const one = async (sql: string, params: string[] = []) => (await db.run(sql, params))[0] ?? {};

  it('answers with the network cut off after load, and the answer\'s Explorer link opens the same view', async () => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.origin}/ask/`);
    await whenReady(page);
    expect(await page.getAttribute('[data-ask]', 'data-state')).toBe('ready');

    // Cut the network.
    server.down = true;
    await context.setOffline(true);
    const afterCut: string[] = [];
    page.on('request', (r) => afterCut.push(r.url()));

    const year = String((await one(`SELECT max(fiscal_year) AS y FROM line_items WHERE column_code = 'BA' AND is_latest`)).y);
    const want = String((await one(`SELECT CAST(sum(amount) AS VARCHAR) AS v FROM line_items WHERE is_latest AND column_code = 'BA' AND fiscal_year = ?
      AND goal BETWEEN '5000' AND '5999' AND object_class IN ('expenditure', 'other_outgo')`, [year])).v);
    const fmt = formatters('en');
    const en = await askIn(page, 'How much does the district spend on special education?');
    expect(en.status).toBe('answered');
    expect(en.sentence).toBe(`In ${year}, the district spent ${fmt.moneyLong(parseCents(want))} on special education (unaudited actuals).`);
    expect(en.understood).toMatch(/^Special education = goals 5000–5999, .*unaudited actuals/);
    expect(await page.locator('.ask-table').innerText()).toContain(fmt.dollars(parseCents(want)));
    expect(en.sql).toContain('FROM line_items AS t');

    const school = await one(`SELECT s.name AS name, s.school_code AS code FROM enrollment e JOIN schools s USING (school_code)
      WHERE e.fiscal_year = (SELECT max(fiscal_year) FROM allocations) ORDER BY e.enrollment DESC, s.school_code LIMIT 1`);
    const allocYear = String((await one('SELECT max(fiscal_year) AS y FROM allocations')).y);
    const pp = String((await one(`SELECT CAST(CAST(round(CAST(sum(amount) AS DOUBLE) / (SELECT enrollment FROM enrollment WHERE school_code = ? AND fiscal_year = ?), 2) AS DECIMAL(18,2)) AS VARCHAR) AS v
      FROM allocations WHERE school_code = ? AND fiscal_year = ? AND column_code = 'BB'`, [String(school.code), allocYear, String(school.code), allocYear])).v);
    const es = await askIn(page, `¿Cuánto recibe la escuela ${String(school.name)} por alumno?`);
    expect(es.status).toBe('answered');
    // A Spanish question on the English page: understood, and answered in the page's language.
    expect(es.sentence).toContain(`${fmt.dollars(parseCents(pp))} per student`);
    expect(es.understood).toContain(String(school.code));
    // (The browser may re-request the favicon when the address changes; the answer itself needs nothing.)
    expect(afterCut.filter((u) => !u.endsWith('/favicon.svg')), 'no request while answering offline').toEqual([]);
    await page.click('.ask-query summary');
    expect(await axeViolations(page), 'an answer on the page: WCAG 2.1 AA').toEqual([]);

    // The Explorer link names the view that was run; back online, it opens there with the same figure.
    const again = await askIn(page, 'How much does the district spend on special education?');
    const href = again.explorer!;
    expect(href).toMatch(/^\/explore\/\?r=/);
    const spec = decodeSpec(href.slice(href.indexOf('?'))).spec;
    expect(spec).toMatchObject({ release: site.releaseId, table: 'line_items', measure: 'amount', filters: { fiscal_year: [year], column_code: ['BA'] } });
    await context.setOffline(false);
    server.down = false;
    await page.click('[data-ask-explorer]');
    await page.waitForURL(`**${href}`);
    await page.waitForFunction(() => (document.querySelector('[data-explorer-status]')?.textContent ?? '').startsWith('Showing'), null, { timeout: 90_000 });
    expect(await page.locator('.explorer-table').innerText()).toContain(formatValue('amount', want, fmt));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers the question box\'s ?q= on arrival; unsure answers show no number and offer answerable questions', async () => {
    server.down = false;
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The box on every page is a GET form to the Ask page.
    await page.goto(`${server.origin}/es/ask/?q=${encodeURIComponent('<b>hola</b> ¿qué tiempo hará?')}`);
    await page.waitForSelector('[data-ask-sentence]', { timeout: 90_000 });
    expect(await page.getAttribute('.ask-answer', 'data-status')).toBe('unsure');
    const sentence = await page.innerText('[data-ask-sentence]');
    expect(sentence).not.toMatch(/\d/);
    expect(await page.locator('.ask-answer b').count()).toBe(0);
    const first = page.locator('.ask-answer [data-ask-suggestion]').first();
    const text = await first.innerText();
    await first.click();
    await page.waitForFunction((q) => document.querySelector('.ask-answer')?.getAttribute('data-status') === 'answered' && (document.querySelector('#ask-q') as HTMLInputElement).value === q, text, { timeout: 90_000 });
    expect(new URL(page.url()).searchParams.get('q')).toBe(text);
    expect(await axeViolations(page), 'an answer on the page at 360 px: WCAG 2.1 AA').toEqual([]);
    // 360 px: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
