/**
 * The HTML viewer in a real browser (Debian's headless Chromium, driven by
 * playwright-core): Tetsuo's T1/T2/T3 livelock (first reaper, his reading
 * exitTakesMmapSem=false: 19 steps, cycle from state 16) loaded from a
 * file:// URL, with every network request failing the test. With
 * UPDATE_SCREENSHOTS=1 it also writes the README's screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { htmlExporter } from '../../src/export/html.js';
import { stateTable } from '../../src/export/htmlStateTable.js';
import { readableStates, traceDocument, type TraceDocument } from '../../src/export/traceDocument.js';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const updateScreenshots = process.env.UPDATE_SCREENSHOTS === '1';
const SCENARIO = 'scenarios/tetsuo-t1-t2-t3.yaml';

if (!haveChromium) console.warn(`html.browser.spec: ${CHROMIUM} not found, browser tests skipped (Debian: apt-get install chromium)`);

describe.skipIf(!haveChromium)(`HTML viewer in headless Chromium (${CHROMIUM})`, () => {
  let doc: TraceDocument;
  let changedKeys: string[][];
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const run = checkScenario(loadScenarioFile(SCENARIO), resolveDesign('reaper-slot', { exitTakesMmapSem: false }), ['no-oom-livelock[H]']);
    doc = traceDocument(run, run.verdicts[0], '0.1.0', SCENARIO);
    // What the panel must mark at each step, from the same table the page embeds.
    const table = stateTable(readableStates(doc));
    const keys = table.sections.flatMap((s) => s.keys);
    changedKeys = table.values.map((values, k) => (k === 0 ? [] : keys.filter((_, i) => values[i] !== table.values[k - 1][i])));
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-html-'));
    const file = join(dir, 'no-oom-livelock[H].html');
    writeFileSync(file, htmlExporter.render(doc));
    url = pathToFileURL(file).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    problems = [];
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The page must work offline: any request other than the file itself fails the test.
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested.startsWith('file:')) return route.continue();
      problems.push(`network request: ${requested}`);
      return route.abort();
    });
    page = await context.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) problems.push(`network request: ${request.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(url);
  });

  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  const position = () => page.locator('#position').textContent();
  const panelChanged = () => page.locator('#state-body tr.changed').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
  const panelValue = (key: string) => page.locator(`#state-body tr[data-key="${key}"] td .text`).textContent();

  test('the trace: 19 steps, the cycle from state 16 marked', () => {
    expect(doc.steps.length).toBe(19);
    expect(doc.loop).toBe(16);
  });

  test('shows the header, every step (one row per step after the initial state) and the cycle', async () => {
    await expect(page.title()).resolves.toBe('tetsuo-t1-t2-t3 · reaper-slot+exitTakesMmapSem=false · no-oom-livelock[H]');
    expect(await page.locator('h1').textContent()).toBe('Counterexample: no-oom-livelock[H] is violated');
    expect(await page.locator('#summary').textContent()).toContain(doc.summary);
    expect(await page.locator('#story').textContent()).toContain('H never gets out of the page allocator: steps 17–19 repeat forever');
    expect(await page.locator('.facts').textContent()).toContain('strong');
    const rows = page.locator('#timeline tbody tr');
    await expect(rows.count()).resolves.toBe(20);
    await expect(page.locator('#timeline tbody tr.step').count()).resolves.toBe(doc.steps.length);
    const actors = await page.locator('#timeline tbody tr.step td.who').allTextContents();
    expect(actors).toEqual(doc.steps.map((s) => s.actor));
    const labels = await page.locator('#timeline tbody tr.step td.what').evaluateAll((cells) => cells.map((cell) => [...cell.querySelectorAll('.clause')].map((c) => c.textContent).join('')));
    expect(labels).toEqual(doc.steps.map((s) => s.label));
    const cycle = await page.locator('#timeline tbody tr.in-cycle').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-step'))));
    expect(cycle).toEqual([17, 18, 19]);
    expect(await page.locator('#step-16 .badge').textContent()).toContain('cycle starts after this state');
    expect(await page.locator('#step-19 .badge').textContent()).toContain('back to step 17, forever');
    expect(await position()).toBe('step 0 of 19');
    expect(await page.locator('#step-0').getAttribute('aria-current')).toBe('step');
    expect(await panelValue('H')).toBe('next: alloc(1)');
    expect(await panelChanged()).toEqual([]);
  });

  test('Next, Previous, First, Last and the arrow keys step through it, the panel marking what changed', async () => {
    await page.getByRole('button', { name: /Next/ }).click();
    expect(await position()).toBe('step 1 of 19');
    expect(await page.locator('#state-step').textContent()).toBe(`H: ${doc.steps[0].label}`);
    expect(await panelValue('H')).toBe('in allocator (retry)');
    expect(await panelChanged()).toEqual(['H']);
    await page.keyboard.press('ArrowRight');
    expect(await position()).toBe('step 2 of 19');
    await page.keyboard.press('ArrowRight');
    expect(await position()).toBe('step 3 of 19');
    expect(await panelValue('T1')).toBe('exited');
    expect(await panelChanged()).toEqual(['T1']);
    await page.keyboard.press('ArrowLeft');
    expect(await position()).toBe('step 2 of 19');
    await page.keyboard.press('ArrowLeft');
    expect(await position()).toBe('step 1 of 19');
    await page.getByRole('button', { name: /Previous/ }).click();
    expect(await position()).toBe('step 0 of 19');
    expect(await page.locator('#prev').getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('button', { name: /Last/ }).click();
    expect(await position()).toBe('step 19 of 19');
    expect(await page.locator('#step-19').getAttribute('aria-current')).toBe('step');
    await page.getByRole('button', { name: /First/ }).click();
    expect(await position()).toBe('step 0 of 19');
    // Every step, in order: the marked rows are exactly those that differ from the previous state.
    for (let k = 1; k <= doc.steps.length; k++) {
      await page.keyboard.press('ArrowRight');
      expect(await position()).toBe(`step ${k} of 19`);
      expect(await panelChanged()).toEqual(changedKeys[k]);
    }
  });

  test('clicking a row selects its step', async () => {
    await page.locator('#step-13 td.what').click();
    expect(await position()).toBe('step 13 of 19');
    expect(await page.locator('#step-13').getAttribute('aria-current')).toBe('step');
    expect(await page.locator('#timeline tr.selected').count()).toBe(1);
    // Step 13: the reaper gives up on T2 after its second failed trylock.
    expect(await panelValue('reaper')).toBe('idle');
    expect(await panelChanged()).toEqual(['reaper']);
  });

  test('at the last step Next goes back to the loop start, and on round the cycle', async () => {
    await page.keyboard.press('End');
    expect(await position()).toBe('step 19 of 19');
    expect(await page.locator('#state-note').textContent()).toContain('Next goes back to the state after step 16, the same state, and the cycle starts again with step 17');
    await page.getByRole('button', { name: /Next/ }).click();
    expect(await position()).toBe('step 16 of 19');
    expect(await page.locator('#state-note').textContent()).toContain('Back to the state after step 16');
    expect(await panelValue('H')).toBe('in allocator (retry)');
    await page.keyboard.press('ArrowRight');
    expect(await position()).toBe('step 17 of 19');
    expect(await panelValue('oom_lock')).toBe('H');
  });

  test.runIf(updateScreenshots)('writes docs/screenshots (UPDATE_SCREENSHOTS=1)', async () => {
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/t1-t2-t3-livelock-start.png' });
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    expect(await position()).toBe('step 16 of 19');
    await page.screenshot({ path: 'docs/screenshots/t1-t2-t3-livelock-cycle.png' });
  });
});
