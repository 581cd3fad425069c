// quizscan review page: the sheet view: every open item of one participant's sheet at once, beside
// the pages they are on. Keys act on the current row (Enter decides it and moves on); a tap on
// a row's answer decides that row.
'use strict';

(() => {
  const QS = window.QS;
  const { el, button, shown, withToken, cropFigure, KIND_LABEL } = QS.util;
  const $ = (id) => document.getElementById(id);
  const view = { key: null, cur: 0, rows: [] };

  // Items grouped by sheet (participant and session); an unidentified page is a group of its own.
  function groups() {
    const out = new Map();
    for (const it of QS.ordered()) {
      const k = it.participant_id ? it.participant_id + '/' + it.session : 'page:' + (it.page_id ?? 'item' + it.id);
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(it);
    }
    return out;
  }

  function render() {
    const all = groups();
    const keys = [...all.keys()];
    if (!all.has(view.key)) { view.key = keys[0]; view.cur = 0; }
    const items = all.get(view.key) || [];
    view.cur = Math.min(view.cur, items.length - 1);
    const at = keys.indexOf(view.key);
    const first = items[0];
    const title = first && first.participant_id ? 'Sheet of ' + first.participant_id + ' · ' + first.session : 'Unidentified page';
    $('sheet-title').textContent = title + ' — ' + items.length + (items.length === 1 ? ' open item' : ' open items');
    $('sheet-pos').textContent = 'sheet ' + (at + 1) + ' of ' + keys.length;
    $('sheet-prev').disabled = at <= 0;
    $('sheet-next').disabled = at >= keys.length - 1;
    const list = $('sheet-items');
    list.replaceChildren();
    view.rows = items.map((it, i) => row(it, i));
    for (const r of view.rows) list.append(r.li);
    // The pages these items are on, for context.
    const pages = $('sheet-pages');
    pages.replaceChildren();
    const seen = new Set();
    for (const it of items) {
      if (!it.page_image || seen.has(it.page_id)) continue;
      seen.add(it.page_id);
      const fig = el('figure', 'sheet-page');
      const img = el('img');
      img.alt = 'page ' + (it.sheet_page || '?') + ' of the sheet';
      img.src = withToken(it.page_image);
      fig.append(img, el('figcaption', null, (it.sheet_page ? 'page ' + it.sheet_page + ' · ' : '') + it.source + (it.page_index ? ' p' + it.page_index : '')));
      pages.append(fig);
    }
    document.body.dataset.state = 'sheet';
    focusRow();
  }

  function row(it, i) {
    const li = el('li', 'sheet-row');
    li.dataset.itemId = String(it.id);
    const head = el('div', 'sheet-row-head');
    head.append(el('span', 'kind', KIND_LABEL[it.kind] || it.kind), el('span', 'item-id', '#' + it.id),
      el('span', 'sheet-field', it.question || it.field || ''));
    const r = { it, li, confirming: null };
    r.crop = cropFigure(it, { pageIfNoCrop: it.kind === 'page_answers', minHeight: it.kind === 'number' ? 64 : 40 });
    r.widget = QS.widget(it, { blind: QS.state.blind, submit: (v) => submitRow(i, v) });
    const actions = el('div', 'row-actions');
    actions.append(button('primary', 'Accept', 'Enter', () => submitRow(i)));
    li.append(head, el('p', 'reason', it.reason || ''));
    if (r.crop.fig) li.append(r.crop.fig);
    li.append(r.widget.root, actions);
    li.addEventListener('click', () => { if (view.cur !== i) { view.cur = i; focusRow(); } });
    return r;
  }

  function focusRow() {
    view.rows.forEach((r, i) => r.li.classList.toggle('current', i === view.cur));
    const r = view.rows[view.cur];
    if (!r) return;
    r.widget.focus();
    r.li.scrollIntoView({ block: 'nearest' });
  }

  async function submitRow(i, forced) {
    const r = view.rows[i];
    if (!r) return;
    view.cur = i;
    const value = forced !== undefined ? forced : r.widget.value();
    if (value === null) { QS.message(r.widget.missing, 'error'); return; }
    const guess = r.it.guess ?? '';
    if (QS.state.blind && r.it.kind === 'number' && value !== guess && Number(value) !== Number(guess) && r.confirming !== value) {
      r.confirming = value;
      QS.message('Second look at #' + r.it.id + ': you read ' + shown(value) + ', the recogniser read ' + shown(guess) +
        '. Enter keeps ' + shown(value) + '.', 'error');
      return;
    }
    const res = await QS.decide(r.it, value, false);
    if (!res.ok && !res.stale) return;
    if (await QS.loadQueue()) QS.render();
    if (res.stale) QS.message(res.data.error, 'error');
  }

  function move(d) {
    const keys = [...groups().keys()];
    const at = keys.indexOf(view.key) + d;
    if (at < 0 || at >= keys.length) return;
    view.key = keys[at];
    view.cur = 0;
    render();
  }

  function key(e) {
    const r = view.rows[view.cur];
    if (!r) return;
    const k = e.key;
    if (k === 'Enter') { e.preventDefault(); submitRow(view.cur); return; }
    const handled = r.widget.key(e);
    if (handled === 'default') return;
    if (handled) { e.preventDefault(); return; }
    if (k === 'ArrowDown' || k === 'ArrowUp') { e.preventDefault(); view.cur = Math.max(0, Math.min(view.rows.length - 1, view.cur + (k === 'ArrowDown' ? 1 : -1))); focusRow(); return; }
    if (k === ']' || k === '[') { e.preventDefault(); move(k === ']' ? 1 : -1); return; }
    if (k === 'v' || k === 'Escape') { e.preventDefault(); QS.setMode('sheet'); return; }
    if (k === 'h') { e.preventDefault(); QS.setMode('history'); return; }
    if (k === 'u' && !r.widget.touched) { e.preventDefault(); QS.undo(); return; }
    if (k.length === 1) e.preventDefault();
  }

  function fit() { for (const r of view.rows) r.crop.fit(); }

  $('sheet-prev').addEventListener('click', () => move(-1));
  $('sheet-next').addEventListener('click', () => move(1));
  $('sheet-close').addEventListener('click', () => QS.setMode('sheet'));
  QS.sheet = { render, key, fit };
})();
