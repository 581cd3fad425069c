// Browser test of the review page: real headless Chromium (Debian's), driven by keys, by mouse,
// and by touch at a phone's width (390 px); screenshots go to REVIEW_OUT_DIR for a person to look at.
// Needs REVIEW_FIXTURE and REVIEW_SERVE (built by CMake: review_fixture, review_serve);
// writes screenshots to REVIEW_OUT_DIR (default: build-review/). Run: node --test review.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FIXTURE = process.env.REVIEW_FIXTURE || join(root, 'build-review/tests/review/review_fixture');
const SERVE = process.env.REVIEW_SERVE || join(root, 'build-review/tests/review/review_serve');
const OUT = process.env.REVIEW_OUT_DIR || join(root, 'build-review');

function why_skip() {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (!existsSync(join(here, 'node_modules/playwright-core'))) return 'tests/browser/node_modules/playwright-core is missing (scripts/install-deps)';
  for (const exe of [FIXTURE, SERVE]) if (!existsSync(exe)) return `${exe} is not built (cmake --build build-review --target review_fixture review_serve)`;
  return null;
}
const skip = why_skip();
if (skip) console.log(`SKIP review browser test: ${skip}`);

// A fixture DB and a review server on it; resolves to {db, ids, url, stop}.
async function startServer(tmp, name, extraArgs = []) {
  const db = join(tmp, name + '.sqlite');
  const ids = JSON.parse(execFileSync(FIXTURE, [db], { encoding: 'utf8' }));
  const child = spawn(SERVE, [db, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('review_serve printed no URL: ' + out + err)), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}/);
      if (m) { clearTimeout(timer); ok(m[0]); }
    });
    child.on('exit', (code) => fail(new Error(`review_serve exited (${code}): ${err}`)));
  });
  const stop = () => new Promise((ok) => {
    if (child.exitCode !== null) return ok();
    child.once('exit', ok);
    child.kill('SIGTERM');
  });
  return { db, ids, url, stop };
}

async function launch(tmp, opts = {}) {
  const require = createRequire(join(here, 'package.json'));
  const { chromium } = require('playwright-core');
  const userDataDir = mkdtempSync(join(tmp, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: opts.viewport || { width: 1280, height: 860 },
    colorScheme: opts.colorScheme || 'light',
    hasTouch: !!opts.touch,
    isMobile: !!opts.touch,
    deviceScaleFactor: opts.touch ? 2 : 1,
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('dialog', (d) => { problems.push('dialog opened (script ran from data?): ' + d.message()); d.dismiss(); });
  return { context, page, problems };
}

const sql = (db, q) => execFileSync('sqlite3', ['-separator', '|', db, q], { encoding: 'utf8' }).trim();

async function waitItem(page, id) {
  try {
    await page.waitForSelector(`#card:not([hidden])[data-item-id="${id}"][data-ready="1"]`, { timeout: 5000 });
  } catch (e) {
    const now = await page.evaluate(() => [document.getElementById('card').dataset.itemId, document.getElementById('message').textContent]);
    throw new Error(`item ${id} not shown; on screen: item ${now[0]}, message "${now[1]}"`);
  }
}

const api = async (srv, method, path, body) => {
  const u = new URL(srv.url);
  const r = await fetch(`${u.origin}${path}`, {
    method,
    headers: { Authorization: 'Bearer ' + u.searchParams.get('token'), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, data: await r.json() };
};
// Nothing wider than the phone's 390 px (a mobile browser would zoom the page out to show it).
const noOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth <= 390);
const selectedLabel = (page) => page.textContent('#widget-slot .option.selected .option-label');

test('review page: keyboard-only pass over every kind, undo, safe rendering', { skip: skip ?? false, timeout: 120000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'quizscan-review-browser-'));
  mkdirSync(OUT, { recursive: true });
  const srv = await startServer(tmp, 'review');
  const { context, page, problems } = await launch(tmp);
  const ids = srv.ids;
  const timings = [];
  // Presses keys on the item on screen, waits until `next` is shown; records the time.
  const step = async (keys, next, label) => {
    const t0 = performance.now();
    for (const k of keys) {
      if (k.length === 1) await page.keyboard.type(k); else await page.keyboard.press(k);
    }
    if (next === 'done') await page.waitForSelector('#done:not([hidden])', { timeout: 5000 });
    else await waitItem(page, next);
    timings.push({ label, ms: performance.now() - t0 });
  };
  try {
    await page.goto(srv.url);
    await waitItem(page, ids.identity);
    assert.equal(await page.textContent('#count'), '10 of 10 left');
    assert.equal(await page.textContent('#item-id'), '#' + ids.identity);

    // The file name "<img src=x onerror=alert(1)>.pdf" is shown as text, never parsed as HTML.
    assert.equal(await page.textContent('#where'), '<img src=x onerror=alert(1)>.pdf, page 1');
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(await page.isVisible('#preview'), true, 'an unidentified page shows its whole page');
    // The pages the roster still lacks, the printed-ID guess (55120) and the page side on top: Enter takes it.
    assert.equal(await selectedLabel(page), '551204 · post · page 2');
    assert.match(await page.textContent('#widget-slot .option.selected .option-detail'), /printed ID read as 55120/);
    await page.screenshot({ path: join(OUT, 'review-identity.png') });
    await step(['Enter'], ids.q1, 'page identity: top choice');
    assert.match(await page.textContent('#message'), /1 other item settled/);   // its missing-page item
    assert.equal(await page.textContent('#count'), '8 of 9 left');

    // Choice: bubbles with fills, guess "b" prefilled.
    assert.equal(await page.textContent('#widget-slot output.answer'), 'b');
    assert.equal(await page.locator('.bubble').count(), 4);
    assert.equal(await page.textContent('.bubble.selected .circle'), 'b');
    await page.keyboard.press('p');   // page preview on, for the screenshot
    await page.waitForSelector('#preview:not([hidden])');
    await page.waitForFunction(() => document.getElementById('preview-img').complete);
    await page.screenshot({ path: join(OUT, 'review.png') });
    await page.keyboard.press('p');
    await step(['Enter'], ids.q2, 'choice accepted');
    await step(['c', 'Enter'], ids.no_research, 'choice typed');
    assert.equal(await page.isVisible('#audit'), true, 'a spot check says so');
    // NO RESEARCH has no default: Enter alone does nothing.
    assert.equal(await page.locator('#widget-slot .option.selected').count(), 0);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /no default/.test(document.getElementById('message').textContent));
    assert.equal(await page.getAttribute('#card', 'data-item-id'), String(ids.no_research));
    await page.screenshot({ path: join(OUT, 'review-checkbox.png') });
    await step(['n', 'Enter'], ids.q6, 'checkbox chosen');
    assert.equal(await page.inputValue('#widget-slot input'), '40');
    await page.screenshot({ path: join(OUT, 'review-number.png') });
    await step(['4', '8', 'Enter'], ids.q7, 'number typed');
    // Ctrl+Z: q6 comes back; correct it.
    await step(['Control+z'], ids.q6, 'undo');
    assert.match(await page.textContent('#message'), /Reopened/);
    await step(['4', '6', 'Enter'], ids.q7, 'number typed');
    assert.equal(await page.inputValue('#widget-slot input'), '0.6');
    await step(['Enter'], ids.q9, 'number accepted');
    // A question with six options: e and f are letters too.
    assert.equal(await page.locator('.bubble').count(), 6);
    await step(['f', 'Enter'], ids.answers, 'choice e-f typed');
    // A page with no marks found: one row per field, keyed from the paper; NO RESEARCH needs a choice.
    assert.equal(await page.locator('.answers-row').count(), 6);
    await page.keyboard.press('a');          // q1 = a, next row
    await page.keyboard.press('Delete');     // q2 blank
    await page.keyboard.press('Shift+C');    // q3: read "b", add c
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('d');          // q4 = d
    await page.keyboard.press('Delete');     // q5 blank; now on NO RESEARCH
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /no default/.test(document.getElementById('message').textContent));
    await page.keyboard.press('y');
    await page.screenshot({ path: join(OUT, 'review-answers.png') });
    await step(['Enter'], ids.duplicate, 'page answers keyed');
    assert.equal(await page.locator('#widget-slot .option').count(), 2);
    await page.screenshot({ path: join(OUT, 'review-duplicate.png') });
    await step(['2', 'Enter'], 'done', 'duplicate picked');
    // Ctrl+Z on the last screen: the duplicate decision comes back; keep the other scan.
    await step(['Control+z'], ids.duplicate, 'undo');
    await step(['1', 'Enter'], 'done', 'duplicate picked');
    assert.equal(await page.textContent('#done-title'), 'All done — 9 items decided');
    assert.match(await page.textContent('#done-closed'), /1 more item was settled by quizscan/);
    const next = await page.locator('#next-commands code').allTextContents();
    assert.equal(next.length, 2);
    assert.match(next[0], /^quizscan export --db \S+review\.sqlite --out results\/$/);
    assert.match(next[1], /^quizscan report --db \S+review\.sqlite --out report\.html$/);
    assert.equal(await page.textContent('#count'), '0 of 9 left');
    await page.screenshot({ path: join(OUT, 'review-done.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await srv.stop();
  }

  // The store holds exactly these decisions, with every step kept.
  const values = sql(srv.db, 'SELECT id, state, value, revision FROM review_items ORDER BY id');
  const want = [
    [ids.identity, 'resolved', '551204/post/2', 1],
    [ids.q1, 'resolved', 'b', 1],
    [ids.q2, 'resolved', 'c', 1],
    [ids.no_research, 'resolved', '', 1],
    [ids.q6, 'resolved', '46', 3],
    [ids.q7, 'resolved', '0.6', 1],
    [ids.q9, 'resolved', 'f', 1],
    [ids.answers, 'resolved', 'q1=a;q2=;q3=bc;q4=d;q5=;no_research=yes', 1],
    [ids.duplicate, 'resolved', String(ids.page_a1), 3],
    [ids.missing, 'resolved', '', 1],
  ].sort((a, b) => a[0] - b[0]).map((r) => r.join('|')).join('\n');
  assert.equal(values, want);
  const history = sql(srv.db, "SELECT item_id, action, COALESCE(old_value, 'NULL'), COALESCE(new_value, 'NULL'), via FROM resolutions ORDER BY id");
  assert.equal(history, [
    `${ids.identity}|resolve|55120|551204/post/2|web`,
    `${ids.missing}|resolve|rescan|NULL|sheets`,
    `${ids.q1}|resolve|b|b|web`,
    `${ids.q2}|resolve||c|web`,
    `${ids.no_research}|resolve|||web`,
    `${ids.q6}|resolve|40|48|web`,
    `${ids.q6}|undo|48|NULL|web`,
    `${ids.q6}|resolve|40|46|web`,
    `${ids.q7}|resolve|0.6|0.6|web`,
    `${ids.q9}|resolve|e|f|web`,
    `${ids.answers}|resolve|q1=;q2=;q3=b;q4=;q5=;no_research=|q1=a;q2=;q3=bc;q4=d;q5=;no_research=yes|web`,
    `${ids.duplicate}|resolve|${ids.page_a1}|${ids.page_b1}|web`,
    `${ids.duplicate}|undo|${ids.page_b1}|NULL|web`,
    `${ids.duplicate}|resolve|${ids.page_a1}|${ids.page_a1}|web`,
  ].join('\n'));

  // Time per item with scripted keys: the machine's floor (server + page), not a person's time.
  const items = timings.filter((t) => t.label !== 'undo');
  const ms = items.map((t) => t.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  console.log(`review keyboard flow: ${ms.length} items, time from item shown to next item shown ` +
    `(scripted keys; the machine's floor, not a person's time): median ${median.toFixed(1)} ms, mean ${mean.toFixed(1)} ms, ` +
    `max ${ms[ms.length - 1].toFixed(1)} ms`);
  for (const t of timings) console.log(`  ${t.label.padEnd(26)} ${t.ms.toFixed(1)} ms`);
  rmSync(tmp, { recursive: true, force: true });
});

test('review page: by mouse alone: taps decide, Accept, Skip and buttons for everything', { skip: skip ?? false, timeout: 90000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'quizscan-review-mouse-'));
  const srv = await startServer(tmp, 'mouse');
  const { context, page, problems } = await launch(tmp);
  const ids = srv.ids;
  try {
    await page.goto(srv.url);
    await waitItem(page, ids.identity);
    await page.click('#widget-slot .option:nth-child(2)');            // the second likeliest page
    await waitItem(page, ids.q1);
    await page.click('.bubble[data-value="c"]');                       // a tap marks c and decides
    await waitItem(page, ids.q2);
    await page.click('#widget-slot button.blank');                     // blank
    await waitItem(page, ids.no_research);
    await page.click('#accept');                                       // nothing chosen: refused
    await page.waitForFunction(() => /no default/.test(document.getElementById('message').textContent));
    await page.click('#widget-slot .option[data-value="yes"]');        // ticked
    await waitItem(page, ids.q6);
    await page.fill('#widget-slot input', '48');
    await page.click('#accept');
    await waitItem(page, ids.q7);
    await page.click('#skip');                                         // later
    await waitItem(page, ids.q9);
    await page.click('#widget-slot button.several');
    await page.click('.bubble[data-value="e"]');
    await page.click('.bubble[data-value="f"]');
    await page.click('#accept');
    await waitItem(page, ids.answers);
    await page.click('.answers-row:nth-child(1) .pick:text-is("b")');
    await page.click('.answers-row:nth-child(2) .pick:text-is("a")');
    await page.click('.answers-row:nth-child(6) .pick:text-is("not ticked")');
    await page.click('#accept');
    // Identified as 551204's pre page 2, the page left that sheet's page 1 missing: asked about now.
    const missing1 = sql(srv.db, "SELECT id FROM review_items WHERE kind = 'sheet_missing' AND field = 'page1'");
    await waitItem(page, missing1);
    await page.click('#widget-slot .option:nth-child(2)');            // not handed in: blank
    await waitItem(page, ids.duplicate);
    await page.click('#widget-slot .option:nth-child(2)');
    await waitItem(page, ids.missing);
    await page.click('#undo');                                         // the duplicate decision back
    await waitItem(page, ids.duplicate);
    await page.click('#widget-slot .option:nth-child(1)');
    await waitItem(page, ids.missing);
    await page.click('#widget-slot .option:nth-child(1)');            // rescan
    await waitItem(page, ids.q7);                                      // the skipped item comes back last
    await page.click('#accept');
    await page.waitForSelector('#done:not([hidden])');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await srv.stop();
  }
  assert.equal(sql(srv.db, `SELECT value FROM review_items WHERE id IN (${[ids.identity, ids.q1, ids.q2, ids.no_research, ids.q6,
    ids.q7, ids.q9, ids.answers, ids.duplicate].join(',')}) ORDER BY id`), [
    '551204/pre/2', 'c', '', 'yes', '48', '0.6', 'ef', 'q1=b;q2=a;q3=b;q4=;q5=;no_research=', String(ids.page_a1),
  ].join('\n'));
  // 551204's missing post page 2 was not this page: it was still asked about.
  assert.equal(sql(srv.db, `SELECT value FROM review_items WHERE id = ${ids.missing}`), 'rescan');
  assert.equal(sql(srv.db, "SELECT value FROM review_items WHERE kind = 'sheet_missing' AND field = 'page1'"), 'blank');
  rmSync(tmp, { recursive: true, force: true });
});

test('review page: at a phone\'s width (390 px), by touch; dark mode', { skip: skip ?? false, timeout: 90000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'quizscan-review-phone-'));
  const srv = await startServer(tmp, 'phone');
  const { context, page, problems } = await launch(tmp, { viewport: { width: 390, height: 844 }, touch: true });
  const ids = srv.ids;
  try {
    await page.goto(srv.url);
    await waitItem(page, ids.identity);
    assert.equal(await noOverflow(page), true, 'nothing wider than the phone');
    await page.screenshot({ path: join(OUT, 'review-phone-identity.png'), fullPage: true });
    await page.tap('#widget-slot .option:nth-child(1)');
    await waitItem(page, ids.q1);
    assert.equal(await noOverflow(page), true);
    await page.screenshot({ path: join(OUT, 'review-phone-choice.png'), fullPage: true });
    await page.tap('.bubble[data-value="b"]');
    await waitItem(page, ids.q2);
    await page.tap('#widget-slot button.blank');
    await waitItem(page, ids.no_research);
    await page.tap('#widget-slot .option[data-value=""]');
    await waitItem(page, ids.q6);
    // The number's crop stays legible: at least 64 px high, wrapped in strips that show all of it.
    const strips = page.locator('#crop-slot .strip img');
    assert.ok(await strips.count() >= 2, 'a wide number row is wrapped');
    for (const box of await Promise.all((await strips.all()).map((s) => s.boundingBox()))) {
      assert.ok(box.height >= 64, `number crop strip ${box.width}x${box.height} px at 390 px wide`);
    }
    const shown = await page.evaluate(() => {
      const parts = [...document.querySelectorAll('#crop-slot .strip')].map((s) => [-parseFloat(s.firstChild.style.marginLeft), s.clientWidth, s.firstChild.clientWidth]);
      return parts.every(([left, w], i) => i === 0 || left < parts[i - 1][0] + parts[i - 1][1]) && parts.at(-1)[0] + parts.at(-1)[1] >= parts.at(-1)[2] - 1;
    });
    assert.equal(shown, true, 'the strips overlap and reach the end of the row');
    assert.equal(await noOverflow(page), true);
    const accept = await page.locator('#accept').boundingBox();
    assert.ok(accept.y + accept.height <= 844 && accept.width >= 300, `Accept in reach: ${JSON.stringify(accept)}`);
    await page.screenshot({ path: join(OUT, 'review-phone-number.png') });
    await page.tap('#widget-slot input');
    await page.keyboard.type('48');
    await page.tap('#accept');
    await waitItem(page, ids.q7);
    await page.tap('#accept');
    await waitItem(page, ids.q9);
    await page.tap('.bubble[data-value="e"]');
    await waitItem(page, ids.answers);
    assert.equal(await noOverflow(page), true);
    await page.tap('.answers-row:nth-child(6) .pick:text-is("ticked")');
    await page.screenshot({ path: join(OUT, 'review-phone-answers.png'), fullPage: true });
    await page.tap('#accept');
    await waitItem(page, ids.duplicate);
    await page.tap('#widget-slot .option:nth-child(1)');
    await page.waitForSelector('#done:not([hidden])');
    assert.equal(await noOverflow(page), true);
    await page.screenshot({ path: join(OUT, 'review-phone-done.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
  assert.equal(sql(srv.db, `SELECT value FROM review_items WHERE id IN (${ids.q1}, ${ids.q6}, ${ids.q9}, ${ids.answers}) ORDER BY id`),
    ['b', '48', 'e', 'q1=;q2=;q3=b;q4=;q5=;no_research=yes'].join('\n'));

  // Dark mode follows the system.
  const dark = await launch(tmp, { colorScheme: 'dark' });
  try {
    await api(srv, 'POST', `/api/items/${ids.q7}/undo`, {});
    await dark.page.goto(srv.url);
    await waitItem(dark.page, ids.q7);
    const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 120, `dark background, got ${bg}`);
    await dark.page.screenshot({ path: join(OUT, 'review-dark.png') });
    assert.deepEqual(dark.problems, []);
  } finally {
    await dark.context.close();
    await srv.stop();
  }
  rmSync(tmp, { recursive: true, force: true });
});

test('review page: history: find a decided item and change it in place; a stale change is refused', { skip: skip ?? false, timeout: 60000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'quizscan-review-history-'));
  const srv = await startServer(tmp, 'history');
  const { context, page, problems } = await launch(tmp);
  const ids = srv.ids;
  try {
    for (const [id, value] of [[ids.q1, 'b'], [ids.q6, '46']]) assert.equal((await api(srv, 'POST', `/api/items/${id}`, { value })).status, 200);
    await page.goto(srv.url);
    await waitItem(page, ids.identity);
    await page.keyboard.press('h');
    await page.waitForSelector('#history:not([hidden]) .hist-row');
    assert.equal(await page.locator('.hist-row').count(), 2);               // the decisions, newest first
    await page.keyboard.type('q6');
    await page.waitForFunction(() => document.querySelectorAll('.hist-row').length === 1);
    await page.keyboard.press('Enter');                                     // change the first found
    await page.waitForSelector('.hist-row.editing input');
    assert.equal(await page.inputValue('.hist-row.editing input'), '46');
    await page.keyboard.type('47');
    await page.screenshot({ path: join(OUT, 'review-history.png') });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Changed #\d+ from “46” to “47”/.test(document.getElementById('message').textContent));
    await page.waitForFunction(() => /“46” → “47”/.test(document.querySelector('.hist-row .trail').textContent));
    // Someone else changes q1 while this tab edits it: the tab's change is refused.
    await page.fill('#search', 'q1 482913');
    await page.waitForFunction(() => document.querySelectorAll('.hist-row').length === 1 && /q1/.test(document.querySelector('.hist-field').textContent));
    await page.click('.hist-row .edit');
    await page.waitForSelector('.hist-row.editing .bubble');
    assert.equal((await api(srv, 'POST', `/api/items/${ids.q1}/amend`, { value: 'c', revision: 1 })).status, 200);
    await page.keyboard.press('d');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /changed since the page loaded it/.test(document.getElementById('message').textContent));
    await page.waitForFunction(() => !document.querySelector('.hist-row.editing'));   // the list, reloaded
    await page.keyboard.press('Escape');
    await waitItem(page, ids.identity);
    assert.deepEqual(problems.filter((p) => !p.includes('409')), []);
  } finally {
    await context.close();
    await srv.stop();
  }
  assert.equal(sql(srv.db, `SELECT value FROM review_items WHERE id IN (${ids.q1}, ${ids.q6}) ORDER BY id`), 'c\n47');
  assert.equal(sql(srv.db, `SELECT COALESCE(old_value, 'NULL') || '>' || new_value FROM resolutions WHERE item_id = ${ids.q6} ORDER BY id`), '40>46\n46>47');
  rmSync(tmp, { recursive: true, force: true });
});

test('review page: the sheet view: all open items of a sheet with its pages', { skip: skip ?? false, timeout: 60000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'quizscan-review-sheet-'));
  const srv = await startServer(tmp, 'sheet');
  const { context, page, problems } = await launch(tmp);
  const ids = srv.ids;
  try {
    await page.goto(srv.url);
    await waitItem(page, ids.identity);
    await page.keyboard.press('v');
    await page.waitForSelector('#sheet:not([hidden]) .sheet-row');
    assert.match(await page.textContent('#sheet-title'), /Unidentified page — 1 open item/);
    await page.keyboard.press(']');
    await page.waitForFunction(() => /482913 · pre — 7 open items/.test(document.getElementById('sheet-title').textContent));
    await page.waitForFunction(() => [...document.querySelectorAll('#sheet-pages img')].every((i) => i.complete && i.naturalWidth));
    assert.equal(await page.locator('#sheet-pages img').count(), 3);        // its pages (page 1 scanned twice)
    await page.screenshot({ path: join(OUT, 'review-sheet.png'), fullPage: true });
    await page.keyboard.press('Enter');                                     // q1 as read
    await page.waitForFunction(() => /6 open items/.test(document.getElementById('sheet-title').textContent));
    await page.keyboard.press('a');                                         // q2 = a
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /5 open items/.test(document.getElementById('sheet-title').textContent));
    await page.keyboard.press('y');                                         // NO RESEARCH ticked
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /4 open items/.test(document.getElementById('sheet-title').textContent));
    await page.click(`.sheet-row[data-item-id="${ids.q9}"] .bubble[data-value="d"]`);   // a tap on another row
    await page.waitForFunction(() => /3 open items/.test(document.getElementById('sheet-title').textContent));
    await page.keyboard.press('v');
    await waitItem(page, ids.identity);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await srv.stop();
  }
  assert.equal(sql(srv.db, `SELECT value FROM review_items WHERE id IN (${ids.q1}, ${ids.q2}, ${ids.no_research}, ${ids.q9}) ORDER BY id`),
    ['b', 'a', 'yes', 'd'].join('\n'));
  rmSync(tmp, { recursive: true, force: true });
});

test('review page: blind mode second look; a second tab\'s decision wins (409) and is shown', { skip: skip ?? false, timeout: 60000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'quizscan-review-blind-'));
  const srv = await startServer(tmp, 'blind', ['--blind']);
  const { context, page, problems } = await launch(tmp);
  const ids = srv.ids;
  try {
    await page.goto(srv.url);
    await waitItem(page, ids.identity);
    assert.equal(await page.isVisible('#blind-badge'), true);
    await page.keyboard.press('t');            // type a page instead: x on an empty box means not-a-form
    await page.keyboard.type('x');
    assert.equal(await page.inputValue('#widget-slot input'), 'not-a-form');
    await page.keyboard.press('Enter');
    for (const [id, keys] of [[ids.q1, ['Enter']], [ids.q2, ['Enter']], [ids.no_research, ['n', 'Enter']]]) {
      await waitItem(page, id);
      for (const k of keys) await page.keyboard.press(k);
    }
    await waitItem(page, ids.q6);
    assert.equal(await page.inputValue('#widget-slot input'), '', 'the guess is hidden');
    assert.doesNotMatch(await page.textContent('#card'), /40/);
    await page.keyboard.type('48');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#confirm:not([hidden])');
    const confirm = await page.textContent('#confirm');
    assert.match(confirm, /“48”/);
    assert.match(confirm, /“40”/);
    await page.screenshot({ path: join(OUT, 'review-blind.png') });
    await page.keyboard.press('Enter');   // second Enter confirms
    await waitItem(page, ids.q7);
    await page.keyboard.type('0.6');      // agrees with the recogniser: no second look
    await page.keyboard.press('Enter');
    await waitItem(page, ids.q9);
    await page.keyboard.press('Enter');
    await waitItem(page, ids.answers);
    for (let i = 0; i < 5; ++i) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('n');
    await page.keyboard.press('Enter');
    await waitItem(page, ids.duplicate);

    // A second tab (here: a direct API call) resolves the item on screen first.
    assert.equal((await api(srv, 'POST', `/api/items/${ids.duplicate}`, { value: String(ids.page_b1) })).status, 200);
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');   // this tab's answer is refused (409) and nothing changes
    await waitItem(page, ids.missing);
    assert.match(await page.textContent('#message'), /someone else already resolved this item \(its value is now "\d+"\)/);
    assert.deepEqual(problems.filter((p) => !p.includes('409')), []);
  } finally {
    await context.close();
    await srv.stop();
  }
  assert.equal(sql(srv.db, `SELECT value FROM review_items WHERE id IN (${ids.identity}, ${ids.q6}, ${ids.q7}, ${ids.duplicate}) ORDER BY id`),
    ['not-a-form', '48', '0.6', String(ids.page_b1)].join('\n'));
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM resolutions WHERE item_id = ${ids.duplicate}`), '1');
  rmSync(tmp, { recursive: true, force: true });
});

test('review page: a corrected digit adds the same writer\'s confident numbers to the queue, and says so', { skip: skip ?? false, timeout: 60000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'quizscan-review-writer-'));
  const srv = await startServer(tmp, 'writer');
  const { context, page, problems } = await launch(tmp);
  const ids = srv.ids;
  try {
    // The writer of q6 (482913 pre, guess "40") has two more numbers read confidently, one with a 0.
    const page2 = sql(srv.db, `SELECT page_id FROM review_items WHERE id = ${ids.q6}`);
    const boxes = '{"boxes":[],"blank":false,"decimal_boxes":2}';
    sql(srv.db, `INSERT INTO readings(page_id, field, kind, value, confidence, needs_review, measurements) VALUES
      (${page2}, 'q6_fp16', 'number', '100', 0.99, 0, '${boxes}'), (${page2}, 'q7_quebec', 'number', '35', 0.99, 0, '${boxes}')`);
    // The items before q6 are decided elsewhere (another tab), so the page opens on q6.
    for (const [id, value] of [[ids.identity, 'not-a-form'], [ids.q1, 'b'], [ids.q2, ''], [ids.no_research, '']]) {
      const r = await api(srv, 'POST', `/api/items/${id}`, { value });
      assert.equal(r.status, 200, `item ${id}: ${JSON.stringify(r.data)}`);
    }
    await page.goto(srv.url);
    await waitItem(page, ids.q6);
    assert.equal(await page.textContent('#count'), '6 of 10 left');
    await page.keyboard.type('48');
    await page.keyboard.press('Enter');
    await waitItem(page, ids.q7);
    assert.match(await page.textContent('#message'), /1 more number by this writer added to the queue/);
    assert.equal(await page.textContent('#count'), '6 of 11 left');
    await page.screenshot({ path: join(OUT, 'review-writer-follow-up.png') });
    await page.keyboard.press('Enter');   // q7 as guessed
    await waitItem(page, ids.q9);
    await page.keyboard.press('Enter');
    const next = sql(srv.db, `SELECT id FROM review_items WHERE field = 'q6_fp16'`);
    await waitItem(page, next);           // the follow-up comes next (same page), its guess prefilled
    assert.equal(await page.inputValue('#widget-slot input'), '100');
    assert.match(await page.textContent('#card'), /same writer as q6_int4 \(8 read as 0 there\)/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await srv.stop();
  }
  rmSync(tmp, { recursive: true, force: true });
});
