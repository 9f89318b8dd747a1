/**
 * The staff file checker page (/check/) in a real Chromium, on the shared sample site: bad files from the
 * pipeline's bad-input corpus are dropped on the page (and chosen with the keyboard through the file
 * input), and the page shows the pipeline's line-level messages, checked in a Web Worker with no network
 * request at all (the last checks run with the browser offline). Also: a 120,000-line SACS export shows
 * progress and is read in full; the CSV download has every message; axe-core finds no WCAG 2.1 AA
 * violation with results on screen; nothing scrolls sideways at 360 px; without JavaScript the page still
 * explains what is checked.
 *
 * Drives Debian's /usr/bin/chromium with playwright-core. Without Chromium the suite is skipped with a
 * warning, except under CI, where it fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../test-support/static-server.ts';
import { CORPUS_CASES, U } from '../pipeline/corpus-cases.ts';
import { baseFiles, ENROLLMENT_CSV, SCHOOLS_CSV, USERGL_LINES, userglCsv, type InputFiles } from '../pipeline/test-helpers.ts';
import { bytesSource, checkBytes } from './check.ts';
import { DISPLAY_LIMIT } from '../components/checker/checker-ui.ts';

const CHROMIUM = '/usr/bin/chromium';
const root = path.resolve(import.meta.dirname, '../..');
const AXE_SOURCE_PATH = path.join(root, 'node_modules/axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MOBILE = { width: 360, height: 740 };

const site = inject('sampleSite');
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`checker.e2e.test.ts: ${CHROMIUM} not found; skipping the checker page tests.`);
const suite = haveChromium || process.env.CI ? describe : describe.skip;

/** The corpus case's version of one file. */
function corpusFile(title: keyof typeof CORPUS_CASES, file: string): Buffer {
  const files: InputFiles = baseFiles();
  CORPUS_CASES[title](files);
  const v = files[file]!;
  return typeof v === 'string' ? Buffer.from(v) : v;
}

const AMOUNT = 'an amount in dollars such as 1234.56, -1,234.56 or (1,234.56), exact to the cent';

suite('the file checker page (Chromium)', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    expect(site.errors, 'the sample release built without errors').toEqual([]);
    expect(fs.existsSync(path.join(site.dist, 'check/index.html')), 'the checker page was built').toBe(true);
    server = await startStaticServer(site.dist);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh page on /check/; every request recorded, and any that leaves 127.0.0.1 aborted. */
  async function open(opts: { viewport?: { width: number; height: number }; javaScript?: boolean } = {}) {
    const context: BrowserContext = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, serviceWorkers: 'block', javaScriptEnabled: opts.javaScript ?? true, acceptDownloads: true });
    // A returning visitor: the welcome tour (tested in its own suite) opens at idle on a first visit and
    // then, now and then, a key press that should open the file chooser does not (1 run in 10).
    await context.addInitScript(() => {
      try {
        localStorage.setItem('osb-tour', 'done');
      } catch {
        // no storage: no tour either
      }
    });
    const requests: string[] = [];
    const errors: string[] = [];
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.protocol === 'data:' || u.protocol === 'blob:' || u.origin === server.origin) return route.continue();
      return route.abort('blockedbyclient');
    });
    const res = await page.goto(`${server.origin}/check/`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    return { page, context, requests, errors, close: () => context.close() };
  }

  /** Drops files on the drop zone, as a drag from the desktop does. */
  async function drop(page: Page, files: { name: string; body: Buffer }[]): Promise<void> {
    const dt = await page.evaluateHandle((list) => {
      const d = new DataTransfer();
      for (const f of list) d.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: 'text/csv' }));
      return d;
    }, files.map((f) => ({ name: f.name, base64: f.body.toString('base64') })));
    await page.dispatchEvent('[data-check-drop]', 'drop', { dataTransfer: dt });
  }

  /** What the page itself asked for while checking (not the browser's own favicon fetch). */
  const made = (requests: string[]) => requests.filter((u) => !/^(blob|data):/.test(u) && !u.endsWith('/favicon.svg'));

  /** The messages table as text, row by row. */
  async function messageRows(page: Page): Promise<string[][]> {
    return page.locator('[data-check-messages-table] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  }

  async function waitForResults(page: Page, files: number): Promise<void> {
    await expect.poll(() => page.locator('[data-check-summary] tbody tr').count(), { timeout: 30_000 }).toBe(files);
  }

  it('a dropped SACS export with a bad amount after CRLF and blank lines: the pipeline\'s message, on its physical line', async () => {
    const { page, requests, errors, close } = await open();
    try {
      const body = corpusFile('CRLF + blank lines: a later bad amount is reported on its physical line', U);
      const before = requests.length;
      await drop(page, [{ name: 'budget_UserGL.csv', body }]);
      await waitForResults(page, 1);
      const rows = await messageRows(page);
      // The corpus asserts this exact message from the pipeline: line 11, column Amount, found "abc".
      expect(rows).toEqual([['budget_UserGL.csv', 'Error', '11', 'Amount', AMOUNT, '"abc"']]);
      // The same as the checker core in Node.
      const core = await checkBytes(bytesSource(body), { file: 'budget_UserGL.csv' });
      expect(rows.map((r) => [r[2], r[3], r[4], r[5]])).toEqual(core.errors.map((p) => [String(p.line), p.column, p.expected, p.found]));
      const summary = await page.locator('[data-check-summary] tbody tr').first().locator('th, td').allInnerTexts();
      expect(summary).toEqual(['budget_UserGL.csv', 'SACS export, UserGL layout (SACS web system, 2022-23 on)', 'UTF-8', '7', '1', '0', '1 error: publishing would be refused']);
      expect(await page.locator('[data-check-deferred] li').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-check-status]').innerText()).toBe('Checked 1 file.');
      expect(made(requests.slice(before)), 'requests made while checking').toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('offline, several files at once: a separator, an encoding warning and a duplicate school, each with its message', async () => {
    const { page, context, requests, errors, close } = await open();
    try {
      await context.setOffline(true);
      const before = requests.length;
      await drop(page, [
        { name: 'enrollment.csv', body: corpusFile('tab-separated enrollment: refused, naming the separator', 'enrollment.csv') },
        { name: 'schools.csv', body: Buffer.from(`${SCHOOLS_CSV.replace('Alder Elementary', 'Escuela Niño Dios')}1999901,19999991999904,Alder Annex,elementary,K,2,North,Fictionville,90001,34.05,-118.25,2010-11,N\n`, 'latin1') },
      ]);
      await waitForResults(page, 2);
      expect(await messageRows(page)).toEqual([
        ['enrollment.csv', 'Error', '1', '', 'comma-separated values (re-export the file as CSV)', 'a header separated by tabs (16 of them)'],
        ['schools.csv', 'Error', '5', '', 'one line per school code', 'a duplicate (1999901) of line 2'],
        ['schools.csv', 'Warning', '', '', 'UTF-8 text', 'bytes that are not UTF-8; read as Windows-1252 (check accented names)'],
      ]);
      expect(await page.locator('[data-check-summary] tbody tr').nth(1).locator('td').nth(1).innerText()).toBe('Windows-1252 (not UTF-8)');
      expect(made(requests.slice(before)), 'requests made while checking offline').toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keyboard: Tab reaches the file input, which opens the file chooser; a code list with a bad code is reported', async () => {
    const { page, close } = await open();
    try {
      let reached = false;
      for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.id === 'checker-file');
      }
      expect(reached, 'Tab reaches the file input').toBe(true);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press(' ')]);
      const file = 'code-lists/2023-24/ref_fund_codes.csv';
      await chooser.setFiles({ name: 'ref_fund_codes.csv', mimeType: 'text/csv', buffer: corpusFile('a code of the wrong width in a code list: refused', file) });
      await waitForResults(page, 1);
      expect(await messageRows(page)).toEqual([['ref_fund_codes.csv', 'Error', '4', 'Code', 'a SACS code of the right width for this list', '"123"']]);
      expect(await page.locator('[data-check-summary] tbody td').first().innerText()).toBe('SACS code list: funds (ref_fund_codes.csv)');
    } finally {
      await close();
    }
  });

  it('a 120,000-line SACS export: progress while it is read, every line counted, the one bad line found, all messages downloadable', async () => {
    const { page, errors, close } = await open();
    try {
      const line = USERGL_LINES[1]!;
      const lines = Array.from({ length: 120_000 }, (_, i) => ({ ...line, object: String(1000 + (i % 9000)).padStart(4, '0'), resource: String(i % 10000).padStart(4, '0'), amount: i === 100_000 ? '1.234' : '100.00' }));
      const body = Buffer.from(userglCsv(lines));
      expect(body.length).toBeGreaterThan(8 << 20);
      // Every progress text the page shows, in order.
      await page.evaluate(() => {
        const label = document.querySelector('[data-check-progress-label]')!;
        const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
        new MutationObserver(() => seen.push(label.textContent ?? '')).observe(label, { childList: true, characterData: true, subtree: true });
      });
      // Chosen with the file input (the drop path is the same code; this hands over 8 MB faster).
      await page.setInputFiles('[data-check-file]', { name: 'big_UserGL.csv', mimeType: 'text/csv', buffer: body });
      await waitForResults(page, 1);
      const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      expect(seen.some((s) => /: ([1-9]|[1-9]\d)% checked$/.test(s)), `progress shown: ${seen.join(' | ')}`).toBe(true);
      const cells = await page.locator('[data-check-summary] tbody tr').first().locator('td').allInnerTexts();
      expect(cells[2]).toBe('120,000');
      expect(await messageRows(page)).toEqual([['big_UserGL.csv', 'Error', '100,002', 'Amount', AMOUNT, '"1.234"']]);
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-check-download]').click()]);
      expect(download.suggestedFilename()).toBe('check-messages.csv');
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv).toBe(`\ufeff"file","severity","rule","line","column","expected","found"\r\n"big_UserGL.csv","error","amount","100002","Amount","${AMOUNT}","""1.234"""\r\n`);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it(`more than ${DISPLAY_LIMIT} messages: the first ${DISPLAY_LIMIT} shown, all of them in the download`, async () => {
    const { page, close } = await open();
    try {
      const lines = Array.from({ length: DISPLAY_LIMIT + 20 }, (_, i) => ({ ...USERGL_LINES[1]!, object: String(1000 + i), amount: `=cmd|' /C calc'!A${i}` }));
      await drop(page, [{ name: 'many_UserGL.csv', body: Buffer.from(userglCsv(lines)) }]);
      await waitForResults(page, 1);
      expect(await page.locator('[data-check-messages-table] tbody tr').count()).toBe(DISPLAY_LIMIT);
      expect(await page.locator('[data-check-capped]').innerText()).toBe(`The first ${DISPLAY_LIMIT} of ${DISPLAY_LIMIT + 20} messages are shown here; the download has them all.`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-check-download]').click()]);
      const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n').filter(Boolean);
      expect(csv.length).toBe(1 + DISPLAY_LIMIT + 20);
      // Text from the file is never a formula in a spreadsheet (found values are quoted; nothing starts with =).
      expect(csv.every((l) => !/(^|,)"[=+\-@]/.test(l))).toBe(true);
      // Shown as text, never as markup.
      expect(await page.locator('[data-check-messages-table] tbody td').nth(5).innerText()).toBe(`"=cmd|' /C calc'!A0"`);
    } finally {
      await close();
    }
  });

  for (const [label, viewport] of [['desktop', undefined], ['360 px', MOBILE]] as const) {
    it(`axe-core: no WCAG 2.1 A/AA violations with results on screen, nothing scrolls sideways (${label})`, async () => {
      const { page, close } = await open({ viewport });
      try {
        await drop(page, [{ name: 'enrollment.csv', body: corpusFile('a demographic count larger than enrollment: refused', 'enrollment.csv') }]);
        await waitForResults(page, 1);
        await page.locator('details.kind').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
        await page.addScriptTag({ content: fs.readFileSync(AXE_SOURCE_PATH, 'utf8') });
        const violations = await page.evaluate(async (tags) => {
          const axe = (window as unknown as { axe: { run: (d: Document, o: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
          const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        }, WCAG_TAGS);
        expect(violations).toEqual([]);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(wide).toBeLessThanOrEqual((viewport ?? { width: 1280 }).width + 1);
      } finally {
        await close();
      }
    });
  }

  it('without JavaScript: the form is hidden, the page says so, and explains every check from the rule definitions', async () => {
    const { page, close } = await open({ javaScript: false });
    try {
      expect(await page.locator('[data-checker]').isVisible()).toBe(false);
      expect(await page.locator('main').innerText()).toContain('The checker runs in your browser and needs JavaScript.');
      expect(await page.locator('#checks-heading').innerText()).toBe('What is checked');
      expect(await page.locator('[data-rule="amount"]').first().textContent()).toMatch(/exact to the cent/);
      expect(await page.locator('[data-rule="schoolReference"]').count()).toBeGreaterThan(0);
      expect(await page.locator('details.kind').count()).toBe(8);
    } finally {
      await close();
    }
  });

  it('the page links the staff guide and is linked from it', () => {
    const readme = fs.readFileSync(path.join(root, 'data/README.md'), 'utf8');
    expect(readme).toMatch(/\/check\//);
    const html = fs.readFileSync(path.join(site.dist, 'check/index.html'), 'utf8');
    expect(html).toContain('data/README.md');
  });

  it('checks nothing it was not given: ENROLLMENT_CSV as is is clean', async () => {
    const { page, close } = await open();
    try {
      await drop(page, [{ name: 'enrollment.csv', body: Buffer.from(ENROLLMENT_CSV) }]);
      await waitForResults(page, 1);
      expect(await page.locator('[data-check-none]').isVisible()).toBe(true);
      expect(await page.locator('[data-check-summary] tbody td').last().innerText()).toBe('No problems found');
    } finally {
      await close();
    }
  });
});
