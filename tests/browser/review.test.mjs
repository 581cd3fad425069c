// Browser test of the review page: real headless Chromium (Debian's), keyboard only.
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

async function launch(tmp) {
  const require = createRequire(join(here, 'package.json'));
  const { chromium } = require('playwright-core');
  const userDataDir = mkdtempSync(join(tmp, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 860 },
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
  await page.waitForSelector(`#card:not([hidden])[data-item-id="${id}"][data-ready="1"]`, { timeout: 5000 });
}

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
    assert.equal(await page.textContent('#count'), '8 of 8 left');

    // The file name "<img src=x onerror=alert(1)>.pdf" is shown as text, never parsed as HTML.
    assert.equal(await page.textContent('#where'), '<img src=x onerror=alert(1)>.pdf, page 1');
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(await page.isVisible('#preview'), true, 'an unidentified page shows its whole page');
    await page.screenshot({ path: join(OUT, 'review-identity.png') });
    await step(['4', '8', '2', '9', '1', '3', ' ', 'p', 'r', 'e', ' ', '2', 'Enter'], ids.q1, 'page identity typed');

    // Choice: bubbles with fills, guess "b" prefilled.
    assert.equal(await page.inputValue('#answer'), 'b');
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
    await page.screenshot({ path: join(OUT, 'review-checkbox.png') });
    await step(['Enter'], ids.q6, 'checkbox accepted');
    assert.equal(await page.inputValue('#answer'), '40');
    await page.screenshot({ path: join(OUT, 'review-number.png') });
    await step(['4', '8', 'Enter'], ids.q7, 'number typed');
    // Ctrl+Z: q6 comes back; correct it.
    await step(['Control+z'], ids.q6, 'undo');
    assert.match(await page.textContent('#message'), /Reopened/);
    await step(['4', '6', 'Enter'], ids.q7, 'number typed');
    assert.equal(await page.inputValue('#answer'), '0.6');
    await step(['Enter'], ids.duplicate, 'number accepted');
    assert.equal(await page.locator('#options .option').count(), 2);
    await page.screenshot({ path: join(OUT, 'review-duplicate.png') });
    await step(['2', 'Enter'], ids.missing, 'duplicate picked');
    // u (nothing typed yet): the duplicate decision comes back; keep the other scan.
    await step(['u'], ids.duplicate, 'undo');
    await step(['1', 'Enter'], ids.missing, 'duplicate picked');
    await page.screenshot({ path: join(OUT, 'review-missing.png') });
    await step(['2', 'Enter'], 'done', 'missing page: blank');
    assert.equal(await page.textContent('#done-title'), 'All done — 8 items resolved');
    assert.equal(await page.textContent('#count'), '0 of 8 left');
    await page.screenshot({ path: join(OUT, 'review-done.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await srv.stop();
  }

  // The store holds exactly these decisions, with every step kept.
  const values = sql(srv.db, 'SELECT id, state, value, revision FROM review_items ORDER BY id');
  const want = [
    [ids.identity, 'resolved', '482913/pre/2', 1],
    [ids.q1, 'resolved', 'b', 1],
    [ids.q2, 'resolved', 'c', 1],
    [ids.no_research, 'resolved', '', 1],
    [ids.q6, 'resolved', '46', 3],
    [ids.q7, 'resolved', '0.6', 1],
    [ids.duplicate, 'resolved', String(ids.page_a1), 3],
    [ids.missing, 'resolved', 'blank', 1],
  ].sort((a, b) => a[0] - b[0]).map((r) => r.join('|')).join('\n');
  assert.equal(values, want);
  const history = sql(srv.db, "SELECT item_id, action, COALESCE(old_value, 'NULL'), COALESCE(new_value, 'NULL'), via FROM resolutions ORDER BY id");
  assert.equal(history, [
    `${ids.identity}|resolve|NULL|482913/pre/2|web`,
    `${ids.q1}|resolve|b|b|web`,
    `${ids.q2}|resolve||c|web`,
    `${ids.no_research}|resolve|||web`,
    `${ids.q6}|resolve|40|48|web`,
    `${ids.q6}|undo|48|NULL|web`,
    `${ids.q6}|resolve|40|46|web`,
    `${ids.q7}|resolve|0.6|0.6|web`,
    `${ids.duplicate}|resolve|${ids.page_a1}|${ids.page_b1}|web`,
    `${ids.duplicate}|undo|${ids.page_b1}|NULL|web`,
    `${ids.duplicate}|resolve|${ids.page_a1}|${ids.page_a1}|web`,
    `${ids.missing}|resolve|rescan|blank|web`,
  ].join('\n'));

  // Time per item with scripted keys: the machine's floor (server + page), not a person's time.
  const items = timings.filter((t) => t.label !== 'undo' && t.label !== 'page identity typed');
  const ms = items.map((t) => t.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  console.log(`review keyboard flow: ${ms.length} items, time from item shown to next item shown ` +
    `(scripted keys; the machine's floor, not a person's time): median ${median.toFixed(1)} ms, mean ${mean.toFixed(1)} ms, ` +
    `max ${ms[ms.length - 1].toFixed(1)} ms`);
  for (const t of timings) console.log(`  ${t.label.padEnd(22)} ${t.ms.toFixed(1)} ms`);
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
    await page.keyboard.type('not');   // typing x on an empty box means not-a-form; here we type it out
    await page.keyboard.press('Control+a');
    await page.keyboard.type('x');
    assert.equal(await page.inputValue('#answer'), 'not-a-form');
    await page.keyboard.press('Enter');
    for (const id of [ids.q1, ids.q2, ids.no_research]) {
      await waitItem(page, id);
      await page.keyboard.press('Enter');
    }
    await waitItem(page, ids.q6);
    assert.equal(await page.inputValue('#answer'), '', 'the guess is hidden');
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
    await waitItem(page, ids.duplicate);

    // A second tab (here: a direct API call) resolves the item on screen first.
    const u = new URL(srv.url);
    const other = await fetch(`${u.origin}/api/items/${ids.duplicate}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + u.searchParams.get('token'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ value: String(ids.page_b1) }),
    });
    assert.equal(other.status, 200);
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
    const u = new URL(srv.url);
    for (const [id, value] of [[ids.identity, 'not-a-form'], [ids.q1, 'b'], [ids.q2, ''], [ids.no_research, '']]) {
      const r = await fetch(`${u.origin}/api/items/${id}`, {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + u.searchParams.get('token'), 'Content-Type': 'application/json' },
        body: JSON.stringify({ value }),
      });
      assert.equal(r.status, 200, `item ${id}: ${await r.text()}`);
    }
    await page.goto(srv.url);
    await waitItem(page, ids.q6);
    assert.equal(await page.textContent('#count'), '4 of 8 left');
    await page.keyboard.type('48');
    await page.keyboard.press('Enter');
    await waitItem(page, ids.q7);
    assert.match(await page.textContent('#message'), /1 more number by this writer added to the queue/);
    assert.equal(await page.textContent('#count'), '4 of 9 left');
    await page.screenshot({ path: join(OUT, 'review-writer-follow-up.png') });
    await page.keyboard.press('Enter');   // q7 as guessed
    const next = sql(srv.db, `SELECT id FROM review_items WHERE field = 'q6_fp16'`);
    await waitItem(page, next);           // the follow-up comes next (same page), its guess prefilled
    assert.equal(await page.inputValue('#answer'), '100');
    assert.match(await page.textContent('#card'), /same writer as q6_int4 \(8 read as 0 there\)/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await srv.stop();
  }
  rmSync(tmp, { recursive: true, force: true });
});
